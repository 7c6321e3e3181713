import { ConversationIdSchema } from '../contract';
import { agreeConversation, checkCanAgree } from '../domain';
import type { ApiHandler } from '../http/handler';
import { notFound, ruleError } from '../http/problem';
import { pathParam, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { loadConversationView, staleConversation } from './views';

/**
 * POST …/conversations/{conversationId}/agree — refused while the employee does not own more
 * actions than the manager; otherwise the conversation, its actions and the plan's counters
 * change in one transaction.
 */
export const agree: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const ifMatch = requireIfMatch(request);
  const { plans } = context.services;
  const bundle = await plans.readConversation(access.partitionKey, conversationId, context.identity.userId);
  if (!bundle) throw notFound('conversation');
  if (bundle.conversation.etag !== ifMatch) throw await staleConversation(context, access, conversationId);
  const conversation = bundle.conversation.value;
  const violation = checkCanAgree(
    conversation,
    bundle.actions.map((action) => action.value),
  );
  if (violation) throw ruleError(violation);

  const agreedAt = context.services.now().toISOString();
  const agreed = agreeConversation(
    conversation,
    bundle.actions.map((action) => action.value),
    context.identity.userId,
    agreedAt,
  );
  const openNow = { employee: 0, manager: 0 };
  for (const action of agreed.actions) if (action.status === 'open') openNow[action.owner] += 1;
  try {
    await plans.agree(
      access.partitionKey,
      { ...bundle.conversation, value: agreed.conversation },
      agreed.actions.map((action) => ({
        value: action,
        etag: bundle.actions.find((stored) => stored.value.id === action.id)!.etag,
      })),
      (summary) => ({
        agreedConversations: summary.agreedConversations + 1,
        lastAgreed: { ...summary.lastAgreed, [conversation.type]: agreedAt },
        lastAgreedIds: { ...summary.lastAgreedIds, [conversation.type]: conversation.id },
        drafts: {
          ...summary.drafts,
          [conversation.type]:
            summary.drafts[conversation.type] === conversation.id ? null : summary.drafts[conversation.type],
        },
        openActions: {
          employee: summary.openActions.employee + openNow.employee,
          manager: summary.openActions.manager + openNow.manager,
        },
      }),
      auditEntry(context, access, 'conversation.agree', conversationId),
    );
  } catch (error) {
    if (error instanceof StaleEtagError) throw await staleConversation(context, access, conversationId);
    throw error;
  }
  const { view, etag } = await loadConversationView(context, access, conversationId);
  return json(200, view, withEtag(etag));
};
