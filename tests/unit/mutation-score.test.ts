import { describe, expect, it } from 'vitest';
import { score, scoreLines, tallies } from '../../scripts/mutation';

type Status = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Ignored';

/** A JSON report's files, as Stryker writes them: each file's mutants with their status. */
function report(files: Record<string, Status[]>) {
  return {
    files: Object.fromEntries(
      Object.entries(files).map(([path, statuses]) => [path, { mutants: statuses.map((status) => ({ status })) }]),
    ),
  };
}

describe('the mutation score printed after a run', () => {
  it('counts killed and timed-out mutants as detected, survivors and uncovered ones as not, and no others', () => {
    const counted = tallies(
      report({
        'functions/src/domain/ownership.ts': ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError'],
        'functions/src/http/problem.ts': ['Killed', 'RuntimeError', 'Ignored'],
        'functions/src/contract/fields.ts': ['Survived'],
        'functions/src/store/keys.ts': ['Survived'],
      }),
    );
    expect(counted).toEqual({
      domain: { detected: 2, undetected: 2 },
      http: { detected: 1, undetected: 0 },
      contract: { detected: 0, undetected: 1 },
      overall: { detected: 3, undetected: 3 },
    });
    expect(score(counted.domain)).toBe(50);
    expect(score({ detected: 0, undetected: 0 })).toBeNull();
  });

  it('prints a line per folder and overall, and says which target is missed', () => {
    const { lines, met } = scoreLines(
      report({
        'functions/src/domain/a.ts': [...Array<Status>(17).fill('Killed'), ...Array<Status>(3).fill('Survived')],
        'functions/src/http/b.ts': ['Killed'],
        'functions/src/contract/c.ts': ['Survived', 'Survived'],
      }),
    );
    expect(lines).toEqual([
      'mutation score domain    85.0 % (17 of 20 mutants detected, target ≥ 85 %: met)',
      'mutation score http     100.0 % (1 of 1 mutants detected)',
      'mutation score contract   0.0 % (0 of 2 mutants detected)',
      'mutation score overall   78.3 % (18 of 23 mutants detected, target ≥ 75 %: met)',
    ]);
    expect(met).toBe(true);
    const missed = scoreLines(report({ 'functions/src/domain/a.ts': ['Killed', 'Survived'] }));
    expect(missed.met).toBe(false);
    expect(missed.lines[0]).toBe('mutation score domain    50.0 % (1 of 2 mutants detected, target ≥ 85 %: MISSED)');
    expect(missed.lines[1]).toBe('mutation score http     no mutants (0 of 0 mutants detected)');
  });
});
