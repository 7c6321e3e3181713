import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import {
  ActionResultSchema,
  ConversationViewSchema,
  HistoryPageSchema,
  TeamOverviewSchema,
  type ConversationView,
} from '../../functions/src/contract';
import type { Services } from '../../functions/src/services';
import { clientFor, expectBody, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';
import { STALE_ETAG } from '../support/fixtures';

/*
 * The side panel's context — job development cadence, open actions, who holds too many, the next
 * conversation — from what the plan already records, and the same count of discussed items in the
 * history as in the panel. The clock is moved by hand: Ben's last job conversation was 210 days ago.
 */

let stack: TestStack;
let host: LocalHost;
let clock = new Date('2025-12-01T10:00:00.000Z');
const as = async (name: string): Promise<Client> => clientFor({ ...stack, url: host.url }, await stack.token(name));

beforeAll(async () => {
  stack = await startTestStack();
  const services: Services = { ...stack.services, now: () => clock };
  host = await startLocalHost({ services });
});
afterAll(async () => {
  await host.close();
  await stack.close();
});

describe('the context beside a conversation', () => {
  it('says Ben’s job development is overdue by the days past the cadence, and that Morgan holds too many of his actions', async () => {
    const ben = await as('ben');
    const morgan = await as('morgan');
    const benId = stack.person('ben').id;
    const started = expectBody(
      await morgan.post(`plans/${benId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${benId}/conversations/${started.conversation.id}`;
    // On day one, a new plan is not overdue.
    expect(started.context).toEqual({
      jobDevelopment: { lastAgreedAt: null, overdue: false, overdueDays: null },
      openActions: { employee: 0, manager: 0 },
      managerHoldsTooMuch: false,
      nextConversation: null,
    });
    const own: string[] = [];
    for (const [title, owner] of [
      ['Complete the secure coding course', 'employee'],
      ['Take over the on-call runbook', 'employee'],
      ['Pair with Ava on code reviews', 'employee'],
      ['Book the conference ticket for Ben', 'manager'],
      ['Set up a monthly feedback slot with Ben', 'manager'],
    ] as const) {
      const added = expectBody(
        await ben.post(`${base}/actions`, { title, owner, learningKind: 'formal' }),
        201,
        ActionResultSchema,
      );
      if (owner === 'employee') own.push(added.action.id);
    }
    const { revision } = expectBody(await ben.get(base), 200, ConversationViewSchema).conversation;
    expect((await ben.post(`${base}/agree`, { revision })).status).toBe(200);
    const agreed = expectBody(await morgan.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
    // The agreement's answer carries the counters as written.
    expect(agreed.context).toMatchObject({
      jobDevelopment: { lastAgreedAt: clock.toISOString(), overdue: false },
      openActions: { employee: 3, manager: 2 },
      managerHoldsTooMuch: false,
    });
    // Ben finishes two of his; Morgan now holds as many open actions as Ben.
    for (const id of own.slice(0, 2)) {
      const etag = agreed.actions.find((action) => action.id === id)!.etag;
      expect((await ben.patch(`${base}/actions/${id}`, { status: 'done' }, { ifMatch: etag })).status).toBe(200);
    }

    clock = new Date(clock.getTime() + 210 * 86_400_000);
    const view = expectBody(await morgan.get(base), 200, ConversationViewSchema);
    expect(view.context).toEqual({
      jobDevelopment: { lastAgreedAt: agreed.conversation.agreedAt, overdue: true, overdueDays: 90 },
      openActions: { employee: 1, manager: 2 },
      managerHoldsTooMuch: true,
      nextConversation: null,
    });
    // Every way to the view says the same: a new draft, the panel of its meeting, a 412's current version.
    const next = expectBody(
      await morgan.post(`plans/${benId}/conversations`, { type: 'job', meetingId: 'ben-next' }),
      201,
      ConversationViewSchema,
    );
    expect(next.context).toEqual(view.context);
    const panel = (await morgan.get('meetings/panel?meetingId=ben-next')).body as { conversation: ConversationView };
    expect(panel.conversation.context).toEqual(view.context);
    const stale = await morgan.patch(
      `plans/${benId}/conversations/${next.conversation.id}/agenda/goals.learn`,
      { discussed: true },
      { ifMatch: STALE_ETAG },
    );
    expect(stale.status).toBe(412);
    expect(ConversationViewSchema.parse((stale.body as { current: unknown }).current).context).toEqual(view.context);

    // My team says the same, with the days.
    const team = expectBody(await morgan.get('team'), 200, TeamOverviewSchema);
    expect(team.members.find((member) => member.person.id === benId)).toMatchObject({
      jobDevelopmentOverdue: true,
      jobDevelopmentOverdueDays: 90,
      managerHoldsTooMuch: true,
      daysSinceJobConversation: 210,
    });
  });

  it('does not call a new report overdue: My team starts their plan the day it first sees them', async () => {
    const morgan = await as('morgan');
    const chloeId = stack.person('chloe').id;
    const first = expectBody(await morgan.get('team'), 200, TeamOverviewSchema);
    expect(first.members.find((member) => member.person.id === chloeId)).toMatchObject({
      lastJobConversationAt: null,
      jobDevelopmentOverdue: false,
      jobDevelopmentOverdueDays: null,
    });
    // 120 days later she is due, not yet overdue; the day after, overdue by one.
    clock = new Date(clock.getTime() + 120 * 86_400_000);
    expect(
      expectBody(await morgan.get('team'), 200, TeamOverviewSchema).members.find((m) => m.person.id === chloeId),
    ).toMatchObject({ jobDevelopmentOverdue: false, jobDevelopmentOverdueDays: null });
    const chloe = await as('chloe');
    const started = expectBody(
      await chloe.post(`plans/${chloeId}/conversations`, { type: 'career' }),
      201,
      ConversationViewSchema,
    );
    expect(started.context.jobDevelopment).toEqual({ lastAgreedAt: null, overdue: false, overdueDays: null });
    clock = new Date(clock.getTime() + 86_400_000);
    expect(
      expectBody(
        await chloe.get(`plans/${chloeId}/conversations/${started.conversation.id}`),
        200,
        ConversationViewSchema,
      ).context,
    ).toMatchObject({ jobDevelopment: { overdue: true, overdueDays: 1 }, managerHoldsTooMuch: false });
  });

  it('counts discussed items in the history as the side panel does: the review of carried actions aside', async () => {
    const morgan = await as('morgan');
    const benId = stack.person('ben').id;
    const history = expectBody(await morgan.get(`plans/${benId}/conversations?type=job`), 200, HistoryPageSchema);
    const draft = history.items.find((item) => item.conversation.status === 'draft')!;
    const view = expectBody(
      await morgan.get(`plans/${benId}/conversations/${draft.conversation.id}`),
      200,
      ConversationViewSchema,
    );
    const carried = view.conversation.agenda.filter((item) => item.source === 'carried');
    expect(carried.length).toBeGreaterThan(0);
    expect(draft.conversation.agendaItems).toBe(view.conversation.agenda.length - carried.length);
    expect(draft.conversation.discussedItems).toBe(0);
  });
});
