import { AddTalkingPointRequestSchema, type AgendaItemResult } from '../contract';
import { addTalkingPoint as addTalkingPointTo } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { ApiError, allowedOrRefused, unlessStale } from '../http/problem';
import { idempotencyKey, conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

function removedSince(): ApiError {
  return new ApiError(
    410,
    'Removed since',
    'The talking point this request added has been removed since. Add it again as a new request if it still matters.',
  );
}

/** POST …/conversations/{conversationId}/agenda — either person adds a talking point (author kept). */
export const addTalkingPoint: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, AddTalkingPointRequestSchema);
  const key = idempotencyKey(request);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { result, conversation } = await unlessStale(
    context.services.plans.changeConversation(
      access.partitionKey,
      conversationId,
      { ifMatch, idempotencyKey: key },
      (stored) => {
        const madeId = key ? stored.idempotencyKeys[key] : undefined;
        const replayed = madeId ? stored.value.agenda.find((entry) => entry.id === madeId) : undefined;
        // The same request again (a retry): answer what the first one made.
        if (replayed) return { replay: { item: replayed, created: false } };
        // What it made was removed since: a retry must not bring it back as a second point.
        if (madeId) throw removedSince();
        const { conversation: next, item } = allowedOrRefused(
          addTalkingPointTo(stored.value, body, changeBy(context, access)),
        );
        return {
          conversation: next,
          ...(key ? { madeWith: { key, id: item.id } } : {}),
          audit: auditEntry(context, access, 'agenda.add', `${conversationId}/${item.id}`),
          result: { item, created: true },
        };
      },
    ),
    () => staleConversationError(context, access, conversationId),
  );
  // A retry answered from what the first request made changed nothing: no notice.
  if (result.created) {
    await announceChange(context, access, {
      conversationId,
      revision: conversation.value.revision,
      etag: conversation.etag,
      kind: 'agenda.add',
      itemId: result.item.id,
    });
  }
  const answer: AgendaItemResult = {
    item: result.item,
    conversation: conversationRecord(conversation),
    conversationEtag: conversation.etag,
  };
  return json(result.created ? 201 : 200, answer, withEtag(conversation.etag));
};
