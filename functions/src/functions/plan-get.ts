import { GuidSchema, type PlanView } from '../contract';
import { emptyCounters } from '../domain';
import type { ApiHandler } from '../http/handler';
import { pathParam } from '../http/request';
import { json } from '../http/response';
import { authorisePlan } from './plan-access';
import { careerPlanView, planSummaryView } from './views';

/** GET /api/plans/{employeeId} — the career plan, the plan's counters and what is prepared: three point reads. */
export const getPlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const [careerPlan, counters, prepared] = await Promise.all([
    context.services.plans.readCareerPlan(access.partitionKey),
    context.services.plans.readSummary(access.partitionKey),
    context.services.plans.readPrepared(access.partitionKey),
  ]);
  const body: PlanView = {
    role: access.role,
    employee: access.employee,
    manager: access.manager,
    careerPlan: careerPlanView(careerPlan),
    summary: planSummaryView(counters?.value ?? emptyCounters()),
    prepared: prepared?.value ?? [],
  };
  return json(200, body);
};
