import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryPageSchema, PlanViewSchema, TeamOverviewSchema } from '../../functions/src/contract';
import { REPO_ROOT } from '../../functions/dev/dev-env';

const dataDir = mkdtempSync(join(tmpdir(), 'career-conversations-start-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0' };
const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the local run as `npm start` does and waits for its banner. */
function start(): Promise<{ child: ChildProcess; output: () => string; api: string }> {
  const child = spawn(tsx, ['functions/dev/start.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`npm start did not come up:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const api = /API\s+(http:\/\/localhost:\d+\/api)/.exec(output)?.[1];
      if (api && output.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, api });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

function token(name: string): string {
  const result = spawnSync(tsx, ['functions/dev/token.ts', name], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

async function get(api: string, path: string, as: string): Promise<unknown> {
  const response = await fetch(`${api.replace('localhost', '127.0.0.1')}/${path}`, {
    headers: { authorization: `Bearer ${token(as)}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('the local run', () => {
  it('seeds the demo organisation, answers curl-style calls with printed tokens, stops on Ctrl-C and keeps everything', async () => {
    const first = await start();
    expect(first.output()).toMatch(/seeding the demo organisation… done/);

    // The token command prints one JWT and nothing else.
    expect(token('morgan')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const unknown = spawnSync(tsx, ['functions/dev/token.ts', 'nobody'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/one of: sam, morgan, ava, ben, chloe, dana, eli/);

    const team = TeamOverviewSchema.parse(await get(first.api, 'team', 'morgan'));
    const byName = new Map(team.members.map((member) => [member.person.displayName, member]));
    expect([...byName.keys()]).toEqual(['Ava Patel', 'Ben Okafor', 'Chloe Martin']);
    expect(byName.get('Ava Patel')).toMatchObject({
      jobDevelopmentOverdue: false,
      daysSinceJobConversation: 30,
      daysSinceCareerConversation: 90,
    });
    expect(byName.get('Ben Okafor')).toMatchObject({
      lastCareerConversationAt: null,
      jobDevelopmentOverdue: true,
      managerHoldsTooMuch: true,
    });
    expect(byName.get('Chloe Martin')).toMatchObject({ lastJobConversationAt: null, lastCareerConversationAt: null });

    const avaId = byName.get('Ava Patel')!.person.id;
    const history = HistoryPageSchema.parse(await get(first.api, `plans/${avaId}/conversations?pageSize=50`, 'morgan'));
    const types = new Set(history.items.map((item) => item.conversation.type));
    expect(types).toEqual(new Set(['job', 'career']));
    const oldest = history.items[history.items.length - 1]!.conversation.createdAt;
    expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(330 * 24 * 3600 * 1000);
    expect(history.items.every((item) => item.ownership.satisfied && item.conversation.status === 'agreed')).toBe(true);

    expect(await stop(first.child)).toBe(0);

    // A restart keeps every plan and does not seed again.
    const second = await start();
    expect(second.output()).not.toMatch(/seeding/);
    const plan = PlanViewSchema.parse(await get(second.api, `plans/${avaId}`, 'ava'));
    expect(plan.summary.conversations).toBe(history.items.length);
    expect(plan.careerPlan.aspiration).toBe('explore');

    // Ava deletes her whole plan; the next start neither seeds her history again nor fails.
    const deleted = await fetch(`${second.api.replace('localhost', '127.0.0.1')}/plans/${avaId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token('ava')}` },
    });
    expect(deleted.status).toBe(204);
    expect(await stop(second.child)).toBe(0);
    const third = await start();
    expect(third.output()).not.toMatch(/seeding/);
    const afterDeletion = HistoryPageSchema.parse(await get(third.api, `plans/${avaId}/conversations`, 'ava'));
    expect(afterDeletion.items).toEqual([]);
    expect(await stop(third.child)).toBe(0);
  }, 120_000);
});
