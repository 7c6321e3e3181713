import { AddActionRequestSchema, ConversationIdSchema, type ActionResult } from '../contract';
import { checkActionShape, checkCanAddAction, type Action } from '../domain';
import type { ApiHandler } from '../http/handler';
import { ruleError } from '../http/problem';
import { optionalIfMatch, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { openPlan } from './plan-access';
import { conversationForWrite, staleConversation } from './views';

/** POST …/conversations/{conversationId}/actions — capture an action with one owner. */
export const addAction: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const body = await readJsonBody(request, AddActionRequestSchema);
  const stored = await conversationForWrite(context, access, conversationId, optionalIfMatch(request));
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
    const etags = await context.services.plans.addAction(access.partitionKey, stored, action);
    const result: ActionResult = { action: { ...action, etag: etags.actionEtag }, conversationEtag: etags.conversationEtag };
    return json(201, result, withEtag(etags.actionEtag));
  } catch (error) {
    if (error instanceof StaleEtagError) throw await staleConversation(context, access, conversationId);
    throw error;
  }
};
