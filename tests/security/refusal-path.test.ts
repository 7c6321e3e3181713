import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { routes } from '../../functions/src/routes';
import { clientFor, expectBody, type ApiResponse, type CallOptions, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';
import { startCountingHost, type CountingHost, type Recorded } from '../support/storage-probe';
import { STALE_ETAG } from '../support/fixtures';

/*
 * A refusal must not tell an existing plan from a made-up one, not even by how long it takes. Wall-clock timing
 * is noise on a shared machine, so this compares what decides the time instead: the path each request takes,
 * as the storage requests and directory lookups it made, alongside the answer itself.
 */

let stack: TestStack;
let host: CountingHost | undefined;
let conversationId: string;
const MADE_UP = '00000000-0000-4000-8000-0000000000aa';

/** Routes about the caller alone, or about a meeting: they name no plan in their path or body. */
const NOT_A_PLAN = [
  'me-get',
  'team-get',
  'meetings-resolve',
  'meetings-panel',
  'nudge-preferences-get',
  'nudge-preferences-put',
  'client-failure-post',
  // Names people by their addresses, never a plan: its one 404 is proved in tests/integration/invite-agenda.test.ts.
  'invite-agenda-post',
];

/** One request per route that names a plan; `employee` is the plan's id, real or made up. */
function requestFor(route: string, employee: string): { method: string; path: string; options: CallOptions } {
  const plan = `plans/${employee}`;
  const talk = `${plan}/conversations/${conversationId}`;
  const table: Record<string, { method: string; path: string; options?: CallOptions }> = {
    'plan-get': { method: 'GET', path: plan },
    'plan-delete': { method: 'DELETE', path: plan },
    'plan-export': { method: 'GET', path: `${plan}/export` },
    'plan-audit': { method: 'GET', path: `${plan}/audit` },
    'prepared-post': { method: 'POST', path: `${plan}/prepared`, options: { body: { text: 'A point to raise' } } },
    'prepared-delete': { method: 'DELETE', path: `${plan}/prepared/p00000001` },
    'career-plan-put': {
      method: 'PUT',
      path: `${plan}/career-plan`,
      options: { body: { aspiration: 'explore', focusAreas: [], careerScenario: null } },
    },
    'next-conversation-put': {
      method: 'PUT',
      path: `${plan}/next-conversation`,
      options: { body: { date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), type: null } },
    },
    'conversations-list': { method: 'GET', path: `${plan}/conversations` },
    'conversations-post': { method: 'POST', path: `${plan}/conversations`, options: { body: { type: 'career' } } },
    'conversation-get': { method: 'GET', path: talk },
    'agenda-post': { method: 'POST', path: `${talk}/agenda`, options: { body: { text: 'A point' } } },
    'agenda-item-patch': {
      method: 'PATCH',
      path: `${talk}/agenda/goals.learn`,
      options: { body: { discussed: true }, ifMatch: STALE_ETAG },
    },
    'agenda-item-delete': { method: 'DELETE', path: `${talk}/agenda/point.1`, options: { ifMatch: STALE_ETAG } },
    'actions-post': {
      method: 'POST',
      path: `${talk}/actions`,
      options: { body: { title: 'An action', owner: 'employee', learningKind: 'formal' } },
    },
    'action-patch': {
      method: 'PATCH',
      path: `${talk}/actions/a1`,
      options: { body: { status: 'dropped' }, ifMatch: STALE_ETAG },
    },
    'action-delete': { method: 'DELETE', path: `${talk}/actions/a1` },
    'conversation-agree': { method: 'POST', path: `${talk}/agree`, options: { body: { revision: 1 } } },
    'conversation-agree-delete': { method: 'DELETE', path: `${talk}/agree` },
    'note-put': { method: 'PUT', path: `${talk}/note`, options: { body: { text: 'A note' } } },
    'conversation-live-post': { method: 'POST', path: `${talk}/live` },
    'meetings-link': {
      method: 'PUT',
      path: 'meetings/link',
      options: { body: { meetingId: 'm-1', employeeId: employee, conversationId } },
    },
  };
  const entry = table[route];
  if (!entry) throw new Error(`No request for the route ${route}: add one.`);
  return { method: entry.method, path: entry.path, options: entry.options ?? {} };
}

beforeAll(async () => {
  stack = await startTestStack();
  host = await startCountingHost(stack);
  // Ava's plan exists and holds data: a conversation with an action, a note and a career plan.
  const ava = clientFor({ ...stack, url: host.url }, await stack.token('ava'));
  const avaId = stack.person('ava').id;
  const view = expectBody(await ava.post(`plans/${avaId}/conversations`, { type: 'job' }), 201, ConversationViewSchema);
  conversationId = view.conversation.id;
  const base = `plans/${avaId}/conversations/${conversationId}`;
  expect(
    (await ava.post(`${base}/actions`, { title: 'Lead the review', owner: 'employee', learningKind: 'formal' })).status,
  ).toBe(201);
  expect((await ava.put(`${base}/note`, { text: 'Mine' })).status).toBe(200);
  expect(
    (await ava.put(`plans/${avaId}/career-plan`, { aspiration: 'explore', focusAreas: [], careerScenario: null }))
      .status,
  ).toBe(200);
});
afterAll(async () => {
  await host?.close();
  await stack.close();
});

interface Trace {
  status: number;
  type: string | null;
  body: unknown;
  path: Recorded;
}

async function trace(client: Client, request: { method: string; path: string; options: CallOptions }): Promise<Trace> {
  const recorded = host!.record();
  const response: ApiResponse = await client.call(request.method, request.path, request.options);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: response.body,
    path: { storage: [...recorded.storage], directory: [...recorded.directory] },
  };
}

describe('a refusal', () => {
  it('takes the same path for an existing plan as for a made-up employee: same answer, no storage touched in either', async () => {
    const planRoutes = routes.map((route) => route.name).filter((name) => !NOT_A_PLAN.includes(name));
    const avaId = stack.person('ava').id;
    // Every pair of refusals is recorded as it comes; the figures printed and the assertions are counted from these.
    const compared: { what: string; existing: Trace; madeUp: Trace }[] = [];
    for (const who of ['ben', 'dana', 'sam', 'admin']) {
      const client = clientFor({ ...stack, url: host!.url }, await stack.token(who));
      for (const route of planRoutes) {
        const existing = await trace(client, requestFor(route, avaId));
        const madeUp = await trace(client, requestFor(route, MADE_UP));
        compared.push({ what: `${who} ${route}`, existing, madeUp });
      }
    }
    // The same request by the employee herself does reach storage: the recorder sees what a granted request does.
    const ava = clientFor({ ...stack, url: host!.url }, await stack.token('ava'));
    const granted = await trace(ava, requestFor('conversation-get', avaId));
    const toldApart = compared.filter((entry) => JSON.stringify(entry.existing) !== JSON.stringify(entry.madeUp));
    const notHidden = compared.filter(
      (entry) => entry.existing.status !== 404 || !(entry.existing.type ?? '').startsWith('application/problem+json'),
    );
    const storage = compared.reduce(
      (sum, entry) => sum + entry.existing.path.storage.length + entry.madeUp.path.storage.length,
      0,
    );
    // The refusal is decided by the directory alone: the same two lookups, and nothing read or written in storage.
    const otherPath = compared.filter(
      (entry) =>
        entry.existing.path.storage.length > 0 ||
        JSON.stringify(entry.existing.path.directory) !== JSON.stringify(['person', 'managerOf']),
    );
    console.log(
      `refusal path: ${compared.length} pairs of refusals (an existing plan, a made-up one) on ${planRoutes.length} routes, ` +
        `${toldApart.length} told apart, ${notHidden.length} not a 404, ${storage} storage requests ` +
        `(the employee's own read: ${granted.status}, ${granted.path.storage.length} storage requests)`,
    );
    expect(
      toldApart.map((entry) => `${entry.what}: ${JSON.stringify(entry.existing)} vs ${JSON.stringify(entry.madeUp)}`),
    ).toEqual([]);
    expect(notHidden.map((entry) => `${entry.what}: ${entry.existing.status}`)).toEqual([]);
    expect(otherPath.map((entry) => `${entry.what}: ${JSON.stringify(entry.existing.path)}`)).toEqual([]);
    expect(storage).toBe(0);
    expect(compared).toHaveLength(4 * planRoutes.length);
    expect(granted.status).toBe(200);
    expect(granted.path.storage.length).toBeGreaterThan(0);
  }, 60_000);
});
