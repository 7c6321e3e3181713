// Types only from the model: the side panel counts with the same function as the history, without zod.
import type { AgendaItem } from './model';

/**
 * How far the talk went: the agenda items ticked as discussed, out of those that can be ticked.
 * The review of carried actions is left out: those items take a proposal (done, keep open, drop),
 * not a tick. The side panel, My plan's history and the export count the same way.
 */
export function discussionProgress(agenda: readonly Pick<AgendaItem, 'source' | 'discussed'>[]): {
  discussed: number;
  total: number;
} {
  const tickable = agenda.filter((item) => item.source !== 'carried');
  return { discussed: tickable.filter((item) => item.discussed).length, total: tickable.length };
}
