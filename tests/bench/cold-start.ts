import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunctions, settingsFrom } from '../../scripts/build';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timeRequire(dir: string, file: string): number {
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      `const t=process.hrtime.bigint();require('./${file}');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim().split('\n').pop());
}

/** Time to load the bundled Functions entry in a fresh Node process, next to an empty module. */
export async function benchColdStart(runs: number) {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-functions-'));
  try {
    const dir = await buildFunctions({ ...settingsFrom([], {}), outDir });
    writeFileSync(join(dir, 'empty.cjs'), '');
    const entry: number[] = [];
    const empty: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      entry.push(timeRequire(dir, 'main.cjs'));
      empty.push(timeRequire(dir, 'empty.cjs'));
    }
    return { entryMs: Number(median(entry).toFixed(1)), emptyMs: Number(median(empty).toFixed(2)), runs };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
