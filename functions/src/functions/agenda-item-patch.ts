import { AgendaItemIdSchema, UpdateAgendaItemRequestSchema, type AgendaItemResult } from '../contract';
import { proposeReview, tickAgendaItem, writeItemNote } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, readConversationForWrite, staleConversationError } from './plan-access';

/**
 * PATCH …/conversations/{conversationId}/agenda/{itemId} — tick an item as discussed or untick it;
 * for an action carried from last time, propose its status (it takes effect when both agree).
 */
export const updateAgendaItem: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const itemId = pathParam(request, 'itemId', AgendaItemIdSchema);
  const body = await readJsonBody(request, UpdateAgendaItemRequestSchema);
  const ifMatch = requireIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const stored = await readConversationForWrite(context, access, conversationId, ifMatch);
  const change = changeBy(context, access);
  const { conversation, item } = allowedOrRefused(
    body.discussed !== undefined
      ? tickAgendaItem(stored.value, itemId, body.discussed, change)
      : body.note !== undefined
        ? writeItemNote(stored.value, itemId, body.note, change)
        : proposeReview(stored.value, itemId, body.proposal ?? null, change),
  );
  const etag = await unlessStale(
    context.services.plans.replaceConversation(
      access.partitionKey,
      { ...stored, value: conversation },
      auditEntry(
        context,
        access,
        body.discussed !== undefined ? 'agenda.tick' : body.note !== undefined ? 'agenda.note' : 'review.propose',
        `${conversationId}/${itemId}`,
      ),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const result: AgendaItemResult = { item, conversationEtag: etag };
  return json(200, result, withEtag(etag));
};
