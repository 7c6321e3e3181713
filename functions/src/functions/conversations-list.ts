import { GuidSchema, HistoryQuerySchema, type HistoryPage } from '../contract';
import type { ApiHandler } from '../http/handler';
import { pathParam, queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { authorisePlan } from './plan-access';
import { conversationSummary } from './views';

/**
 * GET /api/plans/{employeeId}/conversations?type=&pageSize=&continuation= — history, newest
 * first. The continuation is the last conversation id of the previous page.
 */
export const listConversations: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const query = validate(HistoryQuerySchema, queryObject(request), 'query');
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const page = await context.services.plans.readHistoryPage(access.partitionKey, {
    type: query.type,
    pageSize: query.pageSize,
    after: query.continuation,
  });
  const body: HistoryPage = {
    items: page.conversations.map((conversation) =>
      conversationSummary(
        conversation,
        page.actions.filter((action) => action.value.conversationId === conversation.value.id),
      ),
    ),
    continuation: page.continueAfter,
  };
  return json(200, body);
};
