import { ownershipBalance } from './ownership';
import type { Action, ActionStatus, Conversation, ConversationType, LearningKind } from './model';
import { allow, refuse, type Decision, type RuleViolation } from './rules';

/** Caps that keep every conversation inside one Table Storage transaction (100 operations). */
export const LIMITS = {
  talkingPoints: 25,
  actions: 25,
  carriedActions: 20,
  focusAreas: 4,
} as const;

function agreedAlready(conversation: Pick<Conversation, 'agreedAt'>): RuleViolation {
  const day = conversation.agreedAt?.slice(0, 10) ?? 'an earlier day';
  return {
    code: 'conversationAgreed',
    title: 'This conversation is already agreed',
    detail: `It was agreed on ${day}, so its agenda and actions are closed. Start a new conversation to add more; action statuses can still change.`,
  };
}

/** Agenda items and the action list change only while the conversation is a draft. */
export function checkEditable(conversation: Pick<Conversation, 'status' | 'agreedAt'>): RuleViolation | null {
  return conversation.status === 'draft' ? null : agreedAlready(conversation);
}

export function checkCanAddTalkingPoint(conversation: Conversation): RuleViolation | null {
  const frozen = checkEditable(conversation);
  if (frozen) return frozen;
  const count = conversation.agenda.filter((item) => item.source === 'talkingPoint').length;
  if (count >= LIMITS.talkingPoints) {
    return {
      code: 'limitReached',
      title: 'The agenda is full',
      detail: `A conversation holds at most ${LIMITS.talkingPoints} talking points. Tick or combine some, or keep the rest for the next talk.`,
    };
  }
  return null;
}

export function checkCanAddAction(
  conversation: Pick<Conversation, 'status' | 'agreedAt'>,
  existingActionCount: number,
): RuleViolation | null {
  const frozen = checkEditable(conversation);
  if (frozen) return frozen;
  if (existingActionCount >= LIMITS.actions) {
    return {
      code: 'limitReached',
      title: 'Too many actions',
      detail: `A conversation holds at most ${LIMITS.actions} actions. A plan people can keep is a short one.`,
    };
  }
  return null;
}

/** Job-development actions are planned by kind of learning (70-20-10); career actions may name one. */
export function checkActionShape(
  type: ConversationType,
  action: { learningKind?: LearningKind | undefined },
): RuleViolation | null {
  if (type === 'job' && !action.learningKind) {
    return {
      code: 'invalidAction',
      title: 'Choose a kind of learning',
      detail:
        'Each job-development action says how the learning happens: formal learning, learning from others, or learning on the job.',
    };
  }
  return null;
}

/** Status moves open → done or dropped, and back to open to undo a mistaken click. */
export function checkStatusChange(action: Pick<Action, 'status'>, next: ActionStatus): RuleViolation | null {
  if (action.status === next) {
    return { code: 'statusUnchanged', title: 'Nothing to change', detail: `The action is already ${next}.` };
  }
  return null;
}

/** Agreeing freezes the conversation; it is refused while the ownership rule fails. */
export function checkCanAgree(conversation: Conversation, actions: readonly Action[]): RuleViolation | null {
  const frozen = checkEditable(conversation);
  if (frozen) return frozen;
  const balance = ownershipBalance(conversation.id, actions);
  if (!balance.satisfied) {
    return {
      code: 'ownershipRule',
      title: 'The employee should own more actions than the manager',
      detail: balance.reason ?? '',
    };
  }
  return null;
}

/** The state a conversation and its own actions take when both people agree. */
export function agreeConversation(
  conversation: Conversation,
  actions: readonly Action[],
  agreedBy: string,
  agreedAt: string,
): { conversation: Conversation; actions: Action[] } {
  return {
    conversation: { ...conversation, status: 'agreed', agreedBy, agreedAt },
    actions: actions
      .filter((action) => action.conversationId === conversation.id)
      .map((action) => ({ ...action, agreed: true })),
  };
}

/** The agreement as one decision: refused with the reason, or the agreed conversation and actions. */
export function decideAgreement(
  conversation: Conversation,
  actions: readonly Action[],
  change: { by: string; at: string },
): Decision<{ conversation: Conversation; actions: Action[] }> {
  const violation = checkCanAgree(conversation, actions);
  return violation ? refuse(violation) : allow(agreeConversation(conversation, actions, change.by, change.at));
}
