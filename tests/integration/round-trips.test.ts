import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationChangeSchema,
  ConversationViewSchema,
  MeetingPanelSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';
import { startCountingHost, type CountingHost } from '../support/storage-probe';

/*
 * What an edit costs: the side panel opens with one request, a write answers the state the tab applies,
 * and a write under the version the caller holds sends one transaction to storage and reads nothing first.
 * Remembering versions must never cost correctness: a change made through another instance is never
 * overwritten.
 */

let stack: TestStack;
let host: CountingHost;
let other: { url: string; close(): Promise<void> };
let ava: Client;
let morgan: Client;
let avaOther: Client;
let morganOther: Client;
let avaId: string;

const batches = (requests: string[]) => requests.filter((request) => request.endsWith('/$batch')).length;

beforeAll(async () => {
  stack = await startTestStack();
  host = await startCountingHost(stack);
  other = await host.anotherInstance();
  ava = clientFor({ ...stack, url: host.url }, await stack.token('ava'));
  morgan = clientFor({ ...stack, url: host.url }, await stack.token('morgan'));
  avaOther = clientFor({ ...stack, url: other.url }, await stack.token('ava'));
  morganOther = clientFor({ ...stack, url: other.url }, await stack.token('morgan'));
  avaId = stack.person('ava').id;
});
afterAll(async () => {
  await other.close();
  await host.close();
  await stack.close();
});

describe('round trips', () => {
  it('opens the panel in one request and writes each edit as one storage request', async () => {
    const meetingId = 'round-trips-meeting';
    const started = expectBody(
      await ava.post(`plans/${avaId}/conversations`, { type: 'job', meetingId }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${avaId}/conversations/${started.conversation.id}`;

    // The panel: the caller, the meeting and the conversation, in one answer.
    const panel = expectBody(await morgan.get(`meetings/panel?meetingId=${meetingId}`), 200, MeetingPanelSchema);
    expect(panel.me.user.id).toBe(stack.person('morgan').id);
    expect(panel.meeting.status).toBe('linked');
    expect(panel.conversation?.conversation.id).toBe(started.conversation.id);
    expect(panel.conversationEtag).toMatch(/^"v-/);

    const cost: Record<string, { requests: number; writes: number; nudgeIndex?: number }> = {};
    const measure = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const recorded = host.record();
      const result = await work();
      // The nudges index is another table: a confirmation marks the plan there, beside the plan's own requests.
      const plan = recorded.storage.filter((request) => !request.includes('/nudges'));
      const index = recorded.storage.length - plan.length;
      cost[what] = { requests: plan.length, writes: batches(plan), ...(index > 0 ? { nudgeIndex: index } : {}) };
      return result;
    };

    const item = panel.conversation?.conversation.agenda[0];
    if (!item || !panel.conversation) throw new Error('The panel has no agenda.');
    const ticked = await measure('tick', async () =>
      expectBody(
        await morgan.patch(
          `${base}/agenda/${item.id}`,
          { discussed: true },
          { ifMatch: panel.conversation!.conversation.etag },
        ),
        200,
        AgendaItemResultSchema,
      ),
    );
    // The answer is the conversation as stored: the next write goes straight on from it.
    expect(ticked.conversation.agenda.find((entry) => entry.id === item.id)?.discussed).toBe(true);
    expect(ticked.conversation.revision).toBe(panel.conversation.conversation.revision + 1);
    const noted = await measure('note', async () =>
      expectBody(
        await morgan.patch(
          `${base}/agenda/${item.id}`,
          { note: 'Wants to lead a review' },
          { ifMatch: ticked.conversation.etag },
        ),
        200,
        AgendaItemResultSchema,
      ),
    );
    const added = await measure('add an action', async () =>
      expectBody(
        await morgan.post(
          `${base}/actions`,
          { title: 'Lead the next design review', owner: 'employee', learningKind: 'onTheJob' },
          { ifMatch: noted.conversation.etag },
        ),
        201,
        ActionResultSchema,
      ),
    );
    expect(added.conversation?.revision).toBe(noted.conversation.revision + 1);
    const edited = await measure('edit an action', async () =>
      expectBody(
        await morgan.patch(
          `${base}/actions/${added.action.id}`,
          { title: 'Lead the next two design reviews' },
          { ifMatch: added.action.etag },
        ),
        200,
        ActionResultSchema,
      ),
    );
    expect(edited.action.title).toBe('Lead the next two design reviews');
    const removed = await measure('remove an action', async () =>
      expectBody(await morgan.delete(`${base}/actions/${added.action.id}`), 200, ConversationChangeSchema),
    );
    expect(removed.conversation.revision).toBe(edited.conversation!.revision + 1);
    const point = expectBody(
      await morgan.post(`${base}/agenda`, { text: 'Conference budget' }, { ifMatch: removed.conversation.etag }),
      201,
      AgendaItemResultSchema,
    );
    const reworded = await measure('edit a talking point', async () =>
      expectBody(
        await morgan.patch(
          `${base}/agenda/${point.item.id}`,
          { text: 'Conference budget for the spring' },
          { ifMatch: point.conversation.etag },
        ),
        200,
        AgendaItemResultSchema,
      ),
    );
    await measure('remove a talking point', async () =>
      expectBody(
        await morgan.delete(`${base}/agenda/${point.item.id}`, { ifMatch: reworded.conversation.etag }),
        200,
        ConversationChangeSchema,
      ),
    );

    // A first read has no validator to compare: one query holds the plan's clock, its own rows (career plan,
    // counters, next conversation: they sort together) and the conversation's — its context costs no request.
    const current = await measure('read the view', () => morgan.get(base));
    expect(ConversationViewSchema.parse(current.body).context.openActions).toEqual({ employee: 0, manager: 0 });
    // A poll whose validator is out of date: the clock (no 304), then the same query.
    const changed = await measure('changed poll', () => morgan.get(base, { headers: { 'if-none-match': 'W/"old"' } }));
    expect(changed.status).toBe(200);
    expect(changed.etag).toBe(current.etag);
    // An unchanged poll: one point read of the plan's clock.
    const unchanged = await measure('unchanged poll', () =>
      morgan.get(base, { headers: { 'if-none-match': current.etag! } }),
    );
    expect(unchanged.status).toBe(304);

    // Confirmations: one round of reads, one transaction.
    for (const [title, owner] of [
      ['Course', 'employee'],
      ['Project', 'employee'],
    ] as const) {
      expect((await ava.post(`${base}/actions`, { title, owner, learningKind: 'onTheJob' })).status).toBe(201);
    }
    const ready = expectBody(await ava.get(base), 200, ConversationViewSchema);
    await measure('first confirmation', async () =>
      expectBody(
        await ava.post(`${base}/agree`, { revision: ready.conversation.revision }),
        200,
        ConversationViewSchema,
      ),
    );
    const agreed = await measure('agreeing confirmation', async () =>
      expectBody(
        await morgan.post(`${base}/agree`, { revision: ready.conversation.revision }),
        200,
        ConversationViewSchema,
      ),
    );
    expect(agreed.conversation.status).toBe('agreed');
    expect(agreed.actions.map((action) => action.agreed)).toEqual([true, true]);
    // The answer is what was written: the same as reading it again.
    const reread = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect(agreed.conversation).toEqual(reread.conversation);
    expect(agreed.actions).toEqual(reread.actions);
    expect(agreed.context).toEqual(reread.context);
    expect(agreed.context.openActions).toEqual({ employee: 2, manager: 0 });

    console.log(
      `round trips: ${Object.entries(cost)
        .map(
          ([what, figures]) =>
            `${what} ${figures.requests} (${figures.writes} transaction)${figures.nudgeIndex ? ` + ${figures.nudgeIndex} nudges index` : ''}`,
        )
        .join(', ')}`,
    );
    for (const what of [
      'tick',
      'note',
      'add an action',
      'edit an action',
      'remove an action',
      'edit a talking point',
      'remove a talking point',
    ]) {
      expect(cost[what], what).toEqual({ requests: 1, writes: 1 });
    }
    expect(cost['unchanged poll']).toEqual({ requests: 1, writes: 0 });
    expect(cost['read the view']).toEqual({ requests: 1, writes: 0 });
    expect(cost['changed poll']).toEqual({ requests: 2, writes: 0 });
    // Each confirmation: two parallel reads and one transaction in the plan, and the mark in the nudges index.
    expect(cost['first confirmation']).toEqual({ requests: 3, writes: 1, nudgeIndex: 1 });
    expect(cost['agreeing confirmation']).toEqual({ requests: 3, writes: 1, nudgeIndex: 1 });
  });

  it('never overwrites a change made through another instance', async () => {
    const started = expectBody(
      await ava.post(`plans/${avaId}/conversations`, { type: 'career' }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${avaId}/conversations/${started.conversation.id}`;
    const [first, second] = started.conversation.agenda;
    if (!first || !second) throw new Error('The agenda is too short.');
    // Ava's instance remembers the version she read; Morgan changes it through the other instance.
    const seen = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const morgans = expectBody(
      await morganOther.patch(`${base}/agenda/${first.id}`, { discussed: true }, { ifMatch: seen.conversation.etag }),
      200,
      AgendaItemResultSchema,
    );

    // A write under the version Ava saw is refused with the current one, which holds Morgan's tick.
    const stale = await ava.patch(
      `${base}/agenda/${second.id}`,
      { discussed: true },
      { ifMatch: seen.conversation.etag },
    );
    expectProblem(stale, 412);
    const current = ConversationViewSchema.parse((stale.body as { current: unknown }).current);
    expect(current.conversation.agenda.find((item) => item.id === first.id)?.discussed).toBe(true);

    // A write without a version (a talking point) is made on the current one: Morgan's tick stays.
    const talkingPoint = expectBody(
      await ava.post(`${base}/agenda`, { text: 'What I want to try next year' }),
      201,
      AgendaItemResultSchema,
    );
    expect(talkingPoint.conversation.agenda.find((item) => item.id === first.id)?.discussed).toBe(true);
    expect(talkingPoint.conversation.revision).toBe(morgans.conversation.revision + 1);

    // An action edited through one instance and then through the other, under the old ETag: refused.
    const action = expectBody(
      await avaOther.post(`${base}/actions`, { title: 'Shadow a staff engineer', owner: 'employee' }),
      201,
      ActionResultSchema,
    );
    const renamed = expectBody(
      await ava.patch(
        `${base}/actions/${action.action.id}`,
        { title: 'Shadow two staff engineers' },
        { ifMatch: action.action.etag },
      ),
      200,
      ActionResultSchema,
    );
    expectProblem(
      await avaOther.patch(
        `${base}/actions/${action.action.id}`,
        { title: 'Shadow nobody' },
        { ifMatch: action.action.etag },
      ),
      412,
    );
    // The remembered draft on the other instance is stale too; an edit under the current ETag still lands on the current draft.
    const again = expectBody(
      await avaOther.patch(
        `${base}/actions/${action.action.id}`,
        { owner: 'manager' },
        { ifMatch: renamed.action.etag },
      ),
      200,
      ActionResultSchema,
    );
    expect(again.action.title).toBe('Shadow two staff engineers');
    expect(again.conversation?.agenda.some((item) => item.text === 'What I want to try next year')).toBe(true);
    const final = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect(final.conversation).toEqual(again.conversation);

    // A refusal is never decided on a remembered version either: Ava agrees through the other instance, and this
    // one, which last saw the plan without her confirmation, still lets her take it back.
    for (const title of ['Pair on a release', 'Write the release notes']) {
      expect((await ava.post(`${base}/actions`, { title, owner: 'employee' })).status).toBe(201);
    }
    const ready = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect((await avaOther.post(`${base}/agree`, { revision: ready.conversation.revision })).status).toBe(200);
    const takenBack = expectBody(await ava.delete(`${base}/agree`), 200, ConversationChangeSchema);
    expect(takenBack.conversation.confirmations).toEqual([]);
  });
});
