import type { CareerPlan, PlanView } from '../contract';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { emptySummary, type CareerPlanRecord, type Stored } from '../store';
import { openPlan } from './plan-access';
import { planSummaryView } from './views';

export function careerPlanView(stored: Stored<CareerPlanRecord> | null): CareerPlan {
  if (!stored) return { aspiration: null, focusAreas: [], careerScenario: null, updatedAt: null, etag: null };
  const { aspiration, focusAreas, careerScenario, updatedAt } = stored.value;
  return { aspiration, focusAreas, careerScenario, updatedAt, etag: stored.etag };
}

/** GET /api/plans/{employeeId} — the career plan and the plan's counters: two point reads. */
export const getPlan: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'readPlan');
  const [careerPlan, summary] = await Promise.all([
    context.services.plans.readCareerPlan(access.partitionKey),
    context.services.plans.readSummary(access.partitionKey),
  ]);
  const body: PlanView = {
    role: access.role,
    employee: access.employee,
    manager: access.manager,
    careerPlan: careerPlanView(careerPlan),
    summary: planSummaryView(summary?.value ?? emptySummary()),
  };
  return json(200, body);
};
