import { GuidSchema, PreparePointRequestSchema, type PreparedPoints } from '../contract';
import { preparePoint } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused } from '../http/problem';
import { pathParam, readJsonBody } from '../http/request';
import { json } from '../http/response';
import { newPreparedPointId } from '../store';
import { auditEntry, authorisePlan, changeBy } from './plan-access';

/**
 * POST /api/plans/{employeeId}/prepared {text, type?} — either person prepares a talking point for
 * the next conversation (of one kind, or either); it joins that conversation's agenda when it starts.
 */
export const addPreparedPoint: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const body = await readJsonBody(request, PreparePointRequestSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const change = changeBy(context, access);
  const point = { id: newPreparedPointId(), text: body.text, type: body.type };
  const stored = await context.services.plans.updatePrepared(
    access.partitionKey,
    (points) => allowedOrRefused(preparePoint(points, point, change)),
    auditEntry(context, access, 'plan.prepare', point.id),
  );
  const result: PreparedPoints = { points: stored.value };
  return json(201, result);
};
