import { AddActionRequestSchema, type ActionResult } from '../contract';
import { newAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { idempotencyKey, optionalIfMatch, conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, readConversationForWrite, staleConversationError } from './plan-access';
import { actionView } from './views';

/** POST …/conversations/{conversationId}/actions — capture an action with one owner. */
export const addAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, AddActionRequestSchema);
  const key = idempotencyKey(request);
  const ifMatch = optionalIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const stored = await readConversationForWrite(context, access, conversationId, ifMatch, key);
  const replayedId = key ? stored.idempotencyKeys[key] : undefined;
  if (replayedId) {
    // The same request again (a retry): answer what the first one made.
    const existing = await plans.readAction(access.partitionKey, conversationId, replayedId);
    if (existing) {
      const replay: ActionResult = { action: actionView(existing), conversationEtag: stored.etag };
      return json(200, replay, withEtag(existing.etag));
    }
  }
  const { conversation, action } = allowedOrRefused(
    newAction(stored.value, stored.actionSeq, body, changeBy(context, access)),
  );
  const etags = await unlessStale(
    plans.addAction(
      access.partitionKey,
      { ...stored, value: conversation },
      action,
      key,
      auditEntry(context, access, 'action.add', `${conversationId}/${action.id}`),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const result: ActionResult = {
    action: { ...action, etag: etags.actionEtag },
    conversationEtag: etags.conversationEtag,
  };
  return json(201, result, withEtag(etags.actionEtag));
};
