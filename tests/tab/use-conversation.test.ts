// @vitest-environment happy-dom
// The hook runs in a browser: happy-dom gives it a document, and the DOM lib its types.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConversationViewSchema,
  type AgendaItemResult,
  type ConversationView,
  type Problem,
} from '../../functions/src/contract';
import { learningMix, ownershipBalance } from '../../functions/src/domain';
import { ApiClient } from '../../tab/src/api/client';
import { POLL_INTERVAL_MS, useConversation } from '../../tab/src/api/use-conversation';

const EMPLOYEE_ID = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
const MANAGER_ID = '494b5923-1c8f-4e15-8c83-791534de2497';
const CONVERSATION_ID = '8254023516398abc123';
const BASE = `/api/plans/${EMPLOYEE_ID}/conversations/${CONVERSATION_ID}`;
const AT = '2026-03-02T10:00:00.000Z';

/** A conversation view as the API sends it; parsed with the contract's schema, as the client will. */
function initialView(): ConversationView {
  return ConversationViewSchema.parse({
    role: 'employee',
    employee: { id: EMPLOYEE_ID, displayName: 'Ava Patel' },
    manager: { id: MANAGER_ID, displayName: 'Morgan Lee' },
    conversation: {
      id: CONVERSATION_ID,
      employeeId: EMPLOYEE_ID,
      managerId: MANAGER_ID,
      type: 'job',
      status: 'draft',
      agenda: [
        { id: 'goals.objectives', sectionId: 'goals', text: 'Which goals matter most?', source: 'template' },
        { id: 'goals.learn', sectionId: 'goals', text: 'What do you want to learn?', source: 'template' },
      ].map((item) => ({ ...item, optional: false, discussed: false })),
      createdBy: MANAGER_ID,
      createdAt: AT,
      revision: 1,
      confirmations: [],
      etag: 'W/"c1"',
    },
    sections: [
      { id: 'goals', title: 'Goals', hint: 'What matters this year.' },
      { id: 'talkingPoints', title: 'Talking points', hint: 'Anything either of you wants to raise.' },
    ],
    actions: [],
    carriedActions: [],
    // As the server counts them, which is how the tab recounts them after its own edits.
    ownership: ownershipBalance(CONVERSATION_ID, []),
    learningMix: learningMix([]),
    myNote: null,
    careerPlan: { aspiration: null, focusAreas: [], careerScenario: null, updatedAt: null, etag: null },
    context: {
      jobDevelopment: { lastAgreedAt: null, overdue: false, overdueDays: null },
      openActions: { employee: 0, manager: 0 },
      managerHoldsTooMuch: false,
      nextConversation: null,
    },
  });
}

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A small in-memory stand-in for the API, answering the routes the hook uses the way the real one does:
 * ETags on reads, 304 for If-None-Match, 412 problem+json with the `current` view for a stale If-Match.
 */
class FakeApi {
  view = initialView();
  private version = 1;
  /** Every request, in order, as it reached the server. */
  readonly requests: Recorded[] = [];
  /** Statuses answered, in order: a test can wait for an answer that changes no state (a 304). */
  readonly answered: number[] = [];
  unreachable = false;
  /** Runs when a write arrives, before it is judged: "someone else" changes the conversation first. */
  beforeWrite: (() => void) | null = null;
  /** The next write is answered with this problem instead. */
  failNextWrite: Problem | null = null;
  private held: Promise<void> | null = null;

  get viewEtag(): string {
    return `"v${this.version}"`;
  }

  /** Someone else's change, stored as the server would: a new version with a new ETag. */
  change(mutate: (view: ConversationView) => ConversationView): void {
    this.version += 1;
    const next = mutate(structuredClone(this.view));
    this.view = ConversationViewSchema.parse({
      ...next,
      conversation: { ...next.conversation, revision: this.version, etag: `W/"c${this.version}"` },
    });
  }

  tick(itemId: string, discussed: boolean, by: string): void {
    this.change((view) => ({
      ...view,
      conversation: {
        ...view.conversation,
        agenda: view.conversation.agenda.map((item) =>
          item.id === itemId ? { ...item, discussed, discussedBy: by, discussedAt: AT } : item,
        ),
      },
    }));
  }

  /** Holds every write until the returned function is called. */
  holdWrites(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return release;
  }

  writes(path = ''): Recorded[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.path.endsWith(path));
  }

  reads(): Recorded[] {
    return this.requests.filter((request) => request.method === 'GET');
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (this.unreachable) throw new TypeError('Failed to fetch');
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://tab',
    );
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    // Live updates are off here, as in a deployment without Web PubSub: the hook keeps polling. Kept out of the
    // record, so the reads, writes and statuses the tests count are the conversation's alone, in any order.
    if (method === 'POST' && url.pathname === `${BASE}/live`) return json(200, { url: null, expiresAt: null }, '');
    this.requests.push({ method, path: url.pathname, headers, body });
    const response = await this.answer(method, url.pathname, headers, body);
    this.answered.push(response.status);
    return response;
  };

  private async answer(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Response> {
    if (headers.authorization !== 'Bearer test-token') return problem(401, 'Sign in again.');
    if (method === 'GET' && path === BASE) {
      if (headers['if-none-match'] === this.viewEtag) return new Response(null, { status: 304 });
      return json(200, this.view, this.viewEtag);
    }
    if (!path.startsWith(BASE)) return problem(404, 'There is nothing here.');
    if (this.held) await this.held;
    this.beforeWrite?.();
    const failure = this.failNextWrite;
    if (failure) {
      this.failNextWrite = null;
      return problem(failure.status, failure.detail, failure.title);
    }
    // Taking an agreement back names no version: it changes only the caller's own confirmation.
    if (method === 'DELETE' && path === `${BASE}/agree`) {
      if (this.view.conversation.confirmations.length === 0) return problem(409, 'You have not agreed to this plan.');
      this.change((view) => ({ ...view, conversation: { ...view.conversation, confirmations: [] } }));
      return json(200, { conversation: this.view.conversation }, this.view.conversation.etag);
    }
    const removal = /^\/actions\/([^/]+)$/.exec(path.slice(BASE.length));
    if (method === 'DELETE' && removal) {
      this.change((view) => ({ ...view, actions: view.actions.filter((action) => action.id !== removal[1]) }));
      return json(200, { conversation: this.view.conversation }, this.view.conversation.etag);
    }
    // Agreeing names the revision the person saw; every other write names the ETag it read.
    if (method === 'POST' && path === `${BASE}/agree`) {
      if ((body as { revision?: number }).revision !== this.view.conversation.revision) {
        return problem(412, 'The plan changed since you read it.', 'Changed by someone else', this.view);
      }
      this.change((view) => ({
        ...view,
        conversation: { ...view.conversation, status: 'agreed', agreedAt: AT, agreedBy: EMPLOYEE_ID },
      }));
      return json(200, this.view, this.viewEtag);
    }
    if (headers['if-match'] !== this.view.conversation.etag) {
      return problem(412, 'The conversation changed since you read it.', 'Changed by someone else', this.view);
    }
    const item = /^\/agenda\/([^/]+)$/.exec(path.slice(BASE.length));
    if (method === 'PATCH' && item) {
      const itemId = decodeURIComponent(item[1]!);
      const { discussed, proposal } = body as { discussed?: boolean; proposal?: 'open' | 'done' | 'dropped' | null };
      if (discussed === undefined) {
        this.change((view) => ({
          ...view,
          conversation: {
            ...view.conversation,
            agenda: view.conversation.agenda.map((entry) =>
              entry.id === itemId && proposal
                ? { ...entry, proposal: { status: proposal, by: EMPLOYEE_ID, at: AT } }
                : entry,
            ),
          },
        }));
      } else {
        this.tick(itemId, discussed, EMPLOYEE_ID);
      }
      const result: AgendaItemResult = {
        item: this.view.conversation.agenda.find((entry) => entry.id === itemId)!,
        conversation: this.view.conversation,
        conversationEtag: this.view.conversation.etag,
      };
      return json(200, result, this.view.conversation.etag);
    }
    if (method === 'POST' && path === `${BASE}/agenda`) {
      const text = (body as { text: string }).text;
      this.change((view) => ({
        ...view,
        conversation: {
          ...view.conversation,
          agenda: [
            ...view.conversation.agenda,
            {
              id: `talkingPoints.p${view.conversation.agenda.length}`,
              sectionId: 'talkingPoints',
              text,
              source: 'talkingPoint',
              optional: false,
              authorId: EMPLOYEE_ID,
              discussed: false,
            },
          ],
        },
      }));
      const result: AgendaItemResult = {
        item: this.view.conversation.agenda.at(-1)!,
        conversation: this.view.conversation,
        conversationEtag: this.view.conversation.etag,
      };
      return json(201, result, this.view.conversation.etag);
    }
    return problem(405, 'The fake API does not answer this.');
  }
}

function json(status: number, body: unknown, etag: string): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', etag } });
}

function problem(status: number, detail: string, title = 'Refused', current?: unknown): Response {
  const body: Problem = { type: 'about:blank', title, status, detail, ...(current ? { current } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi();
  vi.stubGlobal('fetch', server.fetch);
  // Only the poll's interval is faked: it fires when a test moves the clock, never by itself.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets pending answers arrive and React render, until `condition` holds; no clock moves meanwhile. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 200; turn += 1) {
    if (condition()) return;
    await act(async () => {
      await new Promise<void>((resolve) => {
        setImmediate(resolve);
      });
    });
  }
  throw new Error(`Never happened: ${what}`);
}

/** The hook over the real ApiClient, which talks to the fake API through `fetch`; loaded. */
async function renderLoaded() {
  const api = new ApiClient(() => Promise.resolve('test-token'));
  const rendered = renderHook(() => useConversation(api, EMPLOYEE_ID, CONVERSATION_ID));
  await until(() => !rendered.result.current.loading, 'the first load');
  return rendered;
}

/** Moves the clock one poll interval on, and waits for that poll's answer. */
async function poll(): Promise<void> {
  const answers = server.answered.length;
  act(() => {
    vi.advanceTimersByTime(POLL_INTERVAL_MS);
  });
  await until(() => server.answered.length > answers, 'the poll to be answered');
  await act(async () => {
    await Promise.resolve();
  });
}

function discussed(view: ConversationView | null, itemId: string): boolean | undefined {
  return view?.conversation.agenda.find((item) => item.id === itemId)?.discussed;
}

describe('useConversation', () => {
  it('loads the conversation, with no validator on the first read', async () => {
    const { result } = await renderLoaded();
    expect(result.current).toMatchObject({ loading: false, error: null, notice: null, busy: false });
    expect(result.current.view).toEqual(server.view);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: BASE });
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('polls with If-None-Match: a 304 keeps the view as it is, a change is picked up', async () => {
    const { result } = await renderLoaded();
    const first = result.current.view;

    await poll();
    expect(server.reads()).toHaveLength(2);
    expect(server.reads()[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.answered.at(-1)).toBe(304);
    expect(result.current.view).toBe(first);

    // Nothing is read until the interval has passed.
    act(() => {
      vi.advanceTimersByTime(POLL_INTERVAL_MS - 1);
    });
    await act(async () => {
      await Promise.resolve();
    });
    expect(server.reads()).toHaveLength(2);

    server.tick('goals.objectives', true, MANAGER_ID);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    await until(() => discussed(result.current.view, 'goals.objectives') === true, 'the change to show');
    expect(server.reads()[2]!.headers['if-none-match']).toBe('"v1"');
    expect(result.current.view).toEqual(server.view);

    await poll();
    expect(server.reads()[3]!.headers['if-none-match']).toBe('"v2"');
    expect(server.answered.at(-1)).toBe(304);
  });

  it('shows a tick at once, does not poll while it is in flight, and then shows what the write answered', async () => {
    const { result } = await renderLoaded();
    const release = server.holdWrites();
    let pending!: Promise<boolean>;
    act(() => {
      pending = result.current.setDiscussed('goals.learn', true);
    });
    // Optimistic: shown before the server has answered, as the tab guesses it (who and when are the server's to say).
    expect(result.current.view!.conversation.agenda.find((item) => item.id === 'goals.learn')).toEqual({
      ...server.view.conversation.agenda.find((item) => item.id === 'goals.learn'),
      discussed: true,
    });
    expect(result.current.busy).toBe(true);
    await until(() => server.writes().length === 1, 'the tick to reach the server');
    expect(server.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: `${BASE}/agenda/goals.learn`,
      body: { discussed: true },
    });
    expect(server.writes()[0]!.headers['if-match']).toBe('W/"c1"');

    // A poll that falls due meanwhile does not run: it could show a state older than the person's own change.
    act(() => {
      vi.advanceTimersByTime(POLL_INTERVAL_MS);
    });
    expect(server.reads()).toHaveLength(1);

    release();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await pending;
    });
    expect(ok).toBe(true);
    // The server's state wins: its record of the tick (who, when), as the write answered it, with no read after.
    expect(server.reads()).toHaveLength(1);
    expect(result.current.view).toEqual(server.view);
    expect(result.current.view!.conversation.agenda.find((item) => item.id === 'goals.learn')).toMatchObject({
      discussed: true,
      discussedBy: EMPLOYEE_ID,
      discussedAt: AT,
    });
    expect(result.current).toMatchObject({ busy: false, notice: null, error: null });
  });

  it('re-applies a tick once on the current version after a 412, and keeps both changes', async () => {
    const { result } = await renderLoaded();
    // The manager ticks another item after Ava's read: Ava's tick carries a stale ETag.
    server.tick('goals.objectives', true, MANAGER_ID);
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.setDiscussed('goals.learn', true);
    });
    expect(ok).toBe(true);
    const ticks = server.writes('/agenda/goals.learn');
    expect(ticks.map((tick) => tick.headers['if-match'])).toEqual(['W/"c1"', 'W/"c2"']);
    expect(server.answered.filter((status) => status === 412)).toHaveLength(1);
    expect(discussed(result.current.view, 'goals.learn')).toBe(true);
    expect(discussed(result.current.view, 'goals.objectives')).toBe(true);
    expect(result.current.view).toEqual(server.view);
    expect(result.current.notice).toBeNull();
  });

  it('re-applies only once: a second conflict is reported and nothing is overwritten', async () => {
    const { result } = await renderLoaded();
    // Someone else changes the conversation before each of Ava's writes.
    let other = false;
    server.beforeWrite = () => {
      other = !other;
      server.tick('goals.objectives', other, MANAGER_ID);
    };
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.setDiscussed('goals.learn', true);
    });
    expect(ok).toBe(false);
    expect(server.writes()).toHaveLength(2);
    expect(result.current.notice).toBe(
      'The conversation changed while you were ticking an item. Nothing was overwritten: have a look and try again.',
    );
    // The optimistic tick is gone: the panel shows exactly what the server holds.
    expect(discussed(result.current.view, 'goals.learn')).toBe(false);
    expect(result.current.view).toEqual(server.view);
    expect(result.current.busy).toBe(false);
  });

  it('keeps one Idempotency-Key for a talking point across its re-apply', async () => {
    const { result } = await renderLoaded();
    server.tick('goals.objectives', true, MANAGER_ID);
    await act(async () => {
      await result.current.addTalkingPoint('I would like to learn test automation', 'talkingPoints', 'Talking points');
    });
    const adds = server.writes('/agenda');
    expect(adds).toHaveLength(2);
    expect(adds[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(adds[1]!.headers['idempotency-key']).toBe(adds[0]!.headers['idempotency-key']);
    expect(result.current.view!.conversation.agenda.map((item) => item.text)).toContain(
      'I would like to learn test automation',
    );
  });

  it('reports a conflicting agree instead of re-applying it, and shows the version that changed', async () => {
    const { result } = await renderLoaded();
    server.tick('goals.objectives', true, MANAGER_ID);
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.agree();
    });
    expect(ok).toBe(false);
    // One attempt only: nobody agrees to a version they have not seen.
    expect(server.writes('/agree')).toHaveLength(1);
    expect(server.writes('/agree')[0]!.body).toEqual({ revision: 1 });
    expect(server.answered.at(-2)).toBe(412);
    expect(server.view.conversation.status).toBe('draft');
    expect(result.current.notice).toBe(
      'The conversation changed while you were agreeing. Nothing was overwritten: have a look and try again.',
    );
    expect(result.current.view).toEqual(server.view);
    expect(result.current.busy).toBe(false);
  });

  it('agrees when nothing changed in between', async () => {
    const { result } = await renderLoaded();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.agree();
    });
    expect(ok).toBe(true);
    expect(result.current.view!.conversation.status).toBe('agreed');
    expect(result.current.notice).toBeNull();
  });

  it('undoes a failed edit: shows the server’s state again and says why', async () => {
    const { result } = await renderLoaded();
    server.failNextWrite = {
      type: 'about:blank',
      title: 'Already agreed',
      status: 409,
      detail: 'This conversation is agreed; it can no longer change.',
    };
    const release = server.holdWrites();
    let pending!: Promise<boolean>;
    act(() => {
      pending = result.current.setDiscussed('goals.learn', true);
    });
    expect(discussed(result.current.view, 'goals.learn')).toBe(true);
    release();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await pending;
    });
    expect(ok).toBe(false);
    expect(server.writes()).toHaveLength(1);
    expect(discussed(result.current.view, 'goals.learn')).toBe(false);
    expect(result.current.view).toEqual(server.view);
    expect(result.current.notice).toBe('This conversation is agreed; it can no longer change.');
    expect(result.current.busy).toBe(false);

    act(() => {
      result.current.clearNotice();
    });
    expect(result.current.notice).toBeNull();
  });

  it('says so when the API cannot be reached, and clears it once it answers again', async () => {
    server.unreachable = true;
    const api = new ApiClient(() => Promise.resolve('test-token'));
    const { result } = renderHook(() => useConversation(api, EMPLOYEE_ID, CONVERSATION_ID));
    await until(() => !result.current.loading, 'the first load to give up');
    expect(result.current.view).toBeNull();
    expect(result.current.error).toBe(
      'Career Conversations cannot reach its service right now. Check your connection; nothing you typed is lost.',
    );

    server.unreachable = false;
    await poll();
    expect(result.current.error).toBeNull();
    expect(result.current.view).toEqual(server.view);

    // Lost again while showing a conversation: the view stays, the error shows; a 304 clears it.
    server.unreachable = true;
    act(() => {
      vi.advanceTimersByTime(POLL_INTERVAL_MS);
    });
    await until(() => result.current.error !== null, 'the failed poll to show');
    expect(result.current.view).toEqual(server.view);
    server.unreachable = false;
    await poll();
    expect(server.answered.at(-1)).toBe(304);
    expect(result.current.error).toBeNull();
  });

  it('proposes a status for a carried action, re-applied once on the version that changed under it', async () => {
    const { result } = await renderLoaded();
    server.tick('goals.learn', true, MANAGER_ID);
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.proposeReview('goals.objectives', 'done');
    });
    expect(ok).toBe(true);
    const proposals = server.writes('/agenda/goals.objectives');
    expect(proposals.map((request) => request.body)).toEqual([{ proposal: 'done' }, { proposal: 'done' }]);
    expect(server.answered.filter((status) => status === 412)).toHaveLength(1);
    expect(result.current.view!.conversation.agenda[0]!.proposal).toEqual({ status: 'done', by: EMPLOYEE_ID, at: AT });
  });

  it('takes back an agreement, and reports rather than retries when there is none to take back', async () => {
    const { result } = await renderLoaded();
    server.change((view) => ({
      ...view,
      conversation: {
        ...view.conversation,
        confirmations: [{ role: 'employee', by: EMPLOYEE_ID, at: AT, revision: view.conversation.revision + 1 }],
      },
    }));
    await poll();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.withdrawAgreement();
    });
    expect(ok).toBe(true);
    expect(result.current.view!.conversation.confirmations).toEqual([]);
    await act(async () => {
      ok = await result.current.withdrawAgreement();
    });
    expect(ok).toBe(false);
    expect(server.writes('/agree').filter((request) => request.method === 'DELETE')).toHaveLength(2);
    expect(result.current.notice).toBe('You have not agreed to this plan.');
  });

  it('removes an action from the draft and shows the plan without it', async () => {
    server.change((view) => ({
      ...view,
      actions: [
        {
          id: 'a1',
          conversationId: CONVERSATION_ID,
          title: 'Pair with Dana on the release',
          owner: 'manager',
          status: 'open',
          agreed: false,
          createdBy: MANAGER_ID,
          createdAt: AT,
          etag: 'W/"a1"',
        },
      ],
    }));
    const { result } = await renderLoaded();
    expect(result.current.view!.actions).toHaveLength(1);
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.removeAction('a1');
    });
    expect(ok).toBe(true);
    expect(server.writes('/actions/a1')).toHaveLength(1);
    expect(result.current.view!.actions).toEqual([]);
  });
});
