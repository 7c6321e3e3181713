import { GuidSchema, PreparedPointIdSchema, type PreparedPoints } from '../contract';
import { withdrawPreparedPoint } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused } from '../http/problem';
import { pathParam } from '../http/request';
import { json } from '../http/response';
import { auditEntry, authorisePlan, changeBy } from './plan-access';

/** DELETE /api/plans/{employeeId}/prepared/{pointId} — the author takes a prepared point away. */
export const deletePreparedPoint: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const pointId = pathParam(request, 'pointId', PreparedPointIdSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const change = changeBy(context, access);
  const stored = await context.services.plans.updatePrepared(
    access.partitionKey,
    (points) => allowedOrRefused(withdrawPreparedPoint(points, pointId, change)),
    auditEntry(context, access, 'plan.prepare', pointId),
  );
  const result: PreparedPoints = { points: stored.value };
  return json(200, result);
};
