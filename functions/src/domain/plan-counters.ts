import type { Agreement } from './agreement';
import { CONVERSATION_TYPE_NAMES, type Action, type Conversation, type ConversationType, type Owner } from './model';
import { allow, refuse, type Decision } from './rules';

/** Counters kept beside the plan so the team overview is one point read per report. */
export interface PlanCounters {
  agreedConversations: number;
  lastAgreed: Record<ConversationType, string | null>;
  lastAgreedIds: Record<ConversationType, string | null>;
  /** The draft in progress of each type: at most one at a time. */
  drafts: Record<ConversationType, string | null>;
  /** Open agreed actions per owner. */
  openActions: Record<Owner, number>;
  /**
   * When the plan started (ISO time): when the app first recorded it, by a first conversation, a first
   * save of the career plan or a manager's first look at their team, or when it was deleted and began
   * again. The job development cadence counts from here until a job conversation is agreed. Null on
   * summaries from before it was recorded: those count as started long ago.
   */
  startedAt: string | null;
}

/** The counters of a plan with nothing in it yet, started at `startedAt` (null: not known). */
export function emptyCounters(startedAt: string | null = null): PlanCounters {
  return {
    startedAt,
    agreedConversations: 0,
    lastAgreed: { job: null, career: null },
    lastAgreedIds: { job: null, career: null },
    drafts: { job: null, career: null },
    openActions: { employee: 0, manager: 0 },
  };
}

/** A new draft becomes the plan's draft of its type; a second one of the same type is refused. */
export function countersAfterStart(counters: PlanCounters, draft: Conversation): Decision<PlanCounters> {
  const existing = counters.drafts[draft.type];
  if (existing) {
    return refuse({
      code: 'draftExists',
      title: 'A draft is already open',
      detail: `There is already a ${CONVERSATION_TYPE_NAMES[draft.type].toLowerCase()} conversation in progress. Continue it, or agree it before starting another.`,
      existingConversationId: existing,
    });
  }
  return allow({ ...counters, drafts: { ...counters.drafts, [draft.type]: draft.id } });
}

/**
 * Agreement closes the draft, dates the type's last conversation, counts the agreed actions that
 * are open, and moves the counts of earlier actions whose status the review changed.
 */
export function countersAfterAgree(
  counters: PlanCounters,
  agreement: Agreement,
  carriedBefore: readonly Action[],
): PlanCounters {
  const agreed = agreement.conversation;
  const open = { ...counters.openActions };
  for (const action of agreement.agreedActions) if (action.status === 'open') open[action.owner] += 1;
  for (const after of agreement.reviewedActions) {
    const before = carriedBefore.find(
      (entry) => entry.id === after.id && entry.conversationId === after.conversationId,
    );
    if (!before) continue;
    open[after.owner] += (after.status === 'open' ? 1 : 0) - (before.status === 'open' ? 1 : 0);
  }
  const type = agreed.type;
  return {
    startedAt: counters.startedAt,
    agreedConversations: counters.agreedConversations + 1,
    lastAgreed: { ...counters.lastAgreed, [type]: agreed.agreedAt ?? null },
    lastAgreedIds: { ...counters.lastAgreedIds, [type]: agreed.id },
    drafts: { ...counters.drafts, [type]: counters.drafts[type] === agreed.id ? null : counters.drafts[type] },
    openActions: { employee: Math.max(0, open.employee), manager: Math.max(0, open.manager) },
  };
}

/** How the open counts move when an agreed action's status changes; null when they do not. */
export function countersAfterStatusChange(
  before: Action,
  after: Action,
): ((counters: PlanCounters) => PlanCounters) | null {
  if (!before.agreed || before.status === after.status) return null;
  const delta = (after.status === 'open' ? 1 : 0) - (before.status === 'open' ? 1 : 0);
  if (delta === 0) return null;
  return (counters) => ({
    ...counters,
    openActions: {
      ...counters.openActions,
      [before.owner]: Math.max(0, counters.openActions[before.owner] + delta),
    },
  });
}
