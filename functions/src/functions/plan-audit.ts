import { GuidSchema, type AuditTrail } from '../contract';
import type { ApiHandler } from '../http/handler';
import { pathParam } from '../http/request';
import { json } from '../http/response';
import { authorisePlan } from './plan-access';

const SHOWN = 200;

/** GET /api/plans/{employeeId}/audit — the employee sees who changed, exported or tried to reach their plan. */
export const getAudit: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const access = await authorisePlan(context, employeeId, 'readAudit');
  const entries = await context.services.audit.list(access.partitionKey, SHOWN);
  const names = new Map<string, string>([[access.employee.id, access.employee.displayName]]);
  if (access.manager) names.set(access.manager.id, access.manager.displayName);
  const body: AuditTrail = {
    entries: entries.map((entry) => ({
      ...entry,
      // Someone who was refused is not named: the trail must not become a way to look people up.
      actorName:
        names.get(entry.actorId) ?? (entry.actorRole === 'none' ? 'Someone without access' : 'A former manager'),
    })),
  };
  return json(200, body);
};
