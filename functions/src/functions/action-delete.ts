import { ActionIdSchema, type ConversationChange } from '../contract';
import { removeAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

/**
 * DELETE …/conversations/{conversationId}/actions/{actionId} — either person removes an action
 * from a draft. Once agreed, actions are a record and cannot be removed. Answers the conversation
 * with its new revision.
 */
export const deleteAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const actionId = pathParam(request, 'actionId', ActionIdSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { conversation } = await unlessStale(
    context.services.plans.changeConversation(access.partitionKey, conversationId, { ifMatch: null }, ({ value }) => ({
      conversation: allowedOrRefused(removeAction(value, changeBy(context, access))),
      removedActionId: actionId,
      audit: auditEntry(context, access, 'action.remove', `${conversationId}/${actionId}`),
      result: null,
    })),
    () => staleConversationError(context, access, conversationId),
  );
  await announceChange(context, access, {
    conversationId,
    revision: conversation.value.revision,
    etag: conversation.etag,
    kind: 'action.remove',
    itemId: actionId,
  });
  const result: ConversationChange = { conversation: conversationRecord(conversation) };
  return json(200, result, withEtag(conversation.etag));
};
