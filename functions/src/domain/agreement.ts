/**
 * The agreement: both people confirm the same revision of a draft, and the ownership rule holds
 * at each confirmation. A change after a confirmation withdraws it. When both have confirmed,
 * the conversation becomes a record: its actions and owners are frozen, actions removed before
 * agreeing leave it, review proposals take effect, and a snapshot keeps what was agreed that day.
 */
import { checkEditable } from './lifecycle';
import type {
  Action,
  ActionStatus,
  AgreedSnapshot,
  CareerPlanRecord,
  ChangeKind,
  CareerPlanSnapshot,
  Change,
  Confirmation,
  Conversation,
  PlanRole,
  SnapshotChanges,
} from './model';
import { ownershipBalance } from './ownership';
import { allow, refuse, type Decision } from './rules';

/**
 * Any change to a draft's content moves its revision on. A confirmation of an earlier revision no
 * longer stands: it is withdrawn, and the conversation remembers who changed what, for both to see.
 */
export function withRevisionChange(conversation: Conversation, change: Change, kind: ChangeKind): Conversation {
  const withdrawn = conversation.confirmations.map((confirmation) => confirmation.role);
  const next: Conversation = {
    ...conversation,
    revision: conversation.revision + 1,
    confirmations: [],
    lastChange: { by: change.by, role: change.role, at: change.at, kind },
  };
  if (withdrawn.length > 0)
    next.withdrawal = { roles: withdrawn, by: change.by, role: change.role, at: change.at, kind };
  return next;
}

function otherRole(role: PlanRole): PlanRole {
  return role === 'employee' ? 'manager' : 'employee';
}

/** The ownership rule over the draft's own actions, as a refusal when it fails. */
function ownershipRefusal(conversation: Conversation, actions: readonly Action[]) {
  const balance = ownershipBalance(conversation.id, actions);
  if (balance.satisfied) return null;
  return {
    code: 'ownershipRule' as const,
    title: 'The employee should own more actions than the manager',
    detail: balance.reason ?? '',
  };
}

export type ConfirmOutcome =
  /** The caller's confirmation is recorded; the other person's is awaited. */
  | { kind: 'confirmed'; conversation: Conversation }
  /** The caller had already confirmed this revision: nothing to write. */
  | { kind: 'unchanged'; conversation: Conversation }
  /** Both confirmed the same revision: the conversation is agreed. */
  | { kind: 'agreed'; conversation: Conversation };

/**
 * One person confirms the revision they saw. Refused for a revision that is no longer current (so
 * nobody agrees to what they have not seen), for an agreed conversation, and while the ownership
 * rule fails. When the other person confirmed the same revision, the conversation is agreed.
 */
export function confirmRevision(
  conversation: Conversation,
  actions: readonly Action[],
  revision: number,
  change: Change,
): Decision<ConfirmOutcome> {
  const frozen = checkEditable(conversation);
  if (frozen) return refuse(frozen);
  if (revision !== conversation.revision) {
    return refuse({
      code: 'staleRevision',
      title: 'The plan changed since you read it',
      detail: 'Someone changed the plan after you opened it. Read the current version, then agree to that.',
    });
  }
  const failing = ownershipRefusal(conversation, actions);
  if (failing) return refuse(failing);
  const mine = conversation.confirmations.find((entry) => entry.role === change.role);
  if (mine?.revision === revision) return allow({ kind: 'unchanged', conversation });
  const confirmation: Confirmation = { role: change.role, by: change.by, at: change.at, revision };
  // Everything the record will hold moves the revision when it changes (the career plan and the
  // review's earlier actions too, see shown-in-drafts.ts), so the same revision means the same plan.
  const others = conversation.confirmations.filter(
    (entry) => entry.role === otherRole(change.role) && entry.revision === revision,
  );
  const next: Conversation = { ...conversation, confirmations: [...others, confirmation] };
  // The caller has now seen and agreed to the change that withdrew their earlier confirmation.
  if (next.withdrawal) {
    const roles = next.withdrawal.roles.filter((role) => role !== change.role);
    if (roles.length > 0) next.withdrawal = { ...next.withdrawal, roles };
    else delete next.withdrawal;
  }
  return allow({ kind: others.length > 0 ? 'agreed' : 'confirmed', conversation: next });
}

/** Takes back one's own confirmation of a draft (nothing else changes). */
export function withdrawConfirmation(conversation: Conversation, role: PlanRole): Decision<Conversation> {
  const frozen = checkEditable(conversation);
  if (frozen) return refuse(frozen);
  if (!conversation.confirmations.some((entry) => entry.role === role)) {
    return refuse({ code: 'notConfirmed', title: 'Nothing to take back', detail: 'You have not agreed to this plan.' });
  }
  return allow({ ...conversation, confirmations: conversation.confirmations.filter((entry) => entry.role !== role) });
}

/** What carried actions the review changes: each proposal that differs from the action's status. */
export function reviewOutcomes(
  conversation: Conversation,
  carried: readonly Action[],
): { action: Action; status: ActionStatus }[] {
  const outcomes: { action: Action; status: ActionStatus }[] = [];
  for (const item of conversation.agenda) {
    const ref = item.carriedAction;
    if (!ref || !item.proposal) continue;
    const action = carried.find((entry) => entry.id === ref.actionId && entry.conversationId === ref.conversationId);
    if (action && action.status !== item.proposal.status) outcomes.push({ action, status: item.proposal.status });
  }
  return outcomes;
}

function careerPlanSnapshot(plan: CareerPlanRecord | null): CareerPlanSnapshot {
  return {
    aspiration: plan?.aspiration ?? null,
    focusAreas: plan?.focusAreas ?? [],
    careerScenario: plan?.careerScenario ?? null,
  };
}

/** What changed since the previous agreed conversation of the same type. */
export function changesSince(
  previous: AgreedSnapshot | null,
  snapshot: Omit<AgreedSnapshot, 'changes'>,
): SnapshotChanges {
  const before = previous?.careerPlan ?? careerPlanSnapshot(null);
  const after = snapshot.careerPlan;
  const careerPlan: SnapshotChanges['careerPlan'] = [];
  if (before.aspiration !== after.aspiration) {
    careerPlan.push({ field: 'aspiration', before: before.aspiration, after: after.aspiration });
  }
  if (before.focusAreas.join('\n') !== after.focusAreas.join('\n')) {
    careerPlan.push({
      field: 'focusAreas',
      before: before.focusAreas.length ? before.focusAreas.join('; ') : null,
      after: after.focusAreas.length ? after.focusAreas.join('; ') : null,
    });
  }
  if (before.careerScenario !== after.careerScenario) {
    careerPlan.push({ field: 'careerScenario', before: before.careerScenario, after: after.careerScenario });
  }
  const byStatus = (status: ActionStatus) =>
    snapshot.review.filter((entry) => entry.status === status).map((entry) => entry.title);
  return {
    previousConversationId: previous ? previous.conversationId : null,
    careerPlan,
    actionsAdded: snapshot.actions.map((action) => action.title),
    done: byStatus('done'),
    dropped: byStatus('dropped'),
    carried: byStatus('open'),
  };
}

export interface Agreement {
  conversation: Conversation;
  /** This conversation's actions as agreed: its frozen set. */
  agreedActions: Action[];
  /** Actions removed before agreeing: they leave the record. */
  removedActions: Action[];
  /** Earlier actions whose status the review changed. */
  reviewedActions: Action[];
}

/**
 * The record both people agreed: actions dropped before agreeing leave it, the rest are frozen
 * with their owners, the review's proposals take effect, and the snapshot keeps the day's plan.
 */
export function recordAgreement(
  confirmed: Conversation,
  actions: readonly Action[],
  carried: readonly Action[],
  careerPlan: CareerPlanRecord | null,
  previous: AgreedSnapshot | null,
  change: Change,
): Agreement {
  const own = actions.filter((action) => action.conversationId === confirmed.id);
  const agreedActions = own
    .filter((action) => action.status !== 'dropped')
    .map((action) => ({ ...action, agreed: true }));
  const removedActions = own.filter((action) => action.status === 'dropped');
  const reviewedActions = reviewOutcomes(confirmed, carried).map(({ action, status }) =>
    withStatus(action, status, change),
  );
  const balance = ownershipBalance(confirmed.id, agreedActions);
  const reviewed = new Map(reviewedActions.map((action) => [`${action.conversationId}/${action.id}`, action]));
  const base: Omit<AgreedSnapshot, 'changes'> = {
    conversationId: confirmed.id,
    agreedAt: change.at,
    careerPlan: careerPlanSnapshot(careerPlan),
    actions: agreedActions.map(({ id, title, owner, learningKind, dueDate }) => ({
      id,
      title,
      owner,
      ...(learningKind ? { learningKind } : {}),
      ...(dueDate ? { dueDate } : {}),
    })),
    ownership: { employee: balance.employee, manager: balance.manager },
    review: carried.map((action) => {
      const after = reviewed.get(`${action.conversationId}/${action.id}`) ?? action;
      return {
        conversationId: action.conversationId,
        actionId: action.id,
        title: action.title,
        owner: action.owner,
        status: after.status,
      };
    }),
  };
  const snapshot: AgreedSnapshot = { ...base, changes: changesSince(previous, base) };
  const conversation: Conversation = {
    ...confirmed,
    status: 'agreed',
    agreedAt: change.at,
    agreedBy: change.by,
    snapshot,
  };
  delete conversation.withdrawal;
  return { conversation, agreedActions, removedActions, reviewedActions };
}

/** A status change with its record of who and when. */
export function withStatus(action: Action, status: ActionStatus, change: { by: string; at: string }): Action {
  const history = [...(action.statusHistory ?? []), { status, by: change.by, at: change.at }].slice(-STATUS_HISTORY);
  return { ...action, status, statusChangedAt: change.at, statusChangedBy: change.by, statusHistory: history };
}

/** Status changes kept on an action; older ones remain in the audit trail. */
export const STATUS_HISTORY = 20;

/**
 * After agreement, outside a conversation, only an action's owner moves it on (done, dropped,
 * open again): the manager cannot drop the employee's actions, nor the employee the manager's.
 * Actions that were removed before agreeing are not part of the record and stay out of it.
 */
export function changeAgreedActionStatus(
  action: Action,
  status: ActionStatus,
  change: { by: string; role: PlanRole; at: string },
): Decision<Action> {
  if (!action.agreed) {
    return refuse({
      code: 'notInAgreedPlan',
      title: 'This action is not part of the agreed plan',
      detail: 'It was removed before the plan was agreed. Add it to your next conversation if it matters again.',
    });
  }
  if (action.owner !== change.role) {
    const owner = action.owner === 'employee' ? 'the employee' : 'the manager';
    return refuse({
      code: 'notOwner',
      title: `Only ${owner} can change this action`,
      detail: `This action belongs to ${owner}. Between conversations each person moves only their own actions; in your next conversation you can propose a status for it.`,
    });
  }
  if (action.status === status) {
    return refuse({ code: 'statusUnchanged', title: 'Nothing to change', detail: `The action is already ${status}.` });
  }
  return allow(withStatus(action, status, change));
}

/** Everything an agreement decides on, read from the plan. */
export interface AgreementInputs {
  conversation: Conversation;
  /** The conversation's own actions. */
  actions: readonly Action[];
  /** The earlier actions its review covers. */
  carried: readonly Action[];
  careerPlan: CareerPlanRecord | null;
  /** The snapshot of the previous agreed conversation of the same type, if any. */
  previous: AgreedSnapshot | null;
}

export type ConfirmResult =
  { kind: 'unchanged' | 'confirmed'; conversation: Conversation } | { kind: 'agreed'; agreement: Agreement };

/** A person confirms a revision; when it is the second confirmation of that revision, the record is made. */
export function confirm(inputs: AgreementInputs, revision: number, change: Change): Decision<ConfirmResult> {
  const decision = confirmRevision(inputs.conversation, inputs.actions, revision, change);
  if (!decision.ok) return decision;
  const outcome = decision.value;
  if (outcome.kind !== 'agreed') return allow(outcome);
  return allow({
    kind: 'agreed',
    agreement: recordAgreement(
      outcome.conversation,
      inputs.actions,
      inputs.carried,
      inputs.careerPlan,
      inputs.previous,
      change,
    ),
  });
}
