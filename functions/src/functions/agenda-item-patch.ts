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
  type Change,
  type Conversation,
  type Decision,
} from '../domain';
import type { ApiHandler } from '../http/handler';
import { requireIfMatch } from '../http/preconditions';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

type ItemEdit = UpdateAgendaItemRequest;

/** The kind of change the request asks for (the contract lets a body ask for one), as the audit trail names it. */
function itemEditKind(body: ItemEdit): 'agenda.tick' | 'agenda.note' | 'agenda.edit' | 'review.propose' {
  if (body.discussed !== undefined) return 'agenda.tick';
  if (body.note !== undefined) return 'agenda.note';
  if (body.text !== undefined) return 'agenda.edit';
  return 'review.propose';
}

/** The one change the request asks for, decided by its rule (in the order of `itemEditKind`). */
function decideItemEdit(
  conversation: Conversation,
  itemId: string,
  body: ItemEdit,
  change: Change,
): Decision<{ conversation: Conversation; item: AgendaItem }> {
  if (body.discussed !== undefined) return tickAgendaItem(conversation, itemId, body.discussed, change);
  if (body.note !== undefined) return writeItemNote(conversation, itemId, body.note, change);
  if (body.text !== undefined) return editTalkingPoint(conversation, itemId, body.text, change);
  return proposeReview(conversation, itemId, body.proposal ?? null, change);
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
  const ifMatch = requireIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const change = changeBy(context, access);
  const kind = itemEditKind(body);
  const { result: item, conversation } = await unlessStale(
    context.services.plans.changeConversation(access.partitionKey, conversationId, { ifMatch }, ({ value }) => {
      const decided = allowedOrRefused(decideItemEdit(value, itemId, body, change));
      return {
        conversation: decided.conversation,
        audit: auditEntry(context, access, kind, `${conversationId}/${itemId}`),
        result: decided.item,
      };
    }),
    () => staleConversationError(context, access, conversationId),
  );
  await announceChange(context, access, {
    conversationId,
    revision: conversation.value.revision,
    etag: conversation.etag,
    kind,
    itemId,
  });
  const result: AgendaItemResult = {
    item,
    conversation: conversationRecord(conversation),
    conversationEtag: conversation.etag,
  };
  return json(200, result, withEtag(conversation.etag));
};
