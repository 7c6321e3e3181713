import {
  AgendaItemIdSchema,
  ConversationIdSchema,
  UpdateAgendaItemRequestSchema,
  type AgendaItemResult,
} from '../contract';
import { checkEditable, type AgendaItem } from '../domain';
import type { ApiHandler } from '../http/handler';
import { notFound, ruleError } from '../http/problem';
import { pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { conversationForWrite, staleConversation } from './views';

/** PATCH …/conversations/{conversationId}/agenda/{itemId} — tick an item as discussed, or untick it. */
export const updateAgendaItem: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const itemId = pathParam(request, 'itemId', AgendaItemIdSchema);
  const body = await readJsonBody(request, UpdateAgendaItemRequestSchema);
  const stored = await conversationForWrite(context, access, conversationId, requireIfMatch(request));
  const conversation = stored.value;
  const violation = checkEditable(conversation);
  if (violation) throw ruleError(violation);
  const existing = conversation.agenda.find((item) => item.id === itemId);
  if (!existing) throw notFound('agenda item');
  const { discussedBy: _by, discussedAt: _at, ...rest } = existing;
  const item: AgendaItem = body.discussed
    ? {
        ...rest,
        discussed: true,
        discussedBy: context.identity.userId,
        discussedAt: context.services.now().toISOString(),
      }
    : { ...rest, discussed: false };
  try {
    const etag = await context.services.plans.replaceConversation(
      access.partitionKey,
      {
        ...stored,
        value: { ...conversation, agenda: conversation.agenda.map((entry) => (entry.id === itemId ? item : entry)) },
      },
      auditEntry(context, access, 'agenda.tick', `${conversationId}/${itemId}`),
    );
    const result: AgendaItemResult = { item, conversationEtag: etag };
    return json(200, result, withEtag(etag));
  } catch (error) {
    if (error instanceof StaleEtagError) throw await staleConversation(context, access, conversationId);
    throw error;
  }
};
