import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm run mutation [-- <stryker options>]`: runs StrykerJS (stryker.config.js) over the domain, the
 * HTTP layer and the contract, then prints the mutation score of each folder and overall, the time the
 * run took, and whether the targets are met. Options go to Stryker as they are: `-- --incremental`
 * reuses the last run's results for unchanged code and tests (see stryker.config.js for its limit).
 * Exits non-zero when Stryker fails or a target is missed.
 */

const ROOT = resolve(import.meta.dirname, '..');
export const REPORT = join(ROOT, 'reports', 'mutation', 'mutation.json');

/** The folders mutated, and the score each must reach; `overall` is all three together. */
export const TARGETS = { domain: 85, http: null, contract: null, overall: 75 } as const;
export type Folder = Exclude<keyof typeof TARGETS, 'overall'>;
const FOLDERS: readonly Folder[] = ['domain', 'http', 'contract'];

/** What a mutant's status means for the score (mutation-testing-report-schema's statuses). */
type MutantStatus =
  'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

interface MutationReport {
  files: Record<string, { mutants: { status: MutantStatus }[] }>;
}

export interface Tally {
  /** Killed by a failing test, or by running forever (a timeout). */
  detected: number;
  /** Survived, or no test reached it. */
  undetected: number;
}

/**
 * Stryker's score: detected mutants over those that compiled and ran. Mutants that could not run
 * (errors) and those excluded with a reason (ignored) count neither way.
 */
export function score(tally: Tally): number | null {
  const valid = tally.detected + tally.undetected;
  return valid === 0 ? null : (100 * tally.detected) / valid;
}

/** The tally of each mutated folder and of all of them, from a JSON report's files. */
export function tallies(report: MutationReport): Record<Folder | 'overall', Tally> {
  const result = {
    domain: { detected: 0, undetected: 0 },
    http: { detected: 0, undetected: 0 },
    contract: { detected: 0, undetected: 0 },
    overall: { detected: 0, undetected: 0 },
  };
  for (const [path, file] of Object.entries(report.files)) {
    const folder = FOLDERS.find((name) => path.replaceAll('\\', '/').includes(`functions/src/${name}/`));
    if (!folder) continue;
    for (const { status } of file.mutants) {
      const kind =
        status === 'Killed' || status === 'Timeout'
          ? 'detected'
          : status === 'Survived' || status === 'NoCoverage'
            ? 'undetected'
            : null;
      if (!kind) continue;
      result[folder][kind] += 1;
      result.overall[kind] += 1;
    }
  }
  return result;
}

/** One line per folder and one overall, each with its target when it has one; and whether all are met. */
export function scoreLines(report: MutationReport): { lines: string[]; met: boolean } {
  const counted = tallies(report);
  let met = true;
  const lines = ([...FOLDERS, 'overall'] as const).map((name) => {
    const value = score(counted[name]);
    const target = TARGETS[name];
    const { detected, undetected } = counted[name];
    const figure = value === null ? 'no mutants' : `${value.toFixed(1)} %`;
    const reached = target === null || (value !== null && value >= target);
    if (!reached) met = false;
    const goal = target === null ? '' : `, target ≥ ${target} %: ${reached ? 'met' : 'MISSED'}`;
    return `mutation score ${name.padEnd(8)} ${figure.padStart(7)} (${detected} of ${detected + undetected} mutants detected${goal})`;
  });
  return { lines, met };
}

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

function main(args: readonly string[]): number {
  const started = Date.now();
  const stryker = spawnSync(join(ROOT, 'node_modules', '.bin', 'stryker'), ['run', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const took = Date.now() - started;
  if (stryker.status !== 0) {
    console.error(`Stryker failed (exit ${stryker.status ?? stryker.signal ?? 'unknown'}) after ${minutes(took)}.`);
    return 1;
  }
  if (!existsSync(REPORT)) {
    console.error(`Stryker wrote no report at ${REPORT}.`);
    return 1;
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  const { lines, met } = scoreLines(report);
  console.log('');
  for (const line of lines) console.log(line);
  console.log(`mutation run took ${minutes(took)}; report: reports/mutation/mutation.html`);
  if (!met) console.error('A mutation score target is missed: see the surviving mutants above.');
  return met ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
