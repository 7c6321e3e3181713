import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { clientFor, expectBody, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let chloe: Client;
let chloeId: string;

beforeAll(async () => {
  stack = await startTestStack({ faulty: true });
  chloe = clientFor(stack, await stack.token('chloe'));
  chloeId = stack.person('chloe').id;
});
afterAll(() => stack.close());

describe('storage failures', () => {
  it('rides out throttling, server errors and dropped connections with retries, and loses nothing', async () => {
    const proxy = stack.proxy!;
    proxy.fail(2, 503);
    const view = expectBody(
      await chloe.post(`plans/${chloeId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const path = `plans/${chloeId}/conversations/${view.conversation.id}`;
    proxy.fail(1, 500);
    proxy.fail(1, 'drop');
    expect(
      (
        await chloe.post(
          `${path}/actions`,
          { title: 'Automate smoke tests', owner: 'employee', learningKind: 'onTheJob' },
          { headers: { 'idempotency-key': 'resilient-action-1' } },
        )
      ).status,
    ).toBe(201);
    proxy.fail(3, 503);
    const after = expectBody(await chloe.get(path), 200, ConversationViewSchema);
    expect(after.actions.map((action) => action.title)).toEqual(['Automate smoke tests']);
    expect(proxy.injected).toBe(7);
  });

  it('answers a clear 500 that says nothing was changed when storage stays down, and the data is intact after', async () => {
    const proxy = stack.proxy!;
    const before = await stack.snapshot();
    proxy.fail(40, 503);
    const response = await chloe.post(`plans/${chloeId}/conversations`, { type: 'career' });
    expect(response.status).toBe(500);
    expect((response.body as { detail: string }).detail).toMatch(/Nothing was changed/);
    proxy.clear();
    expect(await stack.snapshot()).toEqual(before);
    // Storage back: the same request now succeeds.
    expect((await chloe.post(`plans/${chloeId}/conversations`, { type: 'career' })).status).toBe(201);
  }, 60_000);
});
