import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../functions/dev/azurite';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import { ConversationViewSchema, PlanViewSchema } from '../../functions/src/contract';
import {
  AuditStore,
  LinkStore,
  PlanStore,
  SUMMARY_ROW,
  CLOCK_ROW,
  ensureTables,
  openTables,
  type Tables,
} from '../../functions/src/store';
import { clientFor, expectBody, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

const INJECTIONS = 20;

/** One operation of a Table Storage batch, as it goes out on the wire. */
interface BatchOperation {
  method: string;
  partitionKey: string | null;
  rowKey: string | null;
}

/** The operations of a `$batch` body, in order (creates carry their keys in their body, so they have none here). */
function operationsOf(body: string): BatchOperation[] {
  const unquote = (text: string) => decodeURIComponent(text).replace(/''/g, "'");
  return [...body.matchAll(/^(POST|PUT|PATCH|MERGE|DELETE) (\S+) HTTP\/1\.1\r?$/gm)].map(([, method, url]) => {
    const keys = /\(PartitionKey='(.*?)',RowKey='(.*?)'\)$/.exec(url!);
    return {
      method: method!,
      partitionKey: keys ? unquote(keys[1]!) : null,
      rowKey: keys ? unquote(keys[2]!) : null,
    };
  });
}

// Undefined until beforeAll has started them, so that afterAll only closes what did start.
let stack: TestStack | undefined;
let azurite: RunningAzurite | undefined;
let host: LocalHost | undefined;
/** A client of the same storage that does not pass through the interposer: "someone else". */
let someoneElse: Tables;
/** Called with the operations of the next batch the app sends, before it goes out; then cleared. */
let beforeEachBatch: ((operations: BatchOperation[]) => Promise<void>) | null = null;
let ava: Client;
let morgan: Client;
let avaId: string;
let base: string;

/**
 * The app's own storage is opened through the store's public `openTables` with one extra pipeline
 * policy (the Azure SDK's documented extension point): it sees each batch on its way to storage and
 * lets the test change the data first. No private field of the app is read or replaced.
 */
const interposer: PipelinePolicy = {
  name: 'someone-else-writes-first',
  async sendRequest(request, next) {
    const hook = beforeEachBatch;
    if (hook && request.url.endsWith('/$batch') && typeof request.body === 'string') {
      await hook(operationsOf(request.body));
    }
    return next(request);
  },
};

beforeAll(async () => {
  stack = await startTestStack();
  azurite = await startAzurite();
  const settings = { kind: 'connectionString', connectionString: azurite.connectionString } as const;
  const appTables = openTables(settings, { additionalPolicies: [{ policy: interposer, position: 'perCall' }] });
  await ensureTables(appTables);
  someoneElse = openTables(settings);
  host = await startLocalHost({
    services: {
      ...stack.services,
      plans: new PlanStore(appTables),
      links: new LinkStore(appTables),
      audit: new AuditStore(appTables),
    },
  });
  ava = clientFor({ ...stack, url: host.url }, await stack.token('ava'));
  morgan = clientFor({ ...stack, url: host.url }, await stack.token('morgan'));
  avaId = stack.person('ava').id;
  const view = expectBody(await ava.post(`plans/${avaId}/conversations`, { type: 'job' }), 201, ConversationViewSchema);
  base = `plans/${avaId}/conversations/${view.conversation.id}`;
  for (const [title, owner] of [
    ['Course', 'employee'],
    ['Project', 'employee'],
    ['Mentor intro', 'manager'],
  ] as const) {
    expect((await ava.post(`${base}/actions`, { title, owner, learningKind: 'onTheJob' })).status).toBe(201);
  }
});
afterAll(async () => {
  await host?.close();
  await azurite?.close();
  await stack?.close();
});

describe('atomicity', () => {
  it('leaves the conversation, its actions and the counters exactly as before when agree fails in the middle', async () => {
    // Every attempt is recorded as it happens; the figures printed and asserted are counted from these.
    const attempts: { victim: string | null; status: number; partial: boolean }[] = [];
    for (let attempt = 0; attempt < INJECTIONS; attempt += 1) {
      const before = expectBody(await ava.get(base), 200, ConversationViewSchema);
      const planBefore = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
      // Ava confirms the revision (after the first attempt a no-op: her confirmation stands); Morgan's confirmation
      // of the same revision is the one that agrees, in one transaction.
      const revision = before.conversation.revision;
      const confirmed = await ava.post(`${base}/agree`, { revision });
      if (confirmed.status !== 200) throw new Error(`Ava's confirmation answered ${confirmed.status}.`);
      // Just before each agree batch goes out (the API decides again after a lost race, so every try is hit),
      // someone changes the conversation or one of its actions: each batch must fail as a whole. (The audit entry is a create and the plan's counters may legitimately be
      // retried by the store, so neither is a place to inject; nor is the plan's clock, which every write rewrites
      // unconditionally.) Each attempt picks the next such operation.
      let victim: string | null = null;
      beforeEachBatch = async (operations) => {
        const targets = operations.filter(
          (operation) =>
            operation.partitionKey !== null && operation.rowKey !== SUMMARY_ROW && operation.rowKey !== CLOCK_ROW,
        );
        const target = targets[attempt % targets.length];
        if (!target) return;
        await someoneElse.plans.updateEntity(
          { partitionKey: target.partitionKey!, rowKey: target.rowKey!, touchedBy: 'someone else' },
          'Merge',
        );
        victim ??= `${target.method} ${target.rowKey}`;
      };
      const response = await morgan.post(`${base}/agree`, { revision });
      beforeEachBatch = null;
      const after = expectBody(await ava.get(base), 200, ConversationViewSchema);
      const planAfter = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
      const trail = (await ava.get(`plans/${avaId}/audit`)).body as { entries: { action: string }[] };
      const partial =
        trail.entries.some((entry) => entry.action === 'conversation.agree') ||
        after.conversation.status !== 'draft' ||
        after.conversation.snapshot !== undefined ||
        after.conversation.confirmations.some((confirmation) => confirmation.role === 'manager') ||
        after.actions.some((action) => action.agreed) ||
        JSON.stringify(planAfter.summary) !== JSON.stringify(planBefore.summary);
      attempts.push({ victim, status: response.status, partial });
    }
    // And without a failure, agree goes through.
    const ready = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const stillConfirmed = ready.conversation.confirmations.map((confirmation) => confirmation.role);
    const clean = await morgan.post(`${base}/agree`, { revision: ready.conversation.revision });
    const agreedView = ConversationViewSchema.safeParse(clean.body);

    const injected = attempts.filter((entry) => entry.victim !== null);
    const partial = attempts.filter((entry) => entry.partial);
    const agreedAnyway = attempts.filter((entry) => ![409, 412, 500].includes(entry.status));
    console.log(
      `atomicity: ${injected.length} injected failures, ${partial.length} partial ` +
        `(${new Set(injected.map((entry) => entry.victim)).size} different operations hit, ` +
        `${agreedAnyway.length} agreed anyway; without a failure: ${clean.status})`,
    );
    expect(partial.map((entry) => `${entry.victim}: ${entry.status}`)).toEqual([]);
    expect(agreedAnyway.map((entry) => `${entry.victim}: ${entry.status}`)).toEqual([]);
    expect(injected).toHaveLength(INJECTIONS);
    // The conversation and each of its three actions were each the one changed underneath, in turn.
    expect(new Set(injected.map((entry) => entry.victim)).size).toBe(4);
    // Ava's confirmation survived every failed attempt, and the clean one agreed the conversation.
    expect(stillConfirmed).toEqual(['employee']);
    expect(clean.status).toBe(200);
    expect(agreedView.success && agreedView.data.conversation.status).toBe('agreed');
  }, 120_000);
});
