import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ConversationViewSchema } from '../../functions/src/contract';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { FUNCTIONS_BUNDLE_OPTIONS, buildFunctions, onDemandFiles, settingsFrom } from '../../scripts/build';
import { CLOCK_ROW, planPartition } from '../../functions/src/store';
import { benchOrgChart, startBenchStack } from './stack';

const ROOT = resolve(import.meta.dirname, '../..');
const runFile = promisify(execFile);

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

/**
 * The app's start-up as a person feels it: the whole Functions entry (the same modules as main.cjs, its routes
 * registered as the package does outside the host), then the first conversation view answered through the
 * same wrapper: settings read, services made, the token verified, the directory asked, storage read. Bundled
 * with main.cjs's options, the on-demand files left out the same way.
 */
const FIRST_VIEW_SOURCE = `
import { HttpRequest, InvocationContext } from '@azure/functions';
import './functions/src/index';
import { loadConfig } from './functions/src/config';
import { authenticated } from './functions/src/http/handler';
import { routes } from './functions/src/routes';
import { createServices } from './functions/src/services';
export async function firstView(token, employeeId, conversationId) {
  const route = routes.find((entry) => entry.name === 'conversation-get');
  const services = createServices(loadConfig(process.env));
  const request = new HttpRequest({
    method: 'GET',
    url: 'http://localhost/api/plans/' + employeeId + '/conversations/' + conversationId,
    headers: { authorization: 'Bearer ' + token },
    params: { employeeId, conversationId },
  });
  const response = await authenticated(route, () => services)(request, new InvocationContext({ functionName: route.name }));
  return response.status;
}
`;

/** The floor: the two SDKs loaded, and one point read through the same Table Storage client. */
const FIRST_READ_SOURCE = `
import { app } from '@azure/functions';
import { TableClient } from '@azure/data-tables';
export async function firstRead(connectionString, partitionKey, rowKey) {
  const table = TableClient.fromConnectionString(connectionString, 'plans', { allowInsecureConnection: true });
  const row = await table.getEntity(partitionKey, rowKey);
  return app && row.etag ? 200 : 500;
}
`;

/**
 * Milliseconds from a fresh Node process's first line to the answer of `call` (its start-up not counted). Not
 * spawnSync: the storage it reads (Azurite) runs in this process, which must keep answering meanwhile.
 */
async function timeFirstAnswer(dir: string, file: string, call: string, env: Record<string, string>): Promise<number> {
  // The app keeps timers and sockets open, as a Functions worker does: the process ends once it has answered.
  const script = `const t=process.hrtime.bigint();require('./${file}').${call}.then((status)=>{process.stdout.write('\\n'+JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,status}),()=>process.exit(0))},(error)=>{console.error(error);process.exit(1)})`;
  const { stdout } = await runFile(process.execPath, ['-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
    maxBuffer: 16 * 2 ** 20,
  });
  const answer = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ms: number; status: number };
  if (answer.status !== 200) throw new Error(`${file} answered ${answer.status}.`);
  return answer.ms;
}

/**
 * A fresh process until its first conversation view is answered (200, from Azurite, with a real signed token
 * and the org chart directory of a local run), next to a fresh process that loads the two SDKs and makes one
 * point read through the same client. Each run alternates the two.
 */
export async function benchFirstView(runs: number) {
  const { chart, reportsOf50 } = benchOrgChart();
  const stack = await startBenchStack(chart);
  const dir = mkdtempSync(join(tmpdir(), 'bench-first-view-'));
  try {
    const employee = reportsOf50[0]!;
    const token = await stack.token(employee);
    const api = inProcessApi(stack.services);
    const params = { employeeId: employee.id };
    const started = ConversationViewSchema.parse(
      (await api('conversations-post', { token, params, body: { type: 'job' } })).body,
    );
    const bundle = (name: string, contents: string, onDemand: boolean) =>
      build({
        ...FUNCTIONS_BUNDLE_OPTIONS,
        stdin: { contents, resolveDir: ROOT, sourcefile: `${name}.ts`, loader: 'ts' },
        outfile: join(dir, `${name}.cjs`),
        ...(onDemand ? { plugins: [onDemandFiles(true)] } : {}),
      });
    await Promise.all([bundle('first-view', FIRST_VIEW_SOURCE, true), bundle('first-read', FIRST_READ_SOURCE, false)]);
    const connectionString = Object.values(stack.env).find((value) => value.includes('TableEndpoint'));
    if (!connectionString) throw new Error('The bench stack has no storage connection string.');
    const partition = planPartition(chart.tenants[0]!.tenantId, employee.id);
    const view: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      view.push(
        await timeFirstAnswer(
          dir,
          'first-view.cjs',
          `firstView(${JSON.stringify(token)},${JSON.stringify(employee.id)},${JSON.stringify(started.conversation.id)})`,
          stack.env,
        ),
      );
      floor.push(
        await timeFirstAnswer(
          dir,
          'first-read.cjs',
          `firstRead(${JSON.stringify(connectionString)},${JSON.stringify(partition)},${JSON.stringify(CLOCK_ROW)})`,
          {},
        ),
      );
    }
    const viewMs = median(view);
    const floorMs = median(floor);
    return {
      viewMs: Number(viewMs.toFixed(1)),
      floorMs: Number(floorMs.toFixed(1)),
      ratio: Number((viewMs / floorMs).toFixed(2)),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stack.close();
  }
}
