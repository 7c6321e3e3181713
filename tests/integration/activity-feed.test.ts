import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientCredential } from '../../functions/src/directory';
import { planNudges, teamDigestNudges, defaultNudgePreferences } from '../../functions/src/domain';
import { ActivityFeedSender, activityDeepLink, type ActivityFeedSettings } from '../../functions/src/notify';
import { startEntraGraphStandIn, type StandIn } from '../support/entra-graph-stand-in';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const unconsented = '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09';
const teamsAppId = '0f3e6c2a-9b1d-4e5f-8a7b-6c5d4e3f2a10';
const morgan = { id: '494b5923-1c8f-4e15-8c83-791534de2497', displayName: 'Morgan Lee' };
const ava = { id: '1b976e1c-64da-4465-8cb7-d4d3904a8c59', displayName: 'Ava Patel' };
const ben = { id: '95f926d7-d7c5-455d-828f-a71042750fce', displayName: 'Ben Okafor' };
const departed = { id: 'a41ea03f-5a90-47ff-8b79-12ff8bf106c0', displayName: 'Left Already' };
const TITLE = 'Run the design review for the payments API';

let standIn: StandIn;

function sender(
  overrides: Partial<
    Pick<
      ActivityFeedSettings,
      'maxRetryWaitMs' | 'maxAttempts' | 'graphBaseUrl' | 'sleep' | 'manifestAppId' | 'catalogAppId'
    >
  > & {
    credential?: ClientCredential;
  } = {},
) {
  return new ActivityFeedSender({
    clientId: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
    credential: overrides.credential ?? { kind: 'secret', secret: 'test-secret' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: overrides.graphBaseUrl ?? `${standIn.url}/v1.0`,
    manifestAppId: overrides.manifestAppId ?? teamsAppId,
    ...(overrides.catalogAppId ? { catalogAppId: overrides.catalogAppId } : {}),
    maxRetryWaitMs: overrides.maxRetryWaitMs ?? 5_000,
    networkClient: standIn.networkClient,
    // No test sits through a real wait.
    sleep: overrides.sleep ?? (() => Promise.resolve()),
    ...(overrides.maxAttempts ? { maxAttempts: overrides.maxAttempts } : {}),
  });
}

/** Ava's plan on Tuesday 10 March 2026: her action due in 3 days, and Morgan's confirmation waiting. */
function avasNudges(employee = ava) {
  return planNudges({
    now: new Date('2026-03-10T06:00:00.000Z'),
    employee,
    manager: morgan,
    actions: [
      {
        id: 'a1',
        conversationId: '8000000000000abcdef',
        title: TITLE,
        owner: 'employee',
        status: 'open',
        agreed: true,
        dueDate: '2026-03-13',
      },
    ],
    lastAgreed: { job: '2026-02-01T10:00:00.000Z', career: null },
    startedAt: null,
    drafts: [
      {
        id: '7900000000000ghijkl',
        type: 'job',
        status: 'draft',
        managerId: morgan.id,
        revision: 2,
        confirmations: [{ role: 'employee', by: employee.id, at: '2026-03-09T10:00:00.000Z', revision: 2 }],
      },
    ],
    nextConversation: null,
    preferences: new Map(),
    alreadySent: new Set(),
  });
}

const graphCalls = () => standIn.requests.filter((request) => request.path.endsWith('/sendActivityNotification'));

beforeAll(async () => {
  standIn = await startEntraGraphStandIn([morgan, ava, ben].map((person) => ({ ...person })));
});
afterAll(async () => {
  await standIn.close();
});
afterEach(() => {
  standIn.appCatalog.clear();
  standIn.activityFeed.clear();
  standIn.appNotInstalledFor.clear();
  standIn.throttle.clear();
  standIn.unconsentedTenants.clear();
  standIn.requests.length = 0;
});

describe('sending nudges to the Teams activity feed', () => {
  it('posts each notification to its recipient with the app’s own token, a deep link and the template’s parameters', async () => {
    const nudges = avasNudges();
    const report = await sender().sendAll(tenant, nudges);
    expect(report.counts).toEqual({ sent: 2, notInstalled: 0, failed: 0 });
    expect(report.outcomes.map((entry) => entry.key)).toEqual(nudges.map((notification) => notification.key));

    const token = standIn.requests.find((request) => request.path === `/${tenant}/oauth2/v2.0/token`)!;
    const form = new URLSearchParams(token.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('https://graph.microsoft.com/.default');

    const planLink = `https://teams.microsoft.com/l/entity/${teamsAppId}/myplan?context=${encodeURIComponent(`{"subEntityId":"${ava.id}"}`)}`;
    expect(standIn.activityFeed.get(ava.id)).toEqual([
      {
        tenantId: tenant,
        topic: { source: 'text', value: 'My plan', webUrl: planLink },
        activityType: 'actionDueSoon',
        previewText: { content: `Your action "${TITLE}" is due in 3 days` },
        chainId: expect.any(Number) as number,
        templateParameters: [
          { name: 'actionTitle', value: TITLE },
          { name: 'dueIn', value: 'in 3 days' },
        ],
      },
    ]);
    expect(standIn.activityFeed.get(morgan.id)).toEqual([
      expect.objectContaining({
        activityType: 'confirmationWaiting',
        topic: { source: 'text', value: 'My plan', webUrl: planLink },
        templateParameters: [
          { name: 'personName', value: 'Ava Patel' },
          { name: 'conversationType', value: 'job development' },
        ],
      }),
    ]);
  });

  it('links the digest to My team, and gives the same notification the same chainId so a resend replaces it', async () => {
    const [digest] = teamDigestNudges({
      now: new Date('2026-03-09T06:00:00.000Z'),
      manager: morgan,
      reports: [
        { employee: ben, lastAgreed: { job: null }, startedAt: null, openActions: { employee: 0, manager: 1 } },
      ],
      preferences: defaultNudgePreferences(),
      alreadySent: new Set(),
    });
    expect(await sender().send(tenant, digest!)).toEqual({ status: 'sent' });
    expect(await sender().send(tenant, digest!)).toEqual({ status: 'sent' });
    const [first, second] = standIn.activityFeed.get(morgan.id)!;
    expect(first?.topic).toEqual({
      source: 'text',
      value: 'My team',
      webUrl: activityDeepLink(teamsAppId, { page: 'team' }),
    });
    expect(first?.topic.webUrl).toBe(`https://teams.microsoft.com/l/entity/${teamsAppId}/team`);
    expect(first?.chainId).toBe(second?.chainId);
    await sender().sendAll(tenant, avasNudges());
    const others = [...standIn.activityFeed.values()].flat().filter((sent) => sent.activityType !== 'weeklyDigest');
    expect(others.map((sent) => sent.chainId)).not.toContain(first?.chainId);
  });

  it('gets its token with the managed identity’s assertion in place of a secret', async () => {
    const credential: ClientCredential = { kind: 'assertion', getAssertion: () => Promise.resolve('mi-assertion') };
    expect((await sender({ credential }).sendAll(tenant, avasNudges())).counts.sent).toBe(2);
    const token = standIn.requests.find((request) => request.path === `/${tenant}/oauth2/v2.0/token`)!;
    expect(new URLSearchParams(token.body).get('client_assertion')).toBe('mi-assertion');
  });

  it('counts a recipient without the app installed as not installed, and carries on with the run', async () => {
    standIn.appNotInstalledFor.add(ava.id);
    const report = await sender().sendAll(tenant, avasNudges());
    expect(report.outcomes.map((entry) => entry.outcome)).toEqual([{ status: 'notInstalled' }, { status: 'sent' }]);
    expect(report.counts).toEqual({ sent: 1, notInstalled: 1, failed: 0 });
    expect(standIn.activityFeed.has(ava.id)).toBe(false);
    expect(standIn.activityFeed.get(morgan.id)).toHaveLength(1);
  });

  it('waits out throttling as Retry-After asks (429 and 503), then sends', async () => {
    standIn.throttle.set(ava.id, { remaining: 1, retryAfter: 2 });
    standIn.throttle.set(morgan.id, { remaining: 1, retryAfter: 1, status: 503 });
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const report = await sender({ sleep }).sendAll(tenant, avasNudges());
    expect(report.counts).toEqual({ sent: 2, notInstalled: 0, failed: 0 });
    expect(waits).toEqual([2000, 1000]);
    expect(graphCalls()).toHaveLength(4);
  });

  it('gives up after the attempts allowed, and stops the run rather than press on against Graph', async () => {
    standIn.throttle.set(ava.id, { remaining: 10, retryAfter: 1 });
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const report = await sender({ sleep, maxAttempts: 3 }).sendAll(tenant, avasNudges());
    expect(report.outcomes.map((entry) => entry.outcome)).toEqual([
      { status: 'failed', reason: 'throttled', httpStatus: 429 },
      { status: 'failed', reason: 'throttled', httpStatus: 429 },
    ]);
    expect(waits).toEqual([1000, 1000]);
    // Three attempts for Ava; Morgan's notification is left for the next run.
    expect(graphCalls()).toHaveLength(3);
  });

  it('does not wait longer than allowed: a long Retry-After fails at once', async () => {
    standIn.throttle.set(ava.id, { remaining: 1, retryAfter: 120 });
    const waits: number[] = [];
    const outcome = await sender({
      maxRetryWaitMs: 10_000,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    }).send(tenant, avasNudges()[0]!);
    expect(outcome).toEqual({ status: 'failed', reason: 'throttled', httpStatus: 429 });
    expect(waits).toEqual([]);
  });

  it('tells a missing permission, an unknown user and an unreachable Graph apart', async () => {
    standIn.unconsentedTenants.add(unconsented);
    expect(await sender().send(unconsented, avasNudges()[0]!)).toEqual({
      status: 'failed',
      reason: 'forbidden',
      httpStatus: 403,
    });
    expect(await sender().send(tenant, avasNudges(departed)[0]!)).toEqual({
      status: 'failed',
      reason: 'notFound',
      httpStatus: 404,
    });
    const waits: number[] = [];
    const unreachable = sender({
      graphBaseUrl: 'http://127.0.0.1:1/v1.0',
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(await unreachable.send(tenant, avasNudges()[0]!)).toEqual({ status: 'failed', reason: 'network' });
    expect(waits).toEqual([1000, 2000]);
  });

  it('fails the run’s notifications without calling Graph when no app token can be had', async () => {
    const credential: ClientCredential = {
      kind: 'assertion',
      getAssertion: () => Promise.reject(new Error('The managed identity is not available.')),
    };
    const report = await sender({ credential }).sendAll(tenant, avasNudges());
    expect(report.counts).toEqual({ sent: 0, notInstalled: 0, failed: 2 });
    expect(report.outcomes.every((entry) => entry.outcome.status === 'failed')).toBe(true);
    expect(graphCalls()).toHaveLength(0);
  });

  it('logs nothing and answers no content: outcomes name keys and statuses only', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => undefined),
    );
    standIn.appNotInstalledFor.add(morgan.id);
    const report = await sender().sendAll(tenant, avasNudges());
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
    expect(JSON.stringify(report)).not.toContain(TITLE);
    expect(JSON.stringify(report)).not.toContain('Ava Patel');
  });
});

describe('the nudges’ links open the app wherever it was installed from', () => {
  const catalogId = '7a1d3c5e-2b4f-4a6c-8e0d-9f1b3d5e7a2c';
  const linkedAppIds = (userId: string) =>
    (standIn.activityFeed.get(userId) ?? []).map(
      (sent) => /^https:\/\/teams\.microsoft\.com\/l\/entity\/([^/]+)\//.exec(sent.topic.webUrl ?? '')?.[1],
    );
  const catalogCalls = () => standIn.requests.filter((request) => request.path === '/v1.0/appCatalogs/teamsApps');

  it('links an app uploaded by a person (not in the org catalog) by its manifest id', async () => {
    await sender().sendAll(tenant, avasNudges());
    expect(linkedAppIds(ava.id)).toEqual([teamsAppId]);
    expect(linkedAppIds(morgan.id)).toEqual([teamsAppId]);
    expect(catalogCalls()).toHaveLength(1);
  });

  it('links an app in the org catalog by the catalog’s id, asking Graph once per tenant with the app’s token', async () => {
    standIn.appCatalog.set(teamsAppId, catalogId);
    const feed = sender();
    await feed.sendAll(tenant, avasNudges());
    await feed.sendAll(tenant, avasNudges());
    expect(new Set([...linkedAppIds(ava.id), ...linkedAppIds(morgan.id)])).toEqual(new Set([catalogId]));
    expect(standIn.activityFeed.get(ava.id)?.[0]?.topic.webUrl).toBe(
      `https://teams.microsoft.com/l/entity/${catalogId}/myplan?context=${encodeURIComponent(`{"subEntityId":"${ava.id}"}`)}`,
    );
    // One lookup for both runs and all four notifications, with the app's own token.
    expect(catalogCalls()).toHaveLength(1);
    expect(catalogCalls()[0]?.authorization).toBe(`Bearer app-token-for-${tenant}`);
  });

  it('takes the catalog id the admin set (the publish step’s) without asking Graph', async () => {
    await sender({ catalogAppId: catalogId }).sendAll(tenant, avasNudges());
    expect(linkedAppIds(ava.id)).toEqual([catalogId]);
    expect(catalogCalls()).toHaveLength(0);
  });

  it('falls back to the manifest id when the catalog may not be read (no admin consent), and remembers that for a while', async () => {
    standIn.appCatalog.set(teamsAppId, catalogId);
    standIn.unconsentedTenants.add(tenant);
    const feed = sender();
    // Without consent the lookup is refused (403) — and so, in the stand-in, are the notifications.
    await feed.sendAll(tenant, avasNudges());
    standIn.unconsentedTenants.clear();
    await feed.sendAll(tenant, avasNudges());
    // The fallback is kept (15 minutes), so the same run does not ask again for every nudge.
    expect(catalogCalls()).toHaveLength(1);
    expect(linkedAppIds(ava.id)).toEqual([teamsAppId]);
  });

  it('builds the catalog filter as an OData string literal, so a quote in the id cannot change the query', async () => {
    const odd = "career'conversations";
    standIn.appCatalog.set(odd, catalogId);
    await sender({ manifestAppId: odd }).sendAll(tenant, avasNudges());
    const [call] = catalogCalls();
    expect(call).toBeDefined();
    expect(linkedAppIds(ava.id)).toEqual([catalogId]);
  });
});
