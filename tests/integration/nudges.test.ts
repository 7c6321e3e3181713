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
    manifestAppId: '0f3e6c2a-9b1d-4e5f-8a7b-6c5d4e3f2a10',
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
    // Nothing about actions: they are not agreed yet. Nothing about the cadence: a job conversation is under way,
    // and Ben and Chloe, whom the app meets today for the first time, start their plans today: no digest at all.
    const monday = await runAt('2026-03-02T10:30:00.000Z');
    expect(monday.received).toEqual({
      morgan: ['confirmationWaiting: Ava Patel agreed the job development plan: your confirmation is waiting'],
    });
    expect(monday.report).toMatchObject({ plansLookedAt: 1, notifications: 1, sent: 1, failed: 0 });
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

    // Ben sets the day of his next talk with Morgan. The day before, both are prompted to prepare, once.
    const benId = stack.person('ben').id;
    const ben = clientFor({ ...stack, url: host.url }, await stack.token('ben'));
    clock = new Date('2026-03-18T09:00:00.000Z');
    const set = await ben.put(`plans/${benId}/next-conversation`, { date: '2026-03-25', type: 'career' });
    expect(set.status).toBe(200);
    expect((await runAt('2026-03-23T06:00:00.000Z')).received).toEqual({});
    const dayBefore = await runAt('2026-03-24T06:00:00.000Z');
    expect(dayBefore.received).toEqual({
      ben: [
        'prepareTalkingPoints: Your career development conversation with Morgan Lee is tomorrow: add the talking points you want to bring',
      ],
      morgan: [
        'prepareTalkingPoints: Your career development conversation with Ben Okafor is tomorrow: add the talking points you want to bring',
      ],
    });
    expect((await runAt('2026-03-24T18:00:00.000Z')).received).toEqual({});
    expect((await runAt('2026-03-25T06:00:00.000Z')).received).toEqual({});

    // Job development falls due 120 days after the last agreed job talk, or after the plan's start for those who
    // never had one: Ava's agreed on 2 March, Ben's and Chloe's plans started that day. Monday 6 July, all three;
    // Ben's plan is in the index since he set a date, so he and Morgan hear of his as Ava and Morgan of hers.
    // A week before, Monday 29 June, 119 days on: nobody is overdue, so not even a digest.
    expect((await runAt('2026-06-29T06:00:00.000Z')).received).toEqual({});
    const july = await runAt('2026-07-06T06:00:00.000Z');
    expect(july.received).toEqual({
      ava: [
        'jobDevelopmentReminder: A job development conversation is due: bring what you want to learn to your next 1:1',
      ],
      ben: [
        'jobDevelopmentReminder: A job development conversation is due: bring what you want to learn to your next 1:1',
      ],
      morgan: [
        'jobDevelopmentOverdue: Job development with Ava Patel is overdue (last agreed: 2026-03-02)',
        'jobDevelopmentOverdue: Job development with Ben Okafor is overdue (last agreed: never)',
        'weeklyDigest: Your team this week: job development is overdue with Ava Patel, Ben Okafor, Chloe Martin',
      ],
    });
  });
});
