import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { clientFor, expectBody, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

const WRITERS = 8;
const ROUNDS = 25;
/** A writer that keeps losing for this long is starved: counted as a failure, not retried forever. */
const MAX_ATTEMPTS = 200;

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
    expect(items).toHaveLength(WRITERS);
    const lastWritten = new Map<string, boolean>();
    // Every answer is counted as it comes; nothing throws inside the writers, so the figures are always printed.
    let landed = 0;
    let conflicts = 0;
    let reapplied = 0;
    const failures: string[] = [];
    // In the first round every writer reads before any of them writes: all hold the same version, so exactly
    // one can win and the others must get 412. The conflict is made to happen, not hoped for.
    let readers = 0;
    let allRead!: () => void;
    const everyoneHasRead = new Promise<void>((resolve) => {
      allRead = resolve;
    });
    await Promise.all(
      clients.map(async (client, writer) => {
        const itemId = items[writer]!;
        for (let round = 0; round < ROUNDS; round += 1) {
          const discussed = round % 2 === 0;
          let attempts = 0;
          for (;;) {
            attempts += 1;
            const read = await client.get(base);
            if (round === 0 && attempts === 1) {
              readers += 1;
              if (readers === clients.length) allRead();
              await everyoneHasRead;
            }
            const view = ConversationViewSchema.safeParse(read.body);
            if (read.status !== 200 || !view.success) {
              failures.push(`writer ${writer} read: ${read.status}`);
              return;
            }
            const response = await client.patch(
              `${base}/agenda/${itemId}`,
              { discussed },
              { ifMatch: view.data.conversation.etag },
            );
            if (response.status === 200) {
              landed += 1;
              if (attempts > 1) reapplied += 1;
              break;
            }
            if (response.status !== 412) {
              failures.push(`writer ${writer} round ${round}: ${response.status}`);
              return;
            }
            conflicts += 1;
            if (attempts >= MAX_ATTEMPTS) {
              failures.push(`writer ${writer} round ${round}: still 412 after ${attempts} attempts`);
              return;
            }
          }
          lastWritten.set(itemId, discussed);
        }
      }),
    );
    const final = expectBody(await clients[0]!.get(base), 200, ConversationViewSchema);
    const lost = items.filter(
      (itemId) =>
        lastWritten.has(itemId) &&
        final.conversation.agenda.find((item) => item.id === itemId)?.discussed !== lastWritten.get(itemId),
    ).length;
    console.log(
      `concurrency: ${landed} writes landed from ${clients.length} writers, ${lost} lost ` +
        `(${conflicts} stale writes answered 412, ${reapplied} writes re-applied after one), ${failures.length} failed`,
    );
    expect(failures).toEqual([]);
    expect(lost).toBe(0);
    expect(landed).toBe(WRITERS * ROUNDS);
    // The first round alone guarantees WRITERS - 1 conflicts, each of which was re-applied until it landed.
    expect(conflicts).toBeGreaterThanOrEqual(WRITERS - 1);
    expect(reapplied).toBeGreaterThanOrEqual(WRITERS - 1);
  }, 180_000);
});
