import { AddTalkingPointRequestSchema, ConversationIdSchema, type AgendaItemResult } from '../contract';
import { TALKING_POINTS_SECTION_ID, checkCanAddTalkingPoint, isSectionOf, type AgendaItem } from '../domain';
import type { ApiHandler } from '../http/handler';
import { ApiError, ruleError } from '../http/problem';
import { idempotencyKey, optionalIfMatch, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { conversationForWrite, staleConversation } from './views';

function nextPointId(agenda: readonly AgendaItem[]): string {
  const numbers = agenda
    .filter((item) => item.source === 'talkingPoint')
    .map((item) => Number(item.id.split('.')[1] ?? 0));
  return `point.${Math.max(0, ...numbers) + 1}`;
}

/** POST …/conversations/{conversationId}/agenda — either person adds a talking point (author kept). */
export const addTalkingPoint: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const body = await readJsonBody(request, AddTalkingPointRequestSchema);
  const key = idempotencyKey(request);
  const stored = await conversationForWrite(context, access, conversationId, optionalIfMatch(request), key);
  const conversation = stored.value;
  const replayed = key ? conversation.agenda.find((entry) => entry.id === stored.idempotencyKeys[key]) : undefined;
  if (replayed) {
    // The same request again (a retry): answer what the first one made.
    const result: AgendaItemResult = { item: replayed, conversationEtag: stored.etag };
    return json(200, result, withEtag(stored.etag));
  }
  const violation = checkCanAddTalkingPoint(conversation);
  if (violation) throw ruleError(violation);
  const sectionId = body.sectionId ?? TALKING_POINTS_SECTION_ID;
  if (!isSectionOf(conversation.type, sectionId)) {
    throw new ApiError(
      422,
      'No such section',
      `A ${conversation.type}-development agenda has no section "${sectionId}".`,
      {
        errors: [{ field: 'sectionId', message: 'Choose a section of this agenda.' }],
      },
    );
  }
  const item: AgendaItem = {
    id: nextPointId(conversation.agenda),
    sectionId,
    text: body.text,
    source: 'talkingPoint',
    optional: false,
    authorId: context.identity.userId,
    discussed: false,
  };
  try {
    const etag = await context.services.plans.replaceConversation(
      access.partitionKey,
      {
        ...stored,
        value: { ...conversation, agenda: [...conversation.agenda, item] },
        idempotencyKeys: key ? { ...stored.idempotencyKeys, [key]: item.id } : stored.idempotencyKeys,
      },
      auditEntry(context, access, 'agenda.add', `${conversationId}/${item.id}`),
    );
    const result: AgendaItemResult = { item, conversationEtag: etag };
    return json(201, result, withEtag(etag));
  } catch (error) {
    if (error instanceof StaleEtagError) throw await staleConversation(context, access, conversationId);
    throw error;
  }
};
