import type { TransactionAction } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema, PlanViewSchema } from '../../functions/src/contract';
import type { Tables } from '../../functions/src/store';
import { expectBody, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

const INJECTIONS = 20;

let stack: TestStack;
let ava: Client;
let base: string;
let avaId: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  for (const [title, owner] of [
    ['Course', 'employee'],
    ['Project', 'employee'],
    ['Mentor intro', 'manager'],
  ] as const) {
    await ava.post(`${base}/actions`, { title, owner, learningKind: 'onTheJob' });
  }
});
afterAll(() => stack.close());

describe('atomicity', () => {
  it('leaves the conversation, its actions and the counters exactly as before when agree fails in the middle', async () => {
    // The app's own table client: its transaction is where the failure is injected.
    const plans = (stack.services.plans as unknown as { tables: Tables }).tables.plans;
    const submit = plans.submitTransaction.bind(plans);
    let partial = 0;
    let injected = 0;
    try {
      for (let attempt = 0; attempt < INJECTIONS; attempt += 1) {
        const before = expectBody(await ava.get(base), 200, ConversationViewSchema);
        const planBefore = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
        // Just before the batch goes out, someone changes the conversation or one of its actions: the
        // batch must fail as a whole. (The last two operations create the audit entry and write the
        // plan's counters, which the store may legitimately retry, so they are not places to inject.)
        let armed = true;
        plans.submitTransaction = async (actions: TransactionAction[]) => {
          if (armed) {
            armed = false;
            const victim = actions[attempt % (actions.length - 2)]!;
            await plans.updateEntity(
              { partitionKey: victim[1].partitionKey, rowKey: victim[1].rowKey, touchedBy: 'someone else' },
              'Merge',
            );
            injected += 1;
          }
          return submit(actions);
        };
        const response = await ava.post(`${base}/agree`, undefined, { ifMatch: before.conversation.etag });
        plans.submitTransaction = submit;
        expect([409, 412, 500]).toContain(response.status);
        const after = expectBody(await ava.get(base), 200, ConversationViewSchema);
        const planAfter = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
        const trail = (await ava.get(`plans/${avaId}/audit`)).body as { entries: { action: string }[] };
        const changed =
          trail.entries.some((entry) => entry.action === 'conversation.agree') ||
          after.conversation.status !== 'draft' ||
          after.actions.some((action) => action.agreed) ||
          JSON.stringify(planAfter.summary) !== JSON.stringify(planBefore.summary);
        if (changed) partial += 1;
      }
    } finally {
      plans.submitTransaction = submit;
    }
    // And without a failure, agree goes through.
    const ready = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect((await ava.post(`${base}/agree`, undefined, { ifMatch: ready.conversation.etag })).status).toBe(200);
    console.log(`atomicity: ${injected} injected failures, ${partial} partial`);
    expect(partial).toBe(0);
    expect(injected).toBe(INJECTIONS);
  }, 120_000);
});
