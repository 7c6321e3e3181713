import { randomUUID } from 'node:crypto';
import { SendMessageError, WebPubSubClient, WebPubSubJsonProtocol } from '@azure/web-pubsub-client';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi } from '../../functions/dev/in-process-api';
import type { WebPubSubStandIn } from '../../functions/dev/web-pubsub-stand-in';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationChangeSchema,
  ConversationViewSchema,
  LiveAccessSchema,
  LiveMessageSchema,
  ProblemSchema,
  type LiveMessage,
} from '../../functions/src/contract';
import { DisabledLiveUpdates, WebPubSubLiveUpdates } from '../../functions/src/notify';
import { clientFor, expectBody, type ApiResponse, type Client } from '../support/client';
import { startDraft, type Draft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * Live updates end to end: the API negotiates with the real server SDK against the Web PubSub
 * stand-in, real `@azure/web-pubsub-client` clients connect with the URLs it hands out, and every
 * change to a conversation reaches them as a notice without content.
 */

let stack: TestStack;
let live: WebPubSubStandIn;
let avaId: string;
let morganId: string;
let ava: Client;
let morgan: Client;
/** Written into every talking point, note, title and private note: it must never be on the wire. */
const MARKER = `marker-${randomUUID()}`;
const MADE_UP = '00000000-0000-4000-8000-0000000000aa';
const listeners: Listener[] = [];

interface Listener {
  client: WebPubSubClient;
  messages: LiveMessage[];
}

beforeAll(async () => {
  stack = await startTestStack({ live: true });
  live = stack.live!;
  avaId = stack.person('ava').id;
  morganId = stack.person('morgan').id;
  ava = clientFor(stack, await stack.token('ava'));
  morgan = clientFor(stack, await stack.token('morgan'));
});
afterAll(async () => {
  for (const listener of listeners) listener.client.stop();
  await stack.close();
});

async function negotiate(client: Client, base: string): Promise<ApiResponse> {
  return client.post(`${base}/live`);
}

async function access(client: Client, base: string) {
  const response = await negotiate(client, base);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return expectBody(response, 200, LiveAccessSchema);
}

/** A real Web PubSub client on the URL, as the tab's: receives notices, retries nothing. */
async function listen(url: string): Promise<Listener> {
  const client = new WebPubSubClient(url, {
    protocol: WebPubSubJsonProtocol(),
    autoReconnect: false,
    messageRetryOptions: { maxRetries: 0 },
  });
  const listener: Listener = { client, messages: [] };
  client.on('group-message', (event) => {
    listener.messages.push(LiveMessageSchema.parse(event.message.data));
  });
  const connected = new Promise<void>((resolve) => {
    client.on('connected', () => {
      resolve();
    });
  });
  await client.start();
  await connected;
  listeners.push(listener);
  return listener;
}

async function waitFor(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Waited ${ms} ms for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const groupOf = (conversationId: string) =>
  stack.services.live.groupOf(stack.person('ava').tenantId, avaId, conversationId);
const conversationIdOf = (draft: Draft) => draft.view.conversation.id;

describe('live updates', () => {
  let talkA: Draft;
  let talkC: Draft;
  let listenA: { ava: Listener; morgan: Listener };
  let listenC: { ava: Listener; morgan: Listener };

  it('hand the employee and the manager a URL whose token joins that conversation’s group alone, with no roles', async () => {
    talkA = await startDraft(stack, 'ava', 'job');
    const started = Date.now();
    const forAva = await access(ava, talkA.base);
    const forMorgan = await access(morgan, talkA.base);
    for (const [who, answer] of [
      [avaId, forAva],
      [morganId, forMorgan],
    ] as const) {
      expect(answer.url).toMatch(new RegExp(`^${live.clientOrigin}/client/hubs/conversations\\?access_token=`));
      const expiresIn = new Date(answer.expiresAt!).getTime() - started;
      expect(expiresIn).toBeGreaterThan(29 * 60_000);
      expect(expiresIn).toBeLessThan(31 * 60_000);
      const claims = decodeJwt(new URL(answer.url!).searchParams.get('access_token')!);
      expect(claims).toMatchObject({
        sub: who,
        aud: `${live.url}/client/hubs/conversations`,
        'webpubsub.group': [groupOf(conversationIdOf(talkA))],
      });
      expect(claims).not.toHaveProperty('role');
    }
    listenA = { ava: await listen(forAva.url!), morgan: await listen(forMorgan.url!) };
    // The stand-in accepted both tokens and put each connection in that conversation's group only.
    expect(live.clients().map(({ userId, groups, roles }) => ({ userId, groups, roles }))).toEqual([
      { userId: avaId, groups: [groupOf(conversationIdOf(talkA))], roles: [] },
      { userId: morganId, groups: [groupOf(conversationIdOf(talkA))], roles: [] },
    ]);
    // Another conversation of the same plan is another group.
    expect(groupOf(`${conversationIdOf(talkA).slice(0, 13)}zzzzzz`)).not.toBe(groupOf(conversationIdOf(talkA)));
    // A conversation that does not exist in the plan gets no URL.
    const missing = await negotiate(ava, `plans/${avaId}/conversations/${conversationIdOf(talkA).slice(0, 13)}zzzzzz`);
    expect(missing.status).toBe(404);
  });

  it('refuse everyone else with the 404 of a made-up plan, and a former manager at once', async () => {
    const madeUp = await negotiate(
      clientFor(stack, await stack.token('dana')),
      `plans/${MADE_UP}/conversations/${conversationIdOf(talkA)}`,
    );
    expect(madeUp.status).toBe(404);
    for (const stranger of ['dana', 'ben', 'eli', 'sam', 'admin']) {
      const refused = await negotiate(clientFor(stack, await stack.token(stranger)), talkA.base);
      expect(refused.status, stranger).toBe(404);
      expect(ProblemSchema.parse(refused.body), stranger).toEqual(ProblemSchema.parse(madeUp.body));
    }
    // The same ids in another tenant lead to that tenant's own plan, which has no such conversation.
    for (const other of ['fabrikam-ava', 'fabrikam-manager']) {
      expect((await negotiate(clientFor(stack, await stack.token(other)), talkA.base)).status, other).toBe(404);
    }
    stack.setManager('ava', 'dana');
    try {
      const former = await negotiate(morgan, talkA.base);
      expect(former.status).toBe(404);
      expect(former.body).toEqual(madeUp.body);
      // The new manager may listen.
      expect((await negotiate(clientFor(stack, await stack.token('dana')), talkA.base)).status).toBe(200);
    } finally {
      stack.setManager('ava', 'morgan');
    }
  });

  it('publish one notice of the right kind to the conversation’s group after each change, and none for a private note', async () => {
    const a = conversationIdOf(talkA);
    const expected: Partial<LiveMessage>[] = [];
    /** Records the notice a write must cause, and waits until both people received it. */
    const noticed = async (notice: Partial<LiveMessage>) => {
      expected.push({ conversationId: a, ...notice });
      await waitFor(
        () => listenA.ava.messages.length >= expected.length && listenA.morgan.messages.length >= expected.length,
        `the notice of ${notice.kind}`,
      );
    };
    const version = (conversation: { revision: number; etag: string }) => ({
      revision: conversation.revision,
      etag: conversation.etag,
    });

    const added = expectBody(
      await ava.post(`${talkA.base}/agenda`, { text: `A point ${MARKER}` }),
      201,
      AgendaItemResultSchema,
    );
    const pointId = added.item.id;
    await noticed({ kind: 'agenda.add', itemId: pointId, by: avaId, ...version(added.conversation) });

    const ticked = expectBody(
      await morgan.patch(`${talkA.base}/agenda/goals.learn`, { discussed: true }, { ifMatch: added.conversationEtag }),
      200,
      AgendaItemResultSchema,
    );
    await noticed({ kind: 'agenda.tick', itemId: 'goals.learn', by: morganId, ...version(ticked.conversation) });

    const noted = expectBody(
      await ava.patch(
        `${talkA.base}/agenda/goals.learn`,
        { note: `My note ${MARKER}` },
        { ifMatch: ticked.conversationEtag },
      ),
      200,
      AgendaItemResultSchema,
    );
    await noticed({ kind: 'agenda.note', itemId: 'goals.learn', by: avaId, ...version(noted.conversation) });

    const reworded = expectBody(
      await ava.patch(
        `${talkA.base}/agenda/${pointId}`,
        { text: `Reworded ${MARKER}` },
        { ifMatch: noted.conversationEtag },
      ),
      200,
      AgendaItemResultSchema,
    );
    await noticed({ kind: 'agenda.edit', itemId: pointId, by: avaId, ...version(reworded.conversation) });

    const removedPoint = expectBody(
      await ava.delete(`${talkA.base}/agenda/${pointId}`, { ifMatch: reworded.conversationEtag }),
      200,
      ConversationChangeSchema,
    );
    await noticed({ kind: 'agenda.remove', itemId: pointId, by: avaId, ...version(removedPoint.conversation) });

    const action = expectBody(
      await ava.post(`${talkA.base}/actions`, {
        title: `Lead the review ${MARKER}`,
        owner: 'employee',
        learningKind: 'formal',
      }),
      201,
      ActionResultSchema,
    );
    await noticed({ kind: 'action.add', itemId: action.action.id, by: avaId, ...version(action.conversation!) });

    const retitled = expectBody(
      await morgan.patch(
        `${talkA.base}/actions/${action.action.id}`,
        { title: `Lead the design review ${MARKER}` },
        { ifMatch: action.action.etag },
      ),
      200,
      ActionResultSchema,
    );
    await noticed({
      kind: 'action.change',
      itemId: action.action.id,
      by: morganId,
      ...version(retitled.conversation!),
    });

    const spare = expectBody(
      await ava.post(`${talkA.base}/actions`, {
        title: `Spare ${MARKER}`,
        owner: 'manager',
        learningKind: 'fromOthers',
      }),
      201,
      ActionResultSchema,
    );
    await noticed({ kind: 'action.add', itemId: spare.action.id, by: avaId, ...version(spare.conversation!) });
    const removedAction = expectBody(
      await morgan.delete(`${talkA.base}/actions/${spare.action.id}`),
      200,
      ConversationChangeSchema,
    );
    await noticed({
      kind: 'action.remove',
      itemId: spare.action.id,
      by: morganId,
      ...version(removedAction.conversation),
    });

    // A private note is its author's alone: nobody is told anything.
    expect((await ava.put(`${talkA.base}/note`, { text: `Private ${MARKER}` })).status).toBe(200);

    // The career plan, written elsewhere: the draft shows it and its record keeps it, so its version moved.
    expect(
      (
        await ava.put(`plans/${avaId}/career-plan`, {
          aspiration: 'explore',
          focusAreas: [`Focus ${MARKER}`],
          careerScenario: null,
        })
      ).status,
    ).toBe(200);
    const moved = expectBody(await ava.get(talkA.base), 200, ConversationViewSchema).conversation;
    expect(moved.revision).toBe(removedAction.conversation.revision + 1);
    await noticed({ kind: 'careerPlan.write', itemId: null, by: avaId, ...version(moved) });
    // The next conversation's day, which the view shows but the record does not hold: the version did not move.
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await morgan.put(`plans/${avaId}/next-conversation`, { date: inAWeek, type: 'job' })).status).toBe(200);
    await noticed({ kind: 'plan.next', itemId: null, by: morganId, revision: 0, etag: null });

    const confirmed = expectBody(
      await ava.post(`${talkA.base}/agree`, { revision: moved.revision }),
      200,
      ConversationViewSchema,
    );
    await noticed({ kind: 'conversation.confirm', itemId: null, by: avaId, ...version(confirmed.conversation) });
    const withdrawn = expectBody(await ava.delete(`${talkA.base}/agree`), 200, ConversationChangeSchema);
    await noticed({ kind: 'conversation.withdraw', itemId: null, by: avaId, ...version(withdrawn.conversation) });
    const again = expectBody(
      await ava.post(`${talkA.base}/agree`, { revision: withdrawn.conversation.revision }),
      200,
      ConversationViewSchema,
    );
    await noticed({ kind: 'conversation.confirm', itemId: null, by: avaId, ...version(again.conversation) });
    const agreed = expectBody(
      await morgan.post(`${talkA.base}/agree`, { revision: again.conversation.revision }),
      200,
      ConversationViewSchema,
    );
    expect(agreed.conversation.status).toBe('agreed');
    await noticed({ kind: 'conversation.agree', itemId: null, by: morganId, ...version(agreed.conversation) });

    // The next job conversation carries the agreed action; starting it tells nobody anything.
    talkC = await startDraft(stack, 'ava', 'job');
    const c = conversationIdOf(talkC);
    listenC = {
      ava: await listen((await access(ava, talkC.base)).url!),
      morgan: await listen((await access(morgan, talkC.base)).url!),
    };
    // Its owner moves the agreed action's status: its own conversation's row is unchanged (no ETag), and
    // the draft whose review lists it moves to its next version, which its listeners hear of.
    const agreedAction = agreed.actions.find((entry) => entry.id === action.action.id)!;
    const done = expectBody(
      await ava.patch(`${talkA.base}/actions/${agreedAction.id}`, { status: 'done' }, { ifMatch: agreedAction.etag }),
      200,
      ActionResultSchema,
    );
    expect(done.conversation).toBeUndefined();
    await noticed({
      kind: 'action.change',
      itemId: agreedAction.id,
      by: avaId,
      revision: agreed.conversation.revision,
      etag: null,
    });
    await waitFor(() => listenC.ava.messages.length >= 1 && listenC.morgan.messages.length >= 1, 'the draft’s notice');
    const carried = talkC.view.conversation.agenda.find((entry) => entry.source === 'carried')!;
    const current = expectBody(await morgan.get(talkC.base), 200, ConversationViewSchema);
    expect(current.conversation.revision).toBe(talkC.view.conversation.revision + 1);
    const proposed = expectBody(
      await morgan.patch(
        `${talkC.base}/agenda/${carried.id}`,
        { proposal: 'dropped' },
        { ifMatch: current.conversation.etag },
      ),
      200,
      AgendaItemResultSchema,
    );
    await waitFor(
      () => listenC.ava.messages.length >= 2 && listenC.morgan.messages.length >= 2,
      'the proposal’s notice',
    );
    await settle();

    for (const listener of [listenA.ava, listenA.morgan]) {
      expect(listener.messages).toHaveLength(expected.length);
      listener.messages.forEach((message, index) => {
        expect(message).toMatchObject(expected[index]!);
      });
      // Nothing published for another conversation reached this group.
      expect(listener.messages.every((message) => message.conversationId === a)).toBe(true);
    }
    for (const listener of [listenC.ava, listenC.morgan]) {
      expect(listener.messages).toEqual([
        {
          conversationId: c,
          kind: 'action.change',
          itemId: agreedAction.id,
          by: avaId,
          ...version(current.conversation),
        },
        {
          conversationId: c,
          kind: 'review.propose',
          itemId: carried.id,
          by: morganId,
          ...version(proposed.conversation),
        },
      ]);
    }
  });

  it('let a listener neither send to nor join another conversation’s group', async () => {
    const before = live.frames.length;
    const otherGroup = groupOf(conversationIdOf(talkC));
    const refusals: unknown[] = [];
    for (const attempt of [
      () => listenA.ava.client.sendToGroup(otherGroup, { kind: 'agenda.add' }, 'json'),
      () => listenA.ava.client.sendToGroup(groupOf(conversationIdOf(talkA)), { kind: 'agenda.add' }, 'json'),
      () => listenA.morgan.client.joinGroup(otherGroup),
      () => listenA.morgan.client.leaveGroup(groupOf(conversationIdOf(talkA))),
    ]) {
      refusals.push(
        await attempt().then(
          () => 'accepted',
          (error: unknown) => error,
        ),
      );
    }
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(SendMessageError);
      expect((refusal as SendMessageError).errorDetail?.name).toBe('Forbidden');
    }
    await settle();
    // Nobody received anything: the only frames sent since are the four refusals themselves.
    const since = live.frames
      .slice(before)
      .map((frame) => JSON.parse(frame.text) as { type: string; success?: boolean });
    expect(since.map((frame) => [frame.type, frame.success])).toEqual(Array.from({ length: 4 }, () => ['ack', false]));
    expect(live.clients().map((client) => client.groups)).toEqual([
      [groupOf(conversationIdOf(talkA))],
      [groupOf(conversationIdOf(talkA))],
      [groupOf(conversationIdOf(talkC))],
      [groupOf(conversationIdOf(talkC))],
    ]);
  });

  it('never put what anyone wrote on the wire: every notice is ids, numbers and a kind', () => {
    const notices = live.frames.filter((frame) => (JSON.parse(frame.text) as { type: string }).type === 'message');
    expect(notices.length).toBeGreaterThanOrEqual(20);
    for (const frame of live.frames) expect(frame.text).not.toContain(MARKER);
    for (const call of live.restCalls) expect(call.body).not.toContain(MARKER);
    for (const frame of notices) {
      const message = JSON.parse(frame.text) as { from: string; dataType: string; data: unknown };
      expect(message).toMatchObject({ from: 'group', dataType: 'json' });
      expect(() => LiveMessageSchema.parse(message.data)).not.toThrow();
    }
  });

  it('answer every write promptly and store it when publishing fails, hangs, or the service is down', async () => {
    const lines: string[] = [];
    const api = inProcessApi(stack.services, (level, message) => lines.push(`${level} ${message}`));
    const token = await stack.token('ava');
    const params = { employeeId: avaId, conversationId: conversationIdOf(talkC) };
    const addPoint = async (text: string) => {
      const started = Date.now();
      const response = await api('agenda-post', { token, params, body: { text } });
      return { status: response.status, ms: Date.now() - started };
    };
    const stored = async () =>
      expectBody(await ava.get(talkC.base), 200, ConversationViewSchema).conversation.agenda.map((entry) => entry.text);

    live.setSendFailure('error');
    const failed = await addPoint('Said while the service fails');
    expect(failed.status).toBe(201);
    expect(lines).toEqual(['warning Live publish failed: status=500']);

    // A publish that never answers: the write answers long before (the hang is endless), then the
    // publish gives up on its own and says so.
    live.setSendFailure('hang');
    const hung = await addPoint('Said while the service hangs');
    expect(hung.status).toBe(201);
    expect(hung.ms).toBeLessThan(2_000);
    await waitFor(() => lines.length === 2, 'the timeout’s warning');
    expect(lines[1]).toBe('warning Live publish failed: timeout');
    live.setSendFailure('none');

    live.stop();
    expect(live.connections()).toBe(0);
    const down = await addPoint('Said while the service is down');
    expect(down.status).toBe(201);
    expect(lines[2]).toBe('warning Live publish failed: status=503');
    // Nobody can connect meanwhile either; the tab keeps polling.
    const refused = await listen((await access(ava, talkC.base)).url!).then(
      () => 'connected',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(refused).toMatch(/503/);
    live.start();
    expect(await stored()).toEqual(
      expect.arrayContaining([
        'Said while the service fails',
        'Said while the service hangs',
        'Said while the service is down',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('hand out no URL and publish nothing while live updates are off, and a 503 when no token can be had', async () => {
    const token = await stack.token('ava');
    const params = { employeeId: avaId, conversationId: conversationIdOf(talkC) };
    const calls = live.restCalls.length;
    const off = inProcessApi({ ...stack.services, live: new DisabledLiveUpdates() });
    const negotiated = await off('conversation-live-post', { token, params });
    expect(negotiated.status).toBe(200);
    expect(LiveAccessSchema.parse(negotiated.body)).toEqual({ url: null, expiresAt: null });
    expect((await off('agenda-post', { token, params, body: { text: 'Said with live updates off' } })).status).toBe(
      201,
    );
    expect(live.restCalls).toHaveLength(calls);

    // In Azure the token comes from the service as the managed identity: without one, 503 and a kind-only warning.
    const lines: string[] = [];
    const noIdentity = inProcessApi(
      {
        ...stack.services,
        live: new WebPubSubLiveUpdates({
          service: { kind: 'endpoint', endpoint: live.url, credential: () => Promise.reject(new Error(MARKER)) },
          hub: 'conversations',
          groupKey: 'k'.repeat(32),
        }),
      },
      (level, message) => lines.push(`${level} ${message}`),
    );
    const unavailable = await noIdentity('conversation-live-post', { token, params });
    expect(unavailable.status).toBe(503);
    expect(ProblemSchema.parse(unavailable.body).title).toBe('Live updates unavailable');
    expect(lines).toEqual(['warning Live negotiate failed: error=Error']);
  });
});
