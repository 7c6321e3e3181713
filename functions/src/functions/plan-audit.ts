import type { AuditTrail } from '../contract';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { openPlan } from './plan-access';

const SHOWN = 200;

/** GET /api/plans/{employeeId}/audit — the employee sees who changed, exported or tried to reach their plan. */
export const getAudit: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'readAudit');
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
