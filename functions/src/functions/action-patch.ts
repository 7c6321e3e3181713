import { ActionIdSchema, UpdateActionRequestSchema, type ActionResult } from '../contract';
import { countersAfterStatusChange, editAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, notFound, staleError, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { actionView } from './views';

/**
 * PATCH …/conversations/{conversationId}/actions/{actionId} — while a draft, either person edits
 * an action (with the draft's new revision); once agreed, only the action's owner moves its status.
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
  const edited = allowedOrRefused(editAction(conversation.value, stored.value, body, changeBy(context, access)));
  const audit = auditEntry(context, access, 'action.change', `${conversationId}/${actionId}`);

  if (edited.conversation) {
    const etags = await unlessStale(
      plans.updateDraftAction(
        access.partitionKey,
        { ...conversation, value: edited.conversation },
        { value: edited.action, etag: stored.etag },
        audit,
      ),
      () => staleConversationError(context, access, conversationId),
    );
    const result: ActionResult = {
      action: { ...edited.action, etag: etags.actionEtag },
      conversationEtag: etags.conversationEtag,
    };
    return json(200, result, withEtag(etags.actionEtag));
  }
  const etag = await unlessStale(
    plans.updateAgreedAction(
      access.partitionKey,
      edited.action,
      stored.etag,
      countersAfterStatusChange(stored.value, edited.action),
      audit,
    ),
    async () => {
      const current = await plans.readAction(access.partitionKey, conversationId, actionId);
      return staleError('action', current ? actionView(current) : null);
    },
  );
  const result: ActionResult = { action: { ...edited.action, etag } };
  return json(200, result, withEtag(etag));
};
