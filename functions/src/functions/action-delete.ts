import { ActionIdSchema } from '../contract';
import { removeAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, notFound, unlessStale } from '../http/problem';
import { conversationParams, pathParam } from '../http/request';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';

/**
 * DELETE …/conversations/{conversationId}/actions/{actionId} — either person removes an action
 * from a draft. Once agreed, actions are a record and cannot be removed.
 */
export const deleteAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const actionId = pathParam(request, 'actionId', ActionIdSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const [action, conversation] = await Promise.all([
    plans.readAction(access.partitionKey, conversationId, actionId),
    plans.readConversation(access.partitionKey, conversationId),
  ]);
  if (!action || !conversation) throw notFound('action');
  const next = allowedOrRefused(removeAction(conversation.value, changeBy(context, access)));
  await unlessStale(
    plans.removeDraftAction(
      access.partitionKey,
      { ...conversation, value: next },
      action,
      auditEntry(context, access, 'action.remove', `${conversationId}/${actionId}`),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  return { status: 204, headers: { 'Cache-Control': 'no-store' } };
};
