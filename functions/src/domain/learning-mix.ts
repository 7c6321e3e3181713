import { z } from 'zod';
import { LEARNING_KINDS, type Action, type LearningKind } from './model';

const PerKind = z.record(z.enum(LEARNING_KINDS), z.number());

export const LearningMixModel = z.object({
  /** Actions that name a kind of learning (dropped ones aside). */
  classified: z.number(),
  unclassified: z.number(),
  counts: PerKind,
  /** Shares of the classified actions, 0..1, summing to 1 when any exist. */
  shares: PerKind,
  /** Every classified action is formal learning: a class is not the only way to grow. */
  allFormal: z.boolean(),
  advice: z.string().optional(),
});
export type LearningMix = z.infer<typeof LearningMixModel>;

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
