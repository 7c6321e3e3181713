import { ActionIdSchema, UpdateActionRequestSchema, type ActionResult } from '../contract';
import { countersAfterStatusChange, draftsShowing, editAction } from '../domain';
import type { ApiHandler } from '../http/handler';
import { requireIfMatch } from '../http/preconditions';
import { allowedOrRefused, staleError, unlessStale } from '../http/problem';
import { conversationParams, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange, announceMovedDrafts } from './live';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { actionView, conversationRecord } from './views';

/**
 * PATCH …/conversations/{conversationId}/actions/{actionId} — while a draft, either person edits
 * an action (with the draft's new revision); once agreed, only the action's owner moves its status,
 * and an open draft whose review lists the action moves to its next revision in the same write.
 */
export const updateAction: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const actionId = pathParam(request, 'actionId', ActionIdSchema);
  const body = await readJsonBody(request, UpdateActionRequestSchema);
  const ifMatch = requireIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const outcome = await unlessStale(
    plans.changeAction(access.partitionKey, conversationId, actionId, ifMatch, (conversation, stored) => {
      const change = changeBy(context, access);
      const edited = allowedOrRefused(editAction(conversation.value, stored.value, body, change));
      return {
        action: edited.action,
        ...(edited.conversation
          ? { conversation: edited.conversation }
          : {
              counters: countersAfterStatusChange(stored.value, edited.action),
              drafts: draftsShowing({ kind: 'earlierActions', actions: [edited.action] }, change, 'carried.status'),
            }),
        audit: auditEntry(context, access, 'action.change', `${conversationId}/${actionId}`),
        result: edited,
      };
    }),
    async (lost) => {
      if (lost.what === 'conversation') return staleConversationError(context, access, conversationId);
      const current = await plans.readAction(access.partitionKey, conversationId, actionId);
      return staleError('action', current ? actionView(current) : null);
    },
  );
  const etag = outcome.actionEtag ?? '';
  const draftChanged = Boolean(outcome.result.conversation);
  await Promise.all([
    // A draft's action moves the draft's revision; an agreed action's status leaves its conversation's row as it was.
    announceChange(context, access, {
      conversationId,
      revision: outcome.conversation.value.revision,
      etag: draftChanged ? outcome.conversation.etag : null,
      kind: 'action.change',
      itemId: actionId,
    }),
    // An agreed action's status moved the drafts whose review lists it.
    announceMovedDrafts(context, access, outcome.movedDrafts ?? [], 'action.change', actionId),
  ]);
  const result: ActionResult = {
    action: { ...outcome.result.action, etag },
    ...(outcome.result.conversation
      ? { conversation: conversationRecord(outcome.conversation), conversationEtag: outcome.conversation.etag }
      : {}),
  };
  return json(200, result, withEtag(etag));
};
