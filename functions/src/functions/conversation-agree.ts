import { ConfirmRequestSchema } from '../contract';
import { confirm, countersAfterAgree, emptyCounters, type Action } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { allowedOrRefused, notFound } from '../http/problem';
import { conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError, type Stored } from '../store';
import { auditEntry, authorisePlan, changeBy, staleConversationError, type PlanAccess } from './plan-access';
import { loadConversationView } from './views';

/**
 * POST …/conversations/{conversationId}/agree {revision} — one person agrees to the revision of the
 * plan they saw. Refused for a revision that is no longer current (412 with the current plan) and
 * while the employee does not own more actions than the manager. The second confirmation of the
 * same revision agrees the conversation: the record, its actions, the review's outcomes and the
 * plan's counters commit in one transaction.
 */
export const agree: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, ConfirmRequestSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  // Two people confirming the same revision at once race for the conversation row; the body names
  // the revision, so the loser simply decides again on what the winner wrote.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await confirmOnce(context, access, conversationId, body.revision);
      break;
    } catch (error) {
      if (!(error instanceof StaleEtagError)) throw error;
      if (attempt >= CONFIRM_ATTEMPTS) throw await staleConversationError(context, access, conversationId);
    }
  }
  const { view, etag } = await loadConversationView(context, access, conversationId);
  return json(200, view, withEtag(etag));
};

const CONFIRM_ATTEMPTS = 3;

/** Reads what the agreement decides on, decides, and writes the outcome; a lost race throws StaleEtagError. */
async function confirmOnce(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
  revision: number,
): Promise<void> {
  const { plans } = context.services;
  const [bundle, careerPlan, counters] = await Promise.all([
    plans.readConversationWithActions(access.partitionKey, conversationId, context.identity.userId),
    plans.readCareerPlan(access.partitionKey),
    plans.readSummary(access.partitionKey),
  ]);
  if (!bundle) throw notFound('conversation');
  const conversation = bundle.conversation.value;
  const previousId = (counters?.value ?? emptyCounters()).lastAgreedIds[conversation.type];
  const refs = conversation.agenda.flatMap((item) => (item.carriedAction ? [item.carriedAction] : []));
  const [carried, previous] = await Promise.all([
    plans.readActionsFrom(access.partitionKey, refs),
    previousId && previousId !== conversation.id ? plans.readConversation(access.partitionKey, previousId) : null,
  ]);

  const decision = confirm(
    {
      conversation,
      actions: bundle.actions.map((action) => action.value),
      carried: carried.map((action) => action.value),
      careerPlan: careerPlan?.value ?? null,
      previous: previous?.value.snapshot ?? null,
    },
    revision,
    changeBy(context, access),
  );
  if (!decision.ok && decision.violation.code === 'staleRevision') {
    throw await staleConversationError(context, access, conversationId);
  }
  const result = allowedOrRefused(decision);
  if (result.kind === 'confirmed') {
    await plans.replaceConversation(
      access.partitionKey,
      { ...bundle.conversation, value: result.conversation },
      auditEntry(context, access, 'conversation.confirm', conversationId),
    );
  } else if (result.kind === 'agreed') {
    const { agreement } = result;
    const etags = new Map([...bundle.actions, ...carried].map((action) => [rowOf(action.value), action.etag]));
    const stored = (action: Action): Stored<Action> => ({ value: action, etag: etags.get(rowOf(action)) ?? '' });
    await plans.agree(
      access.partitionKey,
      { ...bundle.conversation, value: agreement.conversation },
      {
        agreed: agreement.agreedActions.map(stored),
        removed: agreement.removedActions.map(stored),
        reviewed: agreement.reviewedActions.map(stored),
      },
      (current) =>
        countersAfterAgree(
          current,
          agreement,
          carried.map((action) => action.value),
        ),
      auditEntry(context, access, 'conversation.agree', conversationId),
    );
  }
}

function rowOf(action: { conversationId: string; id: string }): string {
  return `${action.conversationId}/${action.id}`;
}
