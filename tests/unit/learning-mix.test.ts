import { describe, expect, it } from 'vitest';
import { learningMix } from '../../functions/src/domain';

describe('the 70-20-10 learning mix', () => {
  it('counts and shares the kinds of learning, dropped actions aside', () => {
    const mix = learningMix([
      { learningKind: 'onTheJob', status: 'open' },
      { learningKind: 'onTheJob', status: 'done' },
      { learningKind: 'fromOthers', status: 'open' },
      { learningKind: 'formal', status: 'open' },
      { learningKind: 'formal', status: 'dropped' },
      { status: 'open' },
    ]);
    expect(mix.counts).toEqual({ formal: 1, fromOthers: 1, onTheJob: 2 });
    expect(mix.classified).toBe(4);
    expect(mix.unclassified).toBe(1);
    expect(mix.shares).toEqual({ formal: 0.25, fromOthers: 0.25, onTheJob: 0.5 });
    expect(mix.allFormal).toBe(false);
    expect(mix.advice).toBeUndefined();
  });

  it('flags a plan made only of formal learning, with advice', () => {
    const mix = learningMix([
      { learningKind: 'formal', status: 'open' },
      { learningKind: 'formal', status: 'done' },
      { learningKind: 'onTheJob', status: 'dropped' },
    ]);
    expect(mix.allFormal).toBe(true);
    expect(mix.advice).toMatch(/formal learning/);
  });

  it('does not flag an empty plan', () => {
    const mix = learningMix([]);
    expect(mix.allFormal).toBe(false);
    expect(mix.shares).toEqual({ formal: 0, fromOthers: 0, onTheJob: 0 });
  });
});
