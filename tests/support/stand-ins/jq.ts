/**
 * A stand-in for jq, for the install-path tests: the one form the README uses, `jq -r .NAME.value FILE`.
 * Self-contained (Node's type stripping runs it).
 */
import { appendFileSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.STAND_IN_LOG ?? '/dev/null', `${JSON.stringify({ tool: 'jq', args })}\n`);
const [raw, filter, file] = args;
const path = /^\.(\w+)\.value$/.exec(filter ?? '');
if (raw !== '-r' || !path || !file) {
  process.stderr.write(`jq stand-in: only "jq -r .NAME.value FILE", not ${args.join(' ')}\n`);
  process.exit(2);
}
const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { value?: unknown } | undefined>;
const value = document[path[1] ?? '']?.value;
process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value ?? null)}\n`);
