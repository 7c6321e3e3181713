import { ConfirmRequestSchema, type ConversationView } from '../contract';
import { confirm, countersAfterAgree, draftsShowing, type Action } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { allowedOrRefused, notFound } from '../http/problem';
import { conversationParams, readJsonBody } from '../http/request';
import { json } from '../http/response';
import { StaleEtagError, actionRow, type Stored } from '../store';
import { announceChange, announceMovedDrafts } from './live';
import {
  auditEntry,
  authorisePlan,
  changeBy,
  markForNudges,
  staleConversationError,
  type PlanAccess,
} from './plan-access';
import { conversationViewOf } from './views';

/**
 * POST …/conversations/{conversationId}/agree {revision} — one person agrees to the revision of the
 * plan they saw. Refused for a revision that is no longer current (412 with the current plan) and
 * while the employee does not own more actions than the manager. The second confirmation of the
 * same revision agrees the conversation: the record, its actions, the review's outcomes and the
 * plan's counters commit in one transaction. Answers the view as written, without reading it again.
 */
export const agree: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, ConfirmRequestSchema);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  // Two people confirming the same revision at once race for the conversation row; the body names
  // the revision, so the loser simply decides again on what the winner wrote.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const view = await confirmOnce(context, access, conversationId, body.revision);
      // No validator: the next poll reads the view once, whatever else changed in the plan meanwhile.
      return json(200, view);
    } catch (error) {
      if (!(error instanceof StaleEtagError)) throw error;
      if (attempt >= CONFIRM_ATTEMPTS) throw await staleConversationError(context, access, conversationId);
    }
  }
};

const CONFIRM_ATTEMPTS = 3;

/**
 * Reads what the agreement decides on (one parallel round), decides, and writes the outcome (one
 * transaction); a lost race throws StaleEtagError. Answers the view built from what was written.
 */
async function confirmOnce(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
  revision: number,
): Promise<ConversationView> {
  const { plans } = context.services;
  const [read] = await Promise.all([
    plans.readAgreementContext(access.partitionKey, conversationId, context.identity.userId),
    markForNudges(context, access),
  ]);
  if (!read) throw notFound('conversation');
  const { bundle, carried, careerPlan, summary, previous } = read;
  // The view's context comes from the rows read here (and, once agreed, the counters as written).
  const plan = { careerPlan, counters: summary?.value ?? null, nextConversation: read.nextConversation?.value ?? null };
  const change = changeBy(context, access);
  const decision = confirm(
    {
      conversation: bundle.conversation.value,
      actions: bundle.actions.map((action) => action.value),
      carried: carried.map((action) => action.value),
      careerPlan: careerPlan?.value ?? null,
      previous: previous?.value.snapshot ?? null,
    },
    revision,
    change,
  );
  if (!decision.ok && decision.violation.code === 'staleRevision') {
    throw await staleConversationError(context, access, conversationId);
  }
  const result = allowedOrRefused(decision);
  if (result.kind !== 'agreed') {
    if (result.kind === 'unchanged') return conversationViewOf(context, access, { bundle, carried, ...plan });
    const etag = await plans.replaceConversation(
      access.partitionKey,
      { ...bundle.conversation, value: result.conversation },
      auditEntry(context, access, 'conversation.confirm', conversationId),
    );
    await announceChange(context, access, {
      conversationId,
      revision: result.conversation.revision,
      etag,
      kind: 'conversation.confirm',
      itemId: null,
    });
    return conversationViewOf(context, access, {
      bundle: { ...bundle, conversation: { ...bundle.conversation, value: result.conversation, etag } },
      carried,
      ...plan,
    });
  }
  const { agreement } = result;
  const etags = new Map([...bundle.actions, ...carried].map((action) => [rowOf(action.value), action.etag]));
  const stored = (action: Action): Stored<Action> => ({ value: action, etag: etags.get(rowOf(action)) ?? '' });
  const written = await plans.agree(
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
    summary,
    // The review's outcomes are earlier actions another open draft may list too (see shown-in-drafts.ts).
    draftsShowing({ kind: 'earlierActions', actions: agreement.reviewedActions }, change, 'carried.status'),
  );
  await Promise.all([
    announceChange(context, access, {
      conversationId,
      revision: agreement.conversation.revision,
      etag: written.conversationEtag,
      kind: 'conversation.agree',
      itemId: null,
    }),
    announceMovedDrafts(context, access, written.movedDrafts, 'action.change'),
  ]);
  const reviewed = new Map(agreement.reviewedActions.map((action) => [rowOf(action), action]));
  const asWritten = (action: Action): Stored<Action> => ({
    value: action,
    etag: written.actionEtags.get(rowOf(action)) ?? etags.get(rowOf(action)) ?? '',
  });
  return conversationViewOf(context, access, {
    bundle: {
      conversation: { ...bundle.conversation, value: agreement.conversation, etag: written.conversationEtag },
      actions: agreement.agreedActions.map(asWritten),
      myNote: bundle.myNote,
    },
    carried: carried.map((action) => asWritten(reviewed.get(rowOf(action.value)) ?? action.value)),
    ...plan,
    counters: written.counters,
  });
}

function rowOf(action: { conversationId: string; id: string }): string {
  return actionRow(action.conversationId, action.id);
}
