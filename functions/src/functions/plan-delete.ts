import type { ApiHandler } from '../http/handler';
import { openPlan, recordAudit } from './plan-access';

/**
 * DELETE /api/plans/{employeeId} — the employee deletes their whole plan: profile,
 * conversations, actions, notes, and the meeting links that led to it. The audit trail keeps
 * the fact (who, when), never the content.
 */
export const deletePlan: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'deletePlan');
  const links = await context.services.plans.deletePlan(access.partitionKey);
  await context.services.links.removeLinksTo(access.employee.id, links);
  await recordAudit(context, access, 'plan.delete');
  return { status: 204, headers: { 'Cache-Control': 'no-store' } };
};
