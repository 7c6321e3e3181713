import {
  AgendaItemIdSchema,
  ConversationIdSchema,
  GuidSchema,
  UpdateAgendaItemRequestSchema,
  type AgendaItemResult,
} from '../contract';
import { tickAgendaItem } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, readConversationForWrite, staleConversationError } from './plan-access';

/** PATCH …/conversations/{conversationId}/agenda/{itemId} — tick an item as discussed, or untick it. */
export const updateAgendaItem: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const itemId = pathParam(request, 'itemId', AgendaItemIdSchema);
  const body = await readJsonBody(request, UpdateAgendaItemRequestSchema);
  const ifMatch = requireIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const stored = await readConversationForWrite(context, access, conversationId, ifMatch);
  const change = { by: context.identity.userId, at: context.services.now().toISOString() };
  const { conversation, item } = allowedOrRefused(tickAgendaItem(stored.value, itemId, body.discussed, change));
  const etag = await unlessStale(
    context.services.plans.replaceConversation(
      access.partitionKey,
      { ...stored, value: conversation },
      auditEntry(context, access, 'agenda.tick', `${conversationId}/${itemId}`),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const result: AgendaItemResult = { item, conversationEtag: etag };
  return json(200, result, withEtag(etag));
};
