import { LIMITS } from './lifecycle';
import { REVIEW_SECTION_ID } from './agenda-templates';
import type { Action, AgendaItem } from './model';

/** Earlier actions that the next conversation reviews: agreed and still open. */
export function isCarriedForward(action: Pick<Action, 'agreed' | 'status'>): boolean {
  return action.agreed && action.status === 'open';
}

/**
 * The review items a new conversation starts with. `earlierActions` come newest first; the newest
 * open actions are kept when there are more than the agenda holds.
 */
export function carryForward(earlierActions: readonly Action[]): { items: AgendaItem[]; leftOut: number } {
  const open = earlierActions.filter(isCarriedForward);
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
