import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { MeResponseSchema, ProblemSchema } from '../../functions/src/contract';
import {
  DIRECTORY_FRESHNESS_MS,
  DirectoryConsentError,
  DirectoryUnavailableError,
  GraphDirectory,
} from '../../functions/src/directory';
import { startEntraGraphStandIn, type StandIn, type StandInUser } from '../support/entra-graph-stand-in';
import { startTestStack, type TestStack } from '../support/stack';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const unconsented = '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09';
const morgan = '494b5923-1c8f-4e15-8c83-791534de2497';
const reports = [
  '1b976e1c-64da-4465-8cb7-d4d3904a8c59',
  '95f926d7-d7c5-455d-828f-a71042750fce',
  'a41ea03f-5a90-47ff-8b79-12ff8bf106c0',
];
const nobodysReport = '0b05254d-ce88-4e42-9896-7c2034209fb7';

let standIn: StandIn;
let stack: TestStack;

function directory(
  overrides: { cacheTtlMs?: number; maxRetryWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
) {
  return new GraphDirectory({
    clientId: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
    credential: { kind: 'secret', secret: 'test-secret' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: `${standIn.url}/v1.0`,
    cacheTtlMs: overrides.cacheTtlMs ?? 60_000,
    maxRetryWaitMs: overrides.maxRetryWaitMs ?? 5_000,
    networkClient: standIn.networkClient,
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
  });
}

const caller = (tenantId = tenant) => ({
  tenantId,
  userId: morgan,
  token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.caller-token.signature',
});

beforeAll(async () => {
  standIn = await startEntraGraphStandIn([
    { id: morgan, displayName: 'Morgan Lee', jobTitle: 'Engineering Manager', mail: 'morgan@contoso.example' },
    ...reports.map((id, index) => ({ id, displayName: `Report ${index + 1}`, managerId: morgan })),
    { id: nobodysReport, displayName: 'Dana Kim' },
  ]);
  stack = await startTestStack();
});
afterAll(async () => {
  await standIn.close();
  await stack.close();
});

describe('the Microsoft Graph directory (on behalf of the caller)', () => {
  it('exchanges the caller’s token on behalf of the user and reads the person, manager and every page of reports', async () => {
    const lookup = directory().forCaller(caller());
    expect(await lookup.person(morgan)).toEqual({
      id: morgan,
      displayName: 'Morgan Lee',
      jobTitle: 'Engineering Manager',
      email: 'morgan@contoso.example',
    });
    expect((await lookup.managerOf(reports[0]!))?.id).toBe(morgan);
    expect((await lookup.directReportsOf(morgan)).map((person) => person.displayName)).toEqual([
      'Report 1',
      'Report 2',
      'Report 3',
    ]);
    const token = standIn.requests.find((request) => request.path.endsWith('/oauth2/v2.0/token'))!;
    const form = new URLSearchParams(token.body);
    expect(form.get('requested_token_use')).toBe('on_behalf_of');
    expect(form.get('assertion')).toBe(caller().token);
    expect(form.get('scope')).toMatch(/User\.Read\.All/);
    expect(standIn.requests.filter((request) => request.path.includes('/directReports'))).toHaveLength(2);
  });

  it('answers null when the manager is unset or the person unknown', async () => {
    const lookup = directory().forCaller(caller());
    expect(await lookup.managerOf(nobodysReport)).toBeNull();
    expect(await lookup.person('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('keeps answers for a short while, so a page view costs no repeated Graph calls', async () => {
    const graph = directory();
    const before = standIn.requests.filter((request) => request.path.startsWith('/v1.0/')).length;
    await graph.forCaller(caller()).managerOf(reports[1]!);
    await graph.forCaller(caller()).managerOf(reports[1]!);
    expect(standIn.requests.filter((request) => request.path.startsWith('/v1.0/')).length - before).toBe(1);
  });

  it('says clearly when the tenant has not consented', async () => {
    standIn.unconsentedTenants.add(unconsented);
    await expect(directory().forCaller(caller(unconsented)).person(morgan)).rejects.toBeInstanceOf(
      DirectoryConsentError,
    );
    // Through the API: a 403 problem that tells the person what their admin must do.
    const api = inProcessApi({ ...stack.services, directory: directory() });
    const token = await stack.token('fabrikam-manager');
    const response = await api('me-get', { token });
    expect(response.status).toBe(403);
    expect(ProblemSchema.parse(response.body).detail).toMatch(/admin has not yet allowed .* consent/);
  });

  it('waits out Graph throttling as Retry-After asks, then answers', async () => {
    standIn.throttle.set(reports[2]!, { remaining: 1, retryAfter: 1 });
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    expect((await directory({ sleep }).forCaller(caller()).person(reports[2]!))?.displayName).toBe('Report 3');
    expect(waits).toEqual([1000]);
  });

  it('gives up with a 503 and Retry-After when Graph asks for a longer wait than a request can afford', async () => {
    standIn.throttle.set(reports[0]!, { remaining: 5, retryAfter: 30 });
    await expect(directory({ cacheTtlMs: 0 }).forCaller(caller()).person(reports[0]!)).rejects.toBeInstanceOf(
      DirectoryUnavailableError,
    );
    const api = inProcessApi({ ...stack.services, directory: directory({ cacheTtlMs: 0 }) });
    standIn.throttle.set(stack.person('morgan').id, { remaining: 5, retryAfter: 30 });
    const response = await api('me-get', { token: await stack.token('morgan') });
    expect(response.status).toBe(503);
    expect(ProblemSchema.parse(response.body).detail).toMatch(/directory is busy/);
  });

  it('works with the API end to end when Graph answers', async () => {
    standIn.throttle.clear();
    const api = inProcessApi({ ...stack.services, directory: directory() });
    const response = await api('me-get', { token: await stack.token('morgan') });
    const me = MeResponseSchema.parse(response.body);
    expect(me.directReports.map((person) => person.displayName)).toEqual(['Report 1', 'Report 2', 'Report 3']);
  });

  it(`ends a former manager's access within the directory's freshness bound (${DIRECTORY_FRESHNESS_MS / 1000} s), not before and not after`, async () => {
    // Graph knows the test organisation; HR then moves Ava from Morgan to Sam.
    const people: StandInUser[] = stack.chart.tenants[0]!.people.map(({ id, displayName, managerId }) => ({
      id,
      displayName,
      ...(managerId ? { managerId } : {}),
    }));
    const org = await startEntraGraphStandIn(people);
    try {
      const clock = { ms: Date.now() };
      const graph = new GraphDirectory({
        clientId: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
        credential: { kind: 'secret', secret: 'test-secret' },
        authorityHost: 'https://login.microsoftonline.com',
        graphBaseUrl: `${org.url}/v1.0`,
        cacheTtlMs: DIRECTORY_FRESHNESS_MS,
        maxRetryWaitMs: 5_000,
        networkClient: org.networkClient,
        now: () => clock.ms,
      });
      const api = inProcessApi({ ...stack.services, directory: graph });
      const ava = stack.person('ava').id;
      const morganReads = async () =>
        (await api('plan-get', { token: await stack.token('morgan'), params: { employeeId: ava } })).status;
      const samReads = async () =>
        (await api('plan-get', { token: await stack.token('sam'), params: { employeeId: ava } })).status;
      expect(await morganReads()).toBe(200);
      expect(await samReads()).toBe(404);

      people.find((person) => person.id === ava)!.managerId = stack.person('sam').id;
      // Within the bound the answer Graph gave is still used…
      clock.ms += DIRECTORY_FRESHNESS_MS - 1;
      expect(await morganReads()).toBe(200);
      // …and once it has passed, Graph is asked again: Morgan is refused, Sam let in.
      clock.ms += 1;
      expect(await morganReads()).toBe(404);
      expect(await samReads()).toBe(200);
    } finally {
      await org.close();
    }
  });

  it('refuses a freshness longer than the written bound', () => {
    expect(() => directory({ cacheTtlMs: DIRECTORY_FRESHNESS_MS + 1 })).toThrow(/cacheTtlMs/);
  });
});
