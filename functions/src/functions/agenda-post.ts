import { AddTalkingPointRequestSchema, ConversationIdSchema, GuidSchema, type AgendaItemResult } from '../contract';
import { addTalkingPoint as addTalkingPointTo } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { idempotencyKey, optionalIfMatch, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, readConversationForWrite, staleConversationError } from './plan-access';

/** POST …/conversations/{conversationId}/agenda — either person adds a talking point (author kept). */
export const addTalkingPoint: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const body = await readJsonBody(request, AddTalkingPointRequestSchema);
  const key = idempotencyKey(request);
  const ifMatch = optionalIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const stored = await readConversationForWrite(context, access, conversationId, ifMatch, key);
  const replayed = key ? stored.value.agenda.find((entry) => entry.id === stored.idempotencyKeys[key]) : undefined;
  if (replayed) {
    // The same request again (a retry): answer what the first one made.
    const replay: AgendaItemResult = { item: replayed, conversationEtag: stored.etag };
    return json(200, replay, withEtag(stored.etag));
  }
  const change = { by: context.identity.userId, at: context.services.now().toISOString() };
  const { conversation, item } = allowedOrRefused(addTalkingPointTo(stored.value, body, change));
  const etag = await unlessStale(
    context.services.plans.replaceConversation(
      access.partitionKey,
      {
        ...stored,
        value: conversation,
        idempotencyKeys: key ? { ...stored.idempotencyKeys, [key]: item.id } : stored.idempotencyKeys,
      },
      auditEntry(context, access, 'agenda.add', `${conversationId}/${item.id}`),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const result: AgendaItemResult = { item, conversationEtag: etag };
  return json(201, result, withEtag(etag));
};
