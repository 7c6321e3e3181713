import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrailSchema,
  ConversationViewSchema,
  NextConversationSchema,
  PlanViewSchema,
  ProblemSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type ApiResponse, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * Either person of the pair sets the day of their next conversation; it shows in My plan and in the side
 * panel's context, and the nudges run is asked to look at the plan the day before.
 */

let stack: TestStack;
let ava: Client;
let morgan: Client;
let avaId: string;
let path: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startTestStack();
  ava = clientFor(stack, await stack.token('ava'));
  morgan = clientFor(stack, await stack.token('morgan'));
  avaId = stack.person('ava').id;
  path = `plans/${avaId}/next-conversation`;
});
afterAll(() => stack.close());

async function refusedWithoutChange(status: number, attempt: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await stack.snapshot();
  const response = await attempt();
  expectProblem(response, status);
  expect(await stack.snapshot()).toEqual(before);
  return response;
}

describe('the next conversation', () => {
  it('is set by either person, shows in the plan and the conversation’s context, and marks the plan for the nudges', async () => {
    const none = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
    expect(none.nextConversation).toEqual({ date: null, type: null, updatedBy: null, updatedAt: null, etag: null });

    const set = await ava.put(path, { date: day(7), type: 'job' });
    const first = expectBody(set, 200, NextConversationSchema);
    expect(first).toMatchObject({ date: day(7), type: 'job', updatedBy: avaId });
    expect(set.etag).toBe(first.etag);
    // The nudges run looks at the plan the day before.
    const index = await stack.tables.nudges.getEntity(stack.person('ava').tenantId, avaId);
    expect(index.checkFrom).toBe(day(6));

    // Morgan may set it too, under the version he read.
    await refusedWithoutChange(412, () => morgan.put(path, { date: day(8), type: null }));
    const moved = expectBody(
      await morgan.put(path, { date: day(8), type: null }, { ifMatch: first.etag! }),
      200,
      NextConversationSchema,
    );
    expect(moved).toMatchObject({ date: day(8), type: null, updatedBy: stack.person('morgan').id });
    const stale = await refusedWithoutChange(412, () =>
      ava.put(path, { date: day(9), type: 'career' }, { ifMatch: first.etag! }),
    );
    expect(NextConversationSchema.parse((stale.body as { current: unknown }).current)).toEqual(moved);

    const plan = expectBody(await morgan.get(`plans/${avaId}`), 200, PlanViewSchema);
    expect(plan.nextConversation).toEqual(moved);
    const { base } = await startDraft(stack, 'ava', 'career');
    const view = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect(view.context.nextConversation).toEqual({ date: day(8), type: null });

    // Cleared: nothing next, anywhere.
    const cleared = expectBody(
      await ava.put(path, { date: null, type: null }, { ifMatch: moved.etag! }),
      200,
      NextConversationSchema,
    );
    expect(cleared).toMatchObject({ date: null, type: null, updatedBy: null, updatedAt: null });
    expect(cleared.etag).toBeTruthy();
    expect(expectBody(await ava.get(base), 200, ConversationViewSchema).context.nextConversation).toBeNull();
    expect(expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema).nextConversation.date).toBeNull();

    const trail = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    expect(trail.entries.filter((entry) => entry.action === 'plan.next').map((entry) => entry.actorName)).toEqual([
      'Ava Patel',
      'Morgan Lee',
      'Ava Patel',
    ]);
  });

  it('refuses a day that has passed or lies beyond a year (422), and what is not a date or not the body (400)', async () => {
    const etag = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema).nextConversation.etag!;
    const passed = await refusedWithoutChange(422, () =>
      ava.put(path, { date: day(-1), type: null }, { ifMatch: etag }),
    );
    expect(ProblemSchema.parse(passed.body).errors?.[0]?.field).toBe('date');
    await refusedWithoutChange(422, () => ava.put(path, { date: day(400), type: null }, { ifMatch: etag }));
    for (const body of [
      { date: '2026-02-30', type: null },
      { date: '30/03/2026', type: null },
      { date: day(3), type: 'weekly' },
      { date: day(3) },
      { date: day(3), type: null, by: stack.person('morgan').id },
      'tomorrow',
    ]) {
      await refusedWithoutChange(400, () => ava.put(path, body, { ifMatch: etag }));
    }
  });

  it('is hidden from strangers as a made-up plan is (404), and nothing is stored for them', async () => {
    for (const name of ['ben', 'dana', 'admin']) {
      const stranger = clientFor(stack, await stack.token(name));
      const refused = await refusedWithoutChange(404, () => stranger.put(path, { date: day(3), type: null }));
      const missing = await stranger.put('plans/00000000-0000-4000-8000-0000000000cc/next-conversation', {
        date: day(3),
        type: null,
      });
      expect(refused.body).toEqual(missing.body);
    }
  });
});
