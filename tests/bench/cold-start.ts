import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS_BUNDLE_OPTIONS, buildFunctions, settingsFrom } from '../../scripts/build';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The floor: a module that loads only the two SDKs every instance of the API needs at start-up,
 * the Functions programming model and the Table Storage client, and touches both so that neither
 * import is dropped. It registers nothing.
 */
const FLOOR_SOURCE = `
import { app } from '@azure/functions';
import { TableClient } from '@azure/data-tables';
export const floor = { app, table: TableClient.fromConnectionString('UseDevelopmentStorage=true', 'floor') };
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds to require the files, in order, in a fresh Node process (its start-up not counted). */
function timeRequire(dir: string, files: string[]): number {
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      `const t=process.hrtime.bigint();${files.map((file) => `require('./${file}');`).join('')}process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim().split('\n').pop());
}

/**
 * Time to load the bundled Functions entry in a fresh Node process, next to an empty module and the
 * floor (bundled with the same options). `onDemandMs` is what the first request in Azure adds on
 * top: loading the files main.cjs imports only when first used (identity, MSAL).
 */
export async function benchColdStart(runs: number) {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-functions-'));
  try {
    const dir = await buildFunctions({ ...settingsFrom([], {}), outDir });
    writeFileSync(join(dir, 'empty.cjs'), '');
    await build({
      ...FUNCTIONS_BUNDLE_OPTIONS,
      stdin: { contents: FLOOR_SOURCE, resolveDir: ROOT, sourcefile: 'floor.ts', loader: 'ts' },
      outfile: join(dir, 'floor.cjs'),
    });
    const onDemand = ['identity.cjs', 'msal-node.cjs'];
    const entry: number[] = [];
    const empty: number[] = [];
    const floor: number[] = [];
    const withOnDemand: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      entry.push(timeRequire(dir, ['main.cjs']));
      empty.push(timeRequire(dir, ['empty.cjs']));
      floor.push(timeRequire(dir, ['floor.cjs']));
      withOnDemand.push(timeRequire(dir, ['main.cjs', ...onDemand]));
    }
    const bytes = (file: string) => statSync(join(dir, file)).size;
    const entryMs = median(entry);
    const floorMs = median(floor);
    return {
      entryMs: Number(entryMs.toFixed(1)),
      emptyMs: Number(median(empty).toFixed(2)),
      floorMs: Number(floorMs.toFixed(1)),
      entryVsFloor: Number((entryMs / floorMs).toFixed(2)),
      onDemandMs: Number((median(withOnDemand) - entryMs).toFixed(1)),
      entryBytes: bytes('main.cjs'),
      floorBytes: bytes('floor.cjs'),
      onDemandBytes: onDemand.reduce((sum, file) => sum + bytes(file), 0),
      runs,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
