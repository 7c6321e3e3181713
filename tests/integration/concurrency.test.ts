import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationViewSchema,
  PlanViewSchema,
  ProblemSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { agreeByBoth, startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let morgan: Client;
let base: string;
let avaId: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  morgan = clientFor(stack, await stack.token('morgan'));
});
afterAll(() => stack.close());

describe('concurrent edits', () => {
  it('answers a stale ETag with 412 and the current state, loses nothing, and lets the loser re-apply', async () => {
    const seen = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const etag = seen.conversation.etag;
    // Both tick a different item from the same version.
    const first = await morgan.patch(`${base}/agenda/goals.objectives`, { discussed: true }, { ifMatch: etag });
    expect(first.status).toBe(200);
    const stale = await ava.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: etag });
    expectProblem(stale, 412);
    const current = ConversationViewSchema.parse(ProblemSchema.parse(stale.body).current);
    expect(current.conversation.agenda.find((item) => item.id === 'goals.objectives')?.discussed).toBe(true);
    expect(current.conversation.agenda.find((item) => item.id === 'goals.learn')?.discussed).toBe(false);
    // Re-applied on the current version, both changes stand.
    expectBody(
      await ava.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: current.conversation.etag }),
      200,
      AgendaItemResultSchema,
    );
    const after = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect(
      after.conversation.agenda
        .filter((item) => item.discussed)
        .map((item) => item.id)
        .sort(),
    ).toEqual(['goals.learn', 'goals.objectives']);
  });

  it('lets exactly one of eight simultaneous writers on one version win, and every loser re-applies', async () => {
    const seen = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const writers = Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? ava : morgan));
    const texts = writers.map((_, index) => `Point from writer ${index + 1}`);
    const results = await Promise.all(
      writers.map((writer, index) =>
        writer.post(`${base}/agenda`, { text: texts[index] }, { ifMatch: seen.conversation.etag }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    expect(results.filter((result) => result.status === 412)).toHaveLength(7);
    // Each loser re-reads and re-applies until it lands.
    await Promise.all(
      results.map(async (result, index) => {
        if (result.status === 201) return;
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const latest = expectBody(await writers[index]!.get(base), 200, ConversationViewSchema);
          const retry = await writers[index]!.post(
            `${base}/agenda`,
            { text: texts[index] },
            { ifMatch: latest.conversation.etag },
          );
          if (retry.status === 201) return;
          expect(retry.status).toBe(412);
        }
        throw new Error('A writer never landed its change.');
      }),
    );
    const after = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const points = after.conversation.agenda.filter((item) => item.source === 'talkingPoint').map((item) => item.text);
    expect(points.sort()).toEqual([...texts].sort());
    expect(new Set(after.conversation.agenda.map((item) => item.id)).size).toBe(after.conversation.agenda.length);
  });

  it('refuses an update without If-Match instead of overwriting blindly', async () => {
    expectProblem(await ava.patch(`${base}/agenda/goals.learn`, { discussed: false }), 428);
    expectProblem(await ava.patch(`${base}/agenda/goals.learn`, { discussed: false }, { ifMatch: '*' }), 428);
  });

  it('keeps the plan counters right when actions change status at the same time', async () => {
    for (let index = 0; index < 6; index += 1) {
      expectBody(
        await ava.post(`${base}/actions`, {
          title: `Action ${index + 1}`,
          owner: index < 4 ? 'employee' : 'manager',
          learningKind: 'onTheJob',
        }),
        201,
        ActionResultSchema,
      );
    }
    const agreed = await agreeByBoth(stack, base, 'ava');
    expect(agreed.conversation.status).toBe('agreed');
    expect(expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema).summary.openActions).toEqual({
      employee: 4,
      manager: 2,
    });
    // Six writers, six different actions, all at once, each moved by its owner (the only one who may, once
    // agreed): each change and the shared counters must survive.
    const results = await Promise.all(
      agreed.actions.map((action, index) =>
        (action.owner === 'employee' ? ava : morgan).patch(
          `${base}/actions/${action.id}`,
          { status: index === 5 ? 'dropped' : 'done' },
          { ifMatch: action.etag },
        ),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema).summary.openActions).toEqual({
      employee: 0,
      manager: 0,
    });
    // A stale action ETag is refused with the action as it is now.
    const stale = await ava.patch(
      `${base}/actions/${agreed.actions[0]!.id}`,
      { status: 'open' },
      { ifMatch: agreed.actions[0]!.etag },
    );
    expectProblem(stale, 412);
    expect(ActionResultSchema.shape.action.parse(ProblemSchema.parse(stale.body).current).status).toBe('done');
  });
});
