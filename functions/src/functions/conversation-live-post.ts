import type { LiveAccess } from '../contract';
import type { ApiHandler } from '../http/handler';
import { ApiError, notFound, problemResponse } from '../http/problem';
import { conversationParams } from '../http/request';
import { json } from '../http/response';
import { failureKind } from '../notify';
import { authorisePlan } from './plan-access';

/**
 * POST /api/plans/{employeeId}/conversations/{conversationId}/live — where the caller listens for
 * this conversation's changes: a Web PubSub client URL whose token joins the conversation's group
 * alone, for 30 minutes. Allowed to whoever may read the conversation, checked as for reading it
 * (so a former manager's next negotiation fails); `{url: null}` while live updates are off.
 */
export const negotiateLive: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const { plans, live } = context.services;
  if (!(await plans.conversationExists(access.partitionKey, conversationId))) throw notFound('conversation');
  const group = live.groupOf(context.identity.tenantId, access.employee.id, conversationId);
  let answer: LiveAccess;
  try {
    answer = await live.clientAccess(context.identity.userId, group);
  } catch (error) {
    context.invocation.warn(`Live negotiate failed: ${failureKind(error)}`);
    return problemResponse(
      new ApiError(
        503,
        'Live updates unavailable',
        'The conversation cannot be followed live just now; it keeps itself up to date by asking every few seconds.',
      ),
      { 'Retry-After': '30' },
    );
  }
  return json(200, answer);
};
