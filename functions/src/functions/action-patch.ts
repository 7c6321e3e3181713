import {
  ActionIdSchema,
  ConversationIdSchema,
  GuidSchema,
  UpdateActionRequestSchema,
  type ActionResult,
} from '../contract';
import { countersAfterStatusChange, editAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, notFound, staleError, unlessStale } from '../http/problem';
import { pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan } from './plan-access';
import { actionView } from './views';

/**
 * PATCH …/conversations/{conversationId}/actions/{actionId} — edit an action while its
 * conversation is a draft; mark it done, dropped or open again at any time.
 */
export const updateAction: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
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

  const change = { by: context.identity.userId, at: context.services.now().toISOString() };
  const after = allowedOrRefused(editAction(conversation.value, stored.value, body, change));
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
