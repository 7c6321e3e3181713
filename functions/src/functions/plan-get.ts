import { GuidSchema, type PlanView } from '../contract';
import { emptyCounters } from '../domain';
import type { ApiHandler } from '../http/handler';
import { pathParam } from '../http/request';
import { json } from '../http/response';
import { authorisePlan } from './plan-access';
import { careerPlanView, nextConversationView, planSummaryView } from './views';

/**
 * GET /api/plans/{employeeId} — the career plan, the plan's counters, what is prepared and the next
 * conversation: the plan's own rows, which sort together, in one ranged query.
 */
export const getPlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const plan = await context.services.plans.readPlanRows(access.partitionKey);
  const body: PlanView = {
    role: access.role,
    employee: access.employee,
    manager: access.manager,
    careerPlan: careerPlanView(plan.careerPlan),
    summary: planSummaryView(plan.summary?.value ?? emptyCounters()),
    prepared: plan.prepared?.value ?? [],
    nextConversation: nextConversationView(plan.nextConversation, context.services.now()),
  };
  return json(200, body);
};
