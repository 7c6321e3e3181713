import { AgendaItemIdSchema, type ConversationChange } from '../contract';
import { removeTalkingPoint } from '../domain';
import type { ApiHandler } from '../http/handler';
import { requireIfMatch } from '../http/preconditions';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

/**
 * DELETE …/conversations/{conversationId}/agenda/{itemId} — the person who added a talking point
 * takes it off the draft's agenda, under the version they saw (If-Match). Answers the conversation
 * with its new revision; the point's id is never given to another.
 */
export const deleteAgendaItem: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const itemId = pathParam(request, 'itemId', AgendaItemIdSchema);
  const ifMatch = requireIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { conversation } = await unlessStale(
    context.services.plans.changeConversation(access.partitionKey, conversationId, { ifMatch }, ({ value }) => ({
      conversation: allowedOrRefused(removeTalkingPoint(value, itemId, changeBy(context, access))),
      audit: auditEntry(context, access, 'agenda.remove', `${conversationId}/${itemId}`),
      result: null,
    })),
    () => staleConversationError(context, access, conversationId),
  );
  await announceChange(context, access, {
    conversationId,
    revision: conversation.value.revision,
    etag: conversation.etag,
    kind: 'agenda.remove',
    itemId,
  });
  const result: ConversationChange = { conversation: conversationRecord(conversation) };
  return json(200, result, withEtag(conversation.etag));
};
