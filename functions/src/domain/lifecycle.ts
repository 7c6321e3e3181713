import type { Action, ActionStatus, Conversation, ConversationType, LearningKind } from './model';
import type { RuleViolation } from './rules';

/** Caps that keep every conversation inside one Table Storage transaction (100 operations). */
export const LIMITS = {
  talkingPoints: 25,
  actions: 25,
  carriedActions: 20,
  focusAreas: 4,
  preparedPoints: 10,
} as const;

/** The refusal for changing what an agreed conversation holds. */
export function agreedAlready(conversation: Pick<Conversation, 'agreedAt'>): RuleViolation {
  const day = conversation.agreedAt?.slice(0, 10) ?? 'an earlier day';
  return {
    code: 'conversationAgreed',
    title: 'This conversation is already agreed',
    detail: `It was agreed on ${day}, so it is a record now: its agenda, actions and owners stay as agreed. Each person can still mark their own actions done or dropped; anything new belongs in the next conversation.`,
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
