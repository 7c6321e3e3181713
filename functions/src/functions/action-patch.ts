import { ActionIdSchema, ConversationIdSchema, UpdateActionRequestSchema, type ActionResult } from '../contract';
import { checkActionShape, checkEditable, checkStatusChange, type Action } from '../domain';
import type { ApiHandler } from '../http/handler';
import { notFound, ruleError, staleError } from '../http/problem';
import { pathParam, readJsonBody, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError, type SummaryChange } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { actionView } from './views';

/** Counting open agreed actions per owner, as the team overview shows them. */
function openCountChange(before: Action, after: Action): SummaryChange | null {
  if (!before.agreed || before.status === after.status) return null;
  const delta = (after.status === 'open' ? 1 : 0) - (before.status === 'open' ? 1 : 0);
  if (delta === 0) return null;
  return (summary) => ({
    ...summary,
    openActions: { ...summary.openActions, [before.owner]: Math.max(0, summary.openActions[before.owner] + delta) },
  });
}

/**
 * PATCH …/conversations/{conversationId}/actions/{actionId} — edit an action while its
 * conversation is a draft; mark it done, dropped or open again at any time.
 */
export const updateAction: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const actionId = pathParam(request, 'actionId', ActionIdSchema);
  const body = await readJsonBody(request, UpdateActionRequestSchema);
  const ifMatch = requireIfMatch(request);
  const { plans } = context.services;
  const [stored, conversation] = await Promise.all([
    plans.readAction(access.partitionKey, conversationId, actionId),
    plans.readConversationOnly(access.partitionKey, conversationId),
  ]);
  if (!stored || !conversation) throw notFound('action');
  if (stored.etag !== ifMatch) throw staleError('action', actionView(stored));

  const before = stored.value;
  const after: Action = { ...before };
  const changesDetails =
    body.title !== undefined ||
    body.owner !== undefined ||
    body.learningKind !== undefined ||
    body.dueDate !== undefined;
  if (changesDetails) {
    const frozen = checkEditable(conversation.value);
    if (frozen) throw ruleError(frozen);
    if (body.title !== undefined) after.title = body.title;
    if (body.owner !== undefined) after.owner = body.owner;
    if (body.learningKind === null) delete after.learningKind;
    else if (body.learningKind !== undefined) after.learningKind = body.learningKind;
    if (body.dueDate === null) delete after.dueDate;
    else if (body.dueDate !== undefined) after.dueDate = body.dueDate;
    const shape = checkActionShape(conversation.value.type, after);
    if (shape) throw ruleError(shape);
  }
  if (body.status !== undefined) {
    const unchanged = checkStatusChange(before, body.status);
    if (unchanged && !changesDetails) throw ruleError(unchanged);
    if (!unchanged) {
      after.status = body.status;
      after.statusChangedAt = context.services.now().toISOString();
      after.statusChangedBy = context.identity.userId;
    }
  }
  try {
    const etag = await plans.updateAction(
      access.partitionKey,
      after,
      stored.etag,
      openCountChange(before, after),
      auditEntry(context, access, 'action.change', `${conversationId}/${actionId}`),
    );
    const result: ActionResult = { action: { ...after, etag } };
    return json(200, result, withEtag(etag));
  } catch (error) {
    if (error instanceof StaleEtagError) {
      const current = await plans.readAction(access.partitionKey, conversationId, actionId);
      throw staleError('action', current ? actionView(current) : null);
    }
    throw error;
  }
};
