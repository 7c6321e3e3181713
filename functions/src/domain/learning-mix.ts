// Types only from the model: the tab recomputes the mix after its own edits without bringing zod along.
import type { Action, LearningMix } from './model';
import { LEARNING_KINDS, type LearningKind } from './vocabulary';

/** The 70-20-10 mix of a set of actions. */
export function learningMix(actions: readonly Pick<Action, 'learningKind' | 'status'>[]): LearningMix {
  const counts: Record<LearningKind, number> = { formal: 0, fromOthers: 0, onTheJob: 0 };
  let unclassified = 0;
  for (const action of actions) {
    if (action.status === 'dropped') continue;
    if (action.learningKind) counts[action.learningKind] += 1;
    else unclassified += 1;
  }
  const classified = counts.formal + counts.fromOthers + counts.onTheJob;
  const shares = Object.fromEntries(
    LEARNING_KINDS.map((kind) => [kind, classified === 0 ? 0 : counts[kind] / classified]),
  ) as Record<LearningKind, number>;
  const allFormal = classified > 0 && counts.formal === classified;
  const mix: LearningMix = { classified, unclassified, counts, shares, allFormal };
  if (allFormal) {
    mix.advice =
      'Every action here is formal learning. Courses help, but most growth comes from other people and from real work: ' +
      'add a mentor, some feedback or a stretch assignment.';
  }
  return mix;
}
