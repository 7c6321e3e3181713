import { AuditQuerySchema, GuidSchema, type AuditTrail } from '../contract';
import type { ApiHandler } from '../http/handler';
import { pathParam, queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { authorisePlan } from './plan-access';
import { auditEntryView } from './views';

/**
 * GET /api/plans/{employeeId}/audit?pageSize=&continuation= — the employee sees who changed,
 * exported or tried to reach their plan, newest first, a page at a time.
 */
export const getAudit: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const query = validate(AuditQuerySchema, queryObject(request), 'query');
  const access = await authorisePlan(context, employeeId, 'readAudit');
  const page = await context.services.audit.listPage(access.partitionKey, query.pageSize, query.continuation);
  const body: AuditTrail = {
    entries: page.entries.map((entry) => auditEntryView(entry, access)),
    continuation: page.continueAfter,
  };
  return json(200, body);
};
