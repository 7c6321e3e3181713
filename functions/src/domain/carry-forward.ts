import { LIMITS } from './lifecycle';
import { REVIEW_SECTION_ID } from './agenda-templates';
import type { Action, AgendaItem, CarriedActionRef, Conversation, ConversationType } from './model';

/** The earlier actions a conversation's review items point at; fixed when the conversation is made. */
export function carriedActionRefs(conversation: Pick<Conversation, 'agenda'>): CarriedActionRef[] {
  return conversation.agenda.flatMap((item) => (item.carriedAction ? [item.carriedAction] : []));
}

/** Earlier actions that the next conversation reviews: agreed and still open. */
export function isCarriedForward(action: Pick<Action, 'agreed' | 'status'>): boolean {
  return action.agreed && action.status === 'open';
}

/**
 * The review items a new conversation of `type` starts with: the open agreed actions of earlier
 * conversations of the same type (job actions into job development, career actions into career).
 * `earlierActions` come newest first; the newest are kept when there are more than the agenda holds.
 */
export function carryForward(
  earlierActions: readonly Action[],
  type: ConversationType,
): { items: AgendaItem[]; leftOut: number } {
  // Actions stored before the type was recorded on them carry into either kind, as they always did.
  const open = earlierActions.filter(
    (action) => isCarriedForward(action) && (action.conversationType ?? type) === type,
  );
  const kept = open.slice(0, LIMITS.carriedActions);
  const items = kept.map((action, index) => ({
    id: `carried.${index + 1}`,
    sectionId: REVIEW_SECTION_ID,
    text: action.title,
    source: 'carried' as const,
    optional: false,
    carriedAction: { conversationId: action.conversationId, actionId: action.id },
    discussed: false,
  }));
  return { items, leftOut: open.length - kept.length };
}
