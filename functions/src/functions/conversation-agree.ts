import { countersAfterAgree, decideAgreement } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, notFound, unlessStale } from '../http/problem';
import { conversationParams, requireIfMatch } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, changeBy, staleConversationError } from './plan-access';
import { loadConversationView } from './views';

/**
 * POST …/conversations/{conversationId}/agree — refused while the employee does not own more
 * actions than the manager; otherwise the conversation, its actions and the plan's counters
 * change in one transaction.
 */
export const agree: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const ifMatch = requireIfMatch(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const bundle = await plans.readConversationWithActions(access.partitionKey, conversationId, context.identity.userId);
  if (!bundle) throw notFound('conversation');
  if (bundle.conversation.etag !== ifMatch) throw await staleConversationError(context, access, conversationId);

  const actions = bundle.actions.map((action) => action.value);
  const agreed = allowedOrRefused(decideAgreement(bundle.conversation.value, actions, changeBy(context)));
  const etagOf = new Map(bundle.actions.map((action) => [action.value.id, action.etag]));
  await unlessStale(
    plans.agree(
      access.partitionKey,
      { ...bundle.conversation, value: agreed.conversation },
      agreed.actions.map((action) => ({ value: action, etag: etagOf.get(action.id) ?? '' })),
      (counters) => countersAfterAgree(counters, agreed.conversation, agreed.actions),
      auditEntry(context, access, 'conversation.agree', conversationId),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const { view, etag } = await loadConversationView(context, access, conversationId);
  return json(200, view, withEtag(etag));
};
