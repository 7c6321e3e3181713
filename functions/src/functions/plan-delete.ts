import { DeletePlanQuerySchema, GuidSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { pathParam, queryObject, validate } from '../http/request';
import { authorisePlan, recordAudit } from './plan-access';

/**
 * DELETE /api/plans/{employeeId}?settings=keep|delete — the employee deletes their whole plan:
 * profile, conversations, actions, notes, the next conversation, the nudges sent about it, and the
 * meeting links that led to it; the plan starts again from now. Their own choice of reminders (and a
 * manager's digest day) stays unless `settings=delete`. The audit trail keeps the fact (who, when),
 * never the content.
 */
export const deletePlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const query = validate(DeletePlanQuerySchema, queryObject(request), 'query');
  const access = await authorisePlan(context, employeeId, 'deletePlan');
  // The plan starts over: fresh counters dated now, so the cadence does not call it overdue at once.
  const links = await context.services.plans.deletePlan(
    access.partitionKey,
    context.services.now().toISOString(),
    query.settings,
  );
  await context.services.links.removeLinksTo(access.employee.id, links);
  await context.services.nudges.forget(context.identity.tenantId, access.employee.id);
  await recordAudit(context, access, 'plan.delete', query.settings === 'delete' ? 'settings' : undefined);
  return { status: 204, headers: { 'Cache-Control': 'no-store' } };
};
