import { AddTalkingPointRequestSchema, type AgendaItemResult } from '../contract';
import { addTalkingPoint as addTalkingPointTo } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { idempotencyKey, optionalIfMatch, conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, readConversationForWrite, staleConversationError } from './plan-access';

/** POST …/conversations/{conversationId}/agenda — either person adds a talking point (author kept). */
export const addTalkingPoint: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
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
  const { conversation, item } = allowedOrRefused(addTalkingPointTo(stored.value, body, changeBy(context, access)));
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
