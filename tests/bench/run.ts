import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../functions/dev/dev-env';
import { benchColdStart } from './cold-start';
import { minimalPageGzip } from './minimal-size';
import { benchStorage } from './storage';
import { benchTab } from './tab';

/**
 * `npm run bench`: starts its own stack (Azurite in memory, the local host, the built tab),
 * measures, prints a Markdown table, and writes it with the raw figures under bench-results/.
 * Ratios come from one run, because this machine's absolute timings are noisy.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

console.error('Measuring storage round trips, growth and latency…');
const storage = await benchStorage({ seconds, connections });
console.error('Measuring cold start…');
const coldStart = await benchColdStart(9);
console.error('Measuring the tab…');
const tab = (await benchTab()) as {
  surfaces: Record<string, { files: number; gzip: number }>;
  timeToInteractiveAgendaMs: number;
  blankPageMs: number;
  runs: number;
};
const minimal = await minimalPageGzip();

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; load: up to ${connections} concurrent callers for ${seconds} s per operation.`,
  '',
  '### Storage round trips per operation (counted on the real @azure/data-tables client)',
  '',
  '| Operation | Requests | Target |',
  '|---|---|---|',
  ...storage.roundTrips.map((row) => `| ${row.operation} | ${row.requests} | ${row.target} |`),
  '',
  '### Growth: requests as the history grows',
  '',
  '| Conversations in the history | Open the side panel | A page of history |',
  '|---|---|---|',
  ...storage.growth.map((row) => `| ${row.history} | ${row.sidePanel} | ${row.historyPage} |`),
  '',
  '### Latency under load: the API next to the same storage calls made directly (the floor)',
  '',
  '| Operation | API p50 / p95 / p99 (ms) | API req/s | Floor p50 / p95 / p99 (ms) | Floor req/s | p50 ratio |',
  '|---|---|---|---|---|---|',
  ...storage.latency.map(
    (row) =>
      `| ${row.operation} | ${row.api.p50} / ${row.api.p95} / ${row.api.p99} | ${row.api.rps} | ${row.floor.p50} / ${row.floor.p95} / ${row.floor.p99} | ${row.floor.rps} | ${row.ratio}× |`,
  ),
  '',
  '### Start-up, the tab, memory',
  '',
  '| Measure | Value |',
  '|---|---|',
  `| Loading the bundled Functions entry in a fresh Node process (median of ${coldStart.runs}) | ${coldStart.entryMs} ms (an empty module: ${coldStart.emptyMs} ms) |`,
  ...Object.entries(tab.surfaces).map(
    ([name, figures]) =>
      `| JS loaded by ${name} (gzip) | ${kib(figures.gzip)} in ${figures.files} files (${(figures.gzip / minimal).toFixed(2)}× a minimal React + Fluent + teams-js page, ${kib(minimal)}) |`,
  ),
  `| Navigation to an interactive agenda in the host emulator (median of ${tab.runs}) | ${tab.timeToInteractiveAgendaMs} ms (a blank page: ${tab.blankPageMs} ms) |`,
  `| Resident memory after the load run (local host, Azurite and the load generator in one process) | ${storage.rssMiB} MiB |`,
];
const markdown = `${lines.join('\n')}\n`;
console.log(markdown);
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.md'), markdown);
writeFileSync(
  join(dir, 'results.json'),
  JSON.stringify({ machine, seconds, connections, storage, coldStart, tab, minimalPageGzip: minimal }, null, 2),
);
