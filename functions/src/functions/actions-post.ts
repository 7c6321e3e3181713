import { AddActionRequestSchema, type ActionResult } from '../contract';
import { newAction, type Action } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { allowedOrRefused, notFound, unlessStale } from '../http/problem';
import { idempotencyKey, conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { actionView, conversationRecord } from './views';

/** POST …/conversations/{conversationId}/actions — capture an action with one owner. */
export const addAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, AddActionRequestSchema);
  const key = idempotencyKey(request);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const outcome = await unlessStale(
    plans.changeConversation<{ id: string; made: Action | null }>(
      access.partitionKey,
      conversationId,
      { ifMatch, idempotencyKey: key },
      (stored) => {
        const replayedId = key ? stored.idempotencyKeys[key] : undefined;
        // The same request again (a retry): answer what the first one made.
        if (replayedId) return { replay: { id: replayedId, made: null } };
        const { conversation, action } = allowedOrRefused(
          newAction(
            stored.value,
            { count: stored.actionCount, seq: stored.actionSeq },
            body,
            changeBy(context, access),
          ),
        );
        return {
          conversation,
          newAction: action,
          ...(key ? { madeWith: { key, id: action.id } } : {}),
          audit: auditEntry(context, access, 'action.add', `${conversationId}/${action.id}`),
          result: { id: action.id, made: action },
        };
      },
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const { made, id } = outcome.result;
  // A retry answered from what the first request made changed nothing: no notice.
  if (made) {
    await announceChange(context, access, {
      conversationId,
      revision: outcome.conversation.value.revision,
      etag: outcome.conversation.etag,
      kind: 'action.add',
      itemId: id,
    });
  }
  const action =
    made && outcome.actionEtag
      ? { value: made, etag: outcome.actionEtag }
      : await plans.readAction(access.partitionKey, conversationId, id);
  if (!action) throw notFound('action');
  const result: ActionResult = {
    action: actionView(action),
    conversation: conversationRecord(outcome.conversation),
    conversationEtag: outcome.conversation.etag,
  };
  return json(made ? 201 : 200, result, withEtag(action.etag));
};
