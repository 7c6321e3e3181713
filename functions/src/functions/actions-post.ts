import { AddActionRequestSchema, ConversationIdSchema, type ActionResult } from '../contract';
import { checkActionShape, checkCanAddAction, type Action } from '../domain';
import type { ApiHandler } from '../http/handler';
import { ruleError } from '../http/problem';
import { idempotencyKey, optionalIfMatch, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { actionView, conversationForWrite, staleConversation } from './views';

/** POST …/conversations/{conversationId}/actions — capture an action with one owner. */
export const addAction: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const body = await readJsonBody(request, AddActionRequestSchema);
  const key = idempotencyKey(request);
  const stored = await conversationForWrite(context, access, conversationId, optionalIfMatch(request), key);
  const replayedId = key ? stored.idempotencyKeys[key] : undefined;
  if (replayedId) {
    // The same request again (a retry): answer what the first one made.
    const existing = await context.services.plans.readAction(access.partitionKey, conversationId, replayedId);
    if (existing)
      return json(
        200,
        { action: actionView(existing), conversationEtag: stored.etag } satisfies ActionResult,
        withEtag(existing.etag),
      );
  }
  const violation = checkCanAddAction(stored.value, stored.actionSeq) ?? checkActionShape(stored.value.type, body);
  if (violation) throw ruleError(violation);
  const action: Action = {
    id: `a${stored.actionSeq + 1}`,
    conversationId,
    title: body.title,
    owner: body.owner,
    status: 'open',
    agreed: false,
    createdBy: context.identity.userId,
    createdAt: context.services.now().toISOString(),
  };
  if (body.learningKind) action.learningKind = body.learningKind;
  if (body.dueDate) action.dueDate = body.dueDate;
  try {
    const etags = await context.services.plans.addAction(
      access.partitionKey,
      stored,
      action,
      key,
      auditEntry(context, access, 'action.add', `${conversationId}/${action.id}`),
    );
    const result: ActionResult = {
      action: { ...action, etag: etags.actionEtag },
      conversationEtag: etags.conversationEtag,
    };
    return json(201, result, withEtag(etags.actionEtag));
  } catch (error) {
    if (error instanceof StaleEtagError) throw await staleConversation(context, access, conversationId);
    throw error;
  }
};
