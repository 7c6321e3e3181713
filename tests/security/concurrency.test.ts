import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { clientFor, expectBody, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

const WRITERS = 8;
const ROUNDS = 25;

let stack: TestStack;
let base: string;
let clients: Client[];

beforeAll(async () => {
  stack = await startTestStack();
  const ava = clientFor(stack, await stack.token('ava'));
  const morgan = clientFor(stack, await stack.token('morgan'));
  clients = Array.from({ length: WRITERS }, (_, index) => (index % 2 === 0 ? ava : morgan));
  const view = expectBody(
    await ava.post(`plans/${stack.person('ava').id}/conversations`, { type: 'career' }),
    201,
    ConversationViewSchema,
  );
  base = `plans/${stack.person('ava').id}/conversations/${view.conversation.id}`;
});
afterAll(() => stack.close());

describe('concurrency', () => {
  it('loses no update when writers edit one conversation at once: every loser gets 412 and re-applies', async () => {
    const first = expectBody(await clients[0]!.get(base), 200, ConversationViewSchema);
    const items = first.conversation.agenda.slice(0, WRITERS).map((item) => item.id);
    const lastWritten = new Map<string, boolean>();
    let conflicts = 0;
    let otherFailures = 0;
    await Promise.all(
      clients.map(async (client, writer) => {
        const itemId = items[writer]!;
        for (let round = 0; round < ROUNDS; round += 1) {
          const discussed = round % 2 === 0;
          for (;;) {
            const view = expectBody(await client.get(base), 200, ConversationViewSchema);
            const response = await client.patch(
              `${base}/agenda/${itemId}`,
              { discussed },
              { ifMatch: view.conversation.etag },
            );
            if (response.status === 200) break;
            if (response.status === 412) conflicts += 1;
            else otherFailures += 1;
            if (response.status !== 412) throw new Error(`Unexpected ${response.status}`);
          }
          lastWritten.set(itemId, discussed);
        }
      }),
    );
    const final = expectBody(await clients[0]!.get(base), 200, ConversationViewSchema);
    const lost = items.filter(
      (itemId) => final.conversation.agenda.find((item) => item.id === itemId)?.discussed !== lastWritten.get(itemId),
    ).length;
    console.log(
      `concurrency: ${WRITERS} writers x ${ROUNDS} rounds, ${lost} lost (${conflicts} stale writes answered 412 and re-applied)`,
    );
    expect([lost, otherFailures]).toEqual([0, 0]);
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);
});
