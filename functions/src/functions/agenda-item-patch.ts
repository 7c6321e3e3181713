import {
  AgendaItemIdSchema,
  UpdateAgendaItemRequestSchema,
  type AgendaItemResult,
  type UpdateAgendaItemRequest,
} from '../contract';
import {
  editTalkingPoint,
  proposeReview,
  tickAgendaItem,
  writeItemNote,
  type AgendaItem,
  type AuditAction,
  type Change,
  type Conversation,
  type Decision,
} from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

type ItemEdit = UpdateAgendaItemRequest;

/** The one change the request asks for, decided by its rule, with the kind its audit entry records. */
function decideItemEdit(
  conversation: Conversation,
  itemId: string,
  body: ItemEdit,
  change: Change,
): { decision: Decision<{ conversation: Conversation; item: AgendaItem }>; audit: AuditAction } {
  if (body.discussed !== undefined) {
    return { decision: tickAgendaItem(conversation, itemId, body.discussed, change), audit: 'agenda.tick' };
  }
  if (body.note !== undefined) {
    return { decision: writeItemNote(conversation, itemId, body.note, change), audit: 'agenda.note' };
  }
  if (body.text !== undefined) {
    return { decision: editTalkingPoint(conversation, itemId, body.text, change), audit: 'agenda.edit' };
  }
  return { decision: proposeReview(conversation, itemId, body.proposal ?? null, change), audit: 'review.propose' };
}

/**
 * PATCH …/conversations/{conversationId}/agenda/{itemId} — tick an item as discussed or untick it,
 * write one's own note under it, reword a talking point one added oneself, or, for an action
 * carried from last time, propose its status (it takes effect when both agree). Answers the item
 * and the conversation as stored after the change.
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
      const { decision, audit } = decideItemEdit(value, itemId, body, change);
      const decided = allowedOrRefused(decision);
      return {
        conversation: decided.conversation,
        audit: auditEntry(context, access, audit, `${conversationId}/${itemId}`),
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
