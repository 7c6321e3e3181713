import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../functions/dev/dev-env';
import { benchTab } from './tab';

/** `npm run bench`: measures, prints a Markdown table, and writes it with the raw figures under bench-results/. */
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const tab = (await benchTab()) as {
  surfaces: Record<string, { files: number; gzip: number }>;
  timeToInteractiveAgendaMs: number;
  blankPageMs: number;
  runs: number;
};

const rows = [
  '| Measure | Value |',
  '|---|---|',
  ...Object.entries(tab.surfaces).map(([name, figures]) => `| JS loaded by ${name} (gzip) | ${(figures.gzip / 1024).toFixed(1)} KiB in ${figures.files} files |`),
  `| Navigation to an interactive agenda (median of ${tab.runs}) | ${tab.timeToInteractiveAgendaMs} ms (blank page: ${tab.blankPageMs} ms) |`,
];
const markdown = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.\n\n${rows.join('\n')}\n`;
console.log(markdown);
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.md'), markdown);
writeFileSync(join(dir, 'results.json'), JSON.stringify({ machine, tab }, null, 2));
