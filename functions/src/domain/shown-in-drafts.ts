/**
 * What both people confirm is one revision. A draft's view shows more than the draft's own row: the
 * career plan, and the earlier actions its review lists. The record is made from all of it, so a
 * write to any of those, made outside the draft, moves the revision of every open draft that shows it
 * and withdraws their confirmations, in the same transaction as the write itself. A confirmation of a
 * revision therefore names everything the record will hold.
 */
import { withRevisionChange } from './agreement';
import {
  CONVERSATION_TYPES,
  type Action,
  type Change,
  type ChangeKind,
  type Conversation,
  type ConversationType,
} from './model';

/** Something a write outside a draft changed that open drafts may show. */
export type ShownInDrafts =
  /** The career plan: every draft shows it, and its record keeps it. */
  | { kind: 'careerPlan' }
  /** Earlier actions (a status moved): shown by each draft whose review lists one of them. */
  | { kind: 'earlierActions'; actions: readonly Pick<Action, 'id' | 'conversationId' | 'conversationType'>[] };

/** Which drafts a write moves on, and how: decided by the rules, applied by the store inside the write's transaction. */
export interface DraftsToMove {
  /** The types of draft that can show the change: only the plan's open drafts of these types are read. */
  types: readonly ConversationType[];
  /** Of the drafts read, those that show the change, each at its next revision with its confirmations withdrawn. */
  move: (drafts: readonly Conversation[]) => Conversation[];
}

/** Whether an open draft shows the change (an agreed conversation is a record and shows nothing new). */
export function draftShows(draft: Conversation, shown: ShownInDrafts): boolean {
  if (draft.status !== 'draft') return false;
  if (shown.kind === 'careerPlan') return true;
  return draft.agenda.some((item) => {
    const ref = item.carriedAction;
    return (
      ref !== undefined && shown.actions.some((a) => a.id === ref.actionId && a.conversationId === ref.conversationId)
    );
  });
}

/**
 * The drafts a change shows in: the career plan in every draft; an earlier action in the draft of its
 * own type (actions from before the type was recorded carry into either kind, so either may show them).
 */
export function draftsShowing(shown: ShownInDrafts, change: Change, kind: ChangeKind): DraftsToMove {
  const types =
    shown.kind === 'careerPlan'
      ? CONVERSATION_TYPES
      : CONVERSATION_TYPES.filter((type) => shown.actions.some((action) => (action.conversationType ?? type) === type));
  return {
    types,
    move: (drafts) =>
      drafts.filter((draft) => draftShows(draft, shown)).map((draft) => withRevisionChange(draft, change, kind)),
  };
}
