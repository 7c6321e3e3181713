import { ActionIdSchema, UpdateActionRequestSchema, type ActionResult } from '../contract';
import { countersAfterStatusChange, editAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, notFound, staleError, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy } from './plan-access';
import { actionView } from './views';

/**
 * PATCH …/conversations/{conversationId}/actions/{actionId} — edit an action while its
 * conversation is a draft; mark it done, dropped or open again at any time.
 */
export const updateAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const actionId = pathParam(request, 'actionId', ActionIdSchema);
  const body = await readJsonBody(request, UpdateActionRequestSchema);
  const ifMatch = requireIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const [stored, conversation] = await Promise.all([
    plans.readAction(access.partitionKey, conversationId, actionId),
    plans.readConversation(access.partitionKey, conversationId),
  ]);
  if (!stored || !conversation) throw notFound('action');
  if (stored.etag !== ifMatch) throw staleError('action', actionView(stored));

  const after = allowedOrRefused(editAction(conversation.value, stored.value, body, changeBy(context)));
  const etag = await unlessStale(
    plans.updateAction(
      access.partitionKey,
      after,
      stored.etag,
      countersAfterStatusChange(stored.value, after),
      auditEntry(context, access, 'action.change', `${conversationId}/${actionId}`),
    ),
    async () => {
      const current = await plans.readAction(access.partitionKey, conversationId, actionId);
      return staleError('action', current ? actionView(current) : null);
    },
  );
  const result: ActionResult = { action: { ...after, etag } };
  return json(200, result, withEtag(etag));
};
