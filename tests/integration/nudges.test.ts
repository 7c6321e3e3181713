import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import { ConversationViewSchema } from '../../functions/src/contract';
import { NudgePreferencesModel } from '../../functions/src/domain';
import { runNudges, type NudgeRunReport } from '../../functions/src/functions/nudges-run';
import { ActivityFeedSender } from '../../functions/src/notify';
import type { Services } from '../../functions/src/services';
import { planPartition } from '../../functions/src/store';
import { clientFor, expectBody, type Client } from '../support/client';
import { startEntraGraphStandIn, type StandIn } from '../support/entra-graph-stand-in';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * The daily nudges run over a real plan, made through the API, with the clock moved by hand: exactly
 * which notifications reach whom through the Graph stand-in, and that running again sends none.
 */

let stack: TestStack;
let standIn: StandIn;
let host: LocalHost;
let services: Services;
let clock = new Date('2026-03-02T09:00:00.000Z'); // a Monday
let ava: Client;
let morgan: Client;
let tenantId: string;

beforeAll(async () => {
  stack = await startTestStack();
  tenantId = stack.person('ava').tenantId;
  standIn = await startEntraGraphStandIn(
    ['ava', 'morgan', 'ben', 'chloe'].map((name) => ({ id: stack.person(name).id, displayName: name })),
  );
  services = { ...stack.services, now: () => clock };
  host = await startLocalHost({ services });
  ava = clientFor({ ...stack, url: host.url }, await stack.token('ava'));
  morgan = clientFor({ ...stack, url: host.url }, await stack.token('morgan'));
});
afterAll(async () => {
  await host.close();
  await standIn.close();
  await stack.close();
});

const sender = () =>
  new ActivityFeedSender({
    clientId: '5f1c3b2e-7a4d-4e2b-9c8f-0d1e2f3a4b5c',
    credential: { kind: 'secret', secret: 'test-secret' },
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: `${standIn.url}/v1.0`,
    teamsAppId: '0f3e6c2a-9b1d-4e5f-8a7b-6c5d4e3f2a10',
    maxRetryWaitMs: 5_000,
    networkClient: standIn.networkClient,
    sleep: () => Promise.resolve(),
  });

/** Runs the timer's work at `at` and answers what each person's activity feed received in that run. */
async function runAt(at: string): Promise<{ report: NudgeRunReport; received: Record<string, string[]> }> {
  clock = new Date(at);
  const before = new Map([...standIn.activityFeed].map(([user, sent]) => [user, sent.length]));
  const report = await runNudges(services, sender(), [tenantId]);
  const received: Record<string, string[]> = {};
  for (const name of ['ava', 'morgan', 'ben', 'chloe']) {
    const sent = standIn.activityFeed.get(stack.person(name).id) ?? [];
    const fresh = sent.slice(before.get(stack.person(name).id) ?? 0);
    if (fresh.length > 0)
      received[name] = fresh.map((activity) => `${activity.activityType}: ${activity.previewText?.content ?? ''}`);
  }
  return { report, received };
}

describe('the daily nudges run', () => {
  it('sends each nudge once, to the right person, as the plan moves on', async () => {
    const avaId = stack.person('ava').id;
    const started = expectBody(
      await ava.post(`plans/${avaId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${avaId}/conversations/${started.conversation.id}`;
    for (const [title, owner, dueDate] of [
      ['Finish the accessibility course', 'employee', '2026-03-06'],
      ['Lead the March design review', 'employee', '2026-03-20'],
      ['Introduce Ava to a staff engineer', 'manager', '2026-03-05'],
    ] as const) {
      expect((await ava.post(`${base}/actions`, { title, owner, dueDate, learningKind: 'onTheJob' })).status).toBe(201);
    }
    const draft = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect((await ava.post(`${base}/agree`, { revision: draft.conversation.revision })).status).toBe(200);

    // Monday, 90 minutes after Ava agreed: Morgan's confirmation is waiting, and it is his digest day.
    // Nothing about actions: they are not agreed yet. Nothing about the cadence: a job conversation is under way.
    const monday = await runAt('2026-03-02T10:30:00.000Z');
    expect(monday.received).toEqual({
      morgan: [
        'confirmationWaiting: Ava Patel agreed the job development plan: your confirmation is waiting',
        'weeklyDigest: Your team this week. Job development overdue: Ava Patel, Ben Okafor, Chloe Martin. You hold too many actions for: nobody',
      ],
    });
    expect(monday.report).toMatchObject({ plansLookedAt: 1, notifications: 2, sent: 2, failed: 0 });
    // A second run the same day sends nothing.
    expect((await runAt('2026-03-02T11:00:00.000Z')).received).toEqual({});

    // Morgan agrees; on Tuesday two actions are due soon, each to its owner. Ava has not installed the app.
    clock = new Date('2026-03-02T11:30:00.000Z');
    expect((await morgan.post(`${base}/agree`, { revision: draft.conversation.revision })).status).toBe(200);
    standIn.appNotInstalledFor.add(avaId);
    const tuesday = await runAt('2026-03-03T06:00:00.000Z');
    expect(tuesday.received).toEqual({
      morgan: ['actionDueSoon: Your action "Introduce Ava to a staff engineer" is due in 2 days'],
    });
    expect(tuesday.report).toMatchObject({ notifications: 2, sent: 1, notInstalled: 1, failed: 0 });
    standIn.appNotInstalledFor.delete(avaId);
    // Not installed counts as done: the run does not ask again every day.
    expect((await runAt('2026-03-04T06:00:00.000Z')).received).toEqual({});

    // Ava turns overdue reminders off. On Saturday both early actions are overdue: only Morgan hears of his.
    const preferences = NudgePreferencesModel.parse({ actionOverdue: false });
    await services.plans.putNudgePreferences(planPartition(tenantId, avaId), preferences, null, {
      at: clock.toISOString(),
      actorId: avaId,
      actorRole: 'employee',
      action: 'nudges.preferences',
    });
    const saturday = await runAt('2026-03-07T06:00:00.000Z');
    expect(saturday.received).toEqual({
      morgan: [
        'actionOverdue: Your action "Introduce Ava to a staff engineer" was due on 2026-03-05: mark it done, or bring it to your next 1:1',
      ],
    });
    expect((await runAt('2026-03-07T18:00:00.000Z')).received).toEqual({});

    // The plan is looked at again only when something can be due: on Monday the 16th nothing is, on the 17th the
    // last action enters its due-soon window.
    const quiet = await runAt('2026-03-16T06:00:00.000Z');
    expect(quiet.report.plansLookedAt).toBe(0);
    const due = await runAt('2026-03-17T06:00:00.000Z');
    expect(due.report.plansLookedAt).toBe(1);
    expect(due.received).toEqual({
      ava: ['actionDueSoon: Your action "Lead the March design review" is due in 3 days'],
    });
  });
});
