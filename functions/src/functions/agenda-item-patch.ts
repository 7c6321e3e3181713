import { AgendaItemIdSchema, UpdateAgendaItemRequestSchema, type AgendaItemResult } from '../contract';
import { proposeReview, tickAgendaItem, writeItemNote } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

/**
 * PATCH …/conversations/{conversationId}/agenda/{itemId} — tick an item as discussed or untick it,
 * write one's own note under it, or, for an action carried from last time, propose its status (it
 * takes effect when both agree). Answers the item and the conversation as stored after the change.
 */
export const updateAgendaItem: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const itemId = pathParam(request, 'itemId', AgendaItemIdSchema);
  const body = await readJsonBody(request, UpdateAgendaItemRequestSchema);
  const ifMatch = requireIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const change = changeBy(context, access);
  const { result: item, conversation } = await unlessStale(
    context.services.plans.changeConversation(access.partitionKey, conversationId, { ifMatch }, ({ value }) => {
      const decided = allowedOrRefused(
        body.discussed !== undefined
          ? tickAgendaItem(value, itemId, body.discussed, change)
          : body.note !== undefined
            ? writeItemNote(value, itemId, body.note, change)
            : proposeReview(value, itemId, body.proposal ?? null, change),
      );
      const what =
        body.discussed !== undefined ? 'agenda.tick' : body.note !== undefined ? 'agenda.note' : 'review.propose';
      return {
        conversation: decided.conversation,
        audit: auditEntry(context, access, what, `${conversationId}/${itemId}`),
        result: decided.item,
      };
    }),
    () => staleConversationError(context, access, conversationId),
  );
  const result: AgendaItemResult = {
    item,
    conversation: conversationRecord(conversation),
    conversationEtag: conversation.etag,
  };
  return json(200, result, withEtag(conversation.etag));
};
