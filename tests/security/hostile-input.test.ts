import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  ConversationViewSchema,
  LinkMeetingRequestSchema,
  PutCareerPlanRequestSchema,
  PutNoteRequestSchema,
  StartConversationRequestSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../../functions/src/contract';
import type { Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let avaId: string;
let base: string;

const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);
/** Printed with the figures, so that any failing run can be replayed with HOSTILE_SEED. */
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

/** Strings an attacker tries: OData filter syntax, forbidden key characters, control characters, huge sizes. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "' or PartitionKey ne '",
    "x' or 1 eq 1 or 'a' eq 'a",
    '../../etc/passwd',
    'a/b\\c#d?e',
    '\u0000\u0007\u001b[31m',
    '%00%2F%5C',
    '$filter=true',
    '<script>alert(1)</script>',
    '😀'.repeat(300),
  ),
  fc.string({ minLength: 300, maxLength: 5000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = { nested: value };
  return value;
});
const huge = fc
  .integer({ min: 1000, max: 4000 })
  .map((length) => Array.from({ length }, (_, index) => `item ${index}`));

/** An object shaped like a valid body whose fields are replaced by hostile values. */
function bodies(fields: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.record(Object.fromEntries(fields.map((field) => [field, fc.oneof(hostileValue, deep, huge)])), {
      requiredKeys: [],
    }),
    hostileValue,
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  await ava.post(`${base}/actions`, { title: 'First', owner: 'employee', learningKind: 'formal' });
});
afterAll(() => stack.close());

describe('hostile input', () => {
  it('accepts no invalid body or path, answers no 500, and writes nothing outside the caller’s partition', async () => {
    // Every request's outcome is recorded as it comes; the figures and the assertions are counted from these.
    const outcomes: { what: string; status: number; acceptedInvalid: boolean }[] = [];
    let unsent = 0;
    const targets: {
      method: string;
      path: () => string;
      schema: z.ZodType;
      fields: string[];
      ifMatch?: () => Promise<string>;
    }[] = [
      {
        method: 'POST',
        path: () => `plans/${avaId}/conversations`,
        schema: StartConversationRequestSchema,
        fields: ['type', 'meetingId', 'chatId'],
      },
      {
        method: 'PUT',
        path: () => `plans/${avaId}/career-plan`,
        schema: PutCareerPlanRequestSchema,
        fields: ['aspiration', 'focusAreas', 'careerScenario'],
      },
      {
        method: 'POST',
        path: () => `${base}/agenda`,
        schema: AddTalkingPointRequestSchema,
        fields: ['text', 'sectionId'],
      },
      {
        method: 'PATCH',
        path: () => `${base}/agenda/goals.learn`,
        schema: UpdateAgendaItemRequestSchema,
        fields: ['discussed'],
        ifMatch: async () => ConversationViewSchema.parse((await ava.get(base)).body).conversation.etag,
      },
      {
        method: 'POST',
        path: () => `${base}/actions`,
        schema: AddActionRequestSchema,
        fields: ['title', 'owner', 'learningKind', 'dueDate'],
      },
      {
        method: 'PATCH',
        path: () => `${base}/actions/a1`,
        schema: UpdateActionRequestSchema,
        fields: ['title', 'owner', 'learningKind', 'dueDate', 'status'],
        ifMatch: async () => ConversationViewSchema.parse((await ava.get(base)).body).actions[0]!.etag,
      },
      { method: 'PUT', path: () => `${base}/note`, schema: PutNoteRequestSchema, fields: ['text'] },
      {
        method: 'PUT',
        path: () => 'meetings/link',
        schema: LinkMeetingRequestSchema,
        fields: ['meetingId', 'chatId', 'employeeId', 'conversationId'],
      },
    ];
    for (const target of targets) {
      const etag = target.ifMatch ? await target.ifMatch() : undefined;
      // The property records and never throws: fast-check runs exactly numRuns bodies (no shrinking re-runs
      // inflating the count), and a refusal that went wrong is counted and reported below instead.
      await fc.assert(
        fc.asyncProperty(bodies(target.fields), async (body) => {
          let text: string;
          try {
            text = JSON.stringify(body);
          } catch {
            unsent += 1;
            return;
          }
          const response = await ava.call(target.method, target.path(), {
            rawBody: text,
            ...(etag ? { ifMatch: etag } : {}),
          });
          outcomes.push({
            what: `${target.method} ${target.path()} ${text.slice(0, 200)}`,
            status: response.status,
            acceptedInvalid: response.status < 300 && !target.schema.safeParse(body).success,
          });
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    // Path parameters: every route shape with hostile ids in each position; each must be refused with a 4xx.
    await fc.assert(
      // "." and ".." are resolved by the URL client before sending (to another, legitimate path): never a path id the server sees.
      fc.asyncProperty(
        hostileString.filter((id) => !/^\.{1,2}$/.test(id)),
        fc.constantFrom('employee', 'conversation', 'item', 'action'),
        async (id, position) => {
          const value = encodeURIComponent(id) || '%20';
          const path = {
            employee: `plans/${value}/conversations`,
            conversation: `plans/${avaId}/conversations/${value}`,
            item: `${base}/agenda/${value}`,
            action: `${base}/actions/${value}`,
          }[position];
          const method = position === 'employee' || position === 'conversation' ? 'GET' : 'PATCH';
          const response = await ava.call(
            method,
            path,
            position === 'item' || position === 'action' ? { body: { discussed: true }, ifMatch: 'W/"x"' } : {},
          );
          outcomes.push({
            what: `${method} ${path.slice(0, 200)}`,
            status: response.status,
            acceptedInvalid: response.status < 400,
          });
        },
      ),
      { numRuns: RUNS * 2, seed: SEED },
    );
    const partitions = new Set((await stack.snapshot()).map((row) => row.split('|')[0]!));
    const outside = [...partitions].filter(
      (partition) =>
        partition !== `${stack.person('ava').tenantId}_${avaId}` &&
        !partition.startsWith(`${stack.person('ava').tenantId}_m_`) &&
        !partition.startsWith(`${stack.person('ava').tenantId}_t_`),
    );
    const accepted = outcomes.filter((outcome) => outcome.acceptedInvalid);
    const errors = outcomes.filter((outcome) => outcome.status >= 500);
    console.log(
      `hostile input: ${outcomes.length} tried, ${accepted.length} accepted, ${errors.length} 500, ` +
        `${outside.length} rows outside the caller's partition (seed ${SEED}, ${unsent} bodies not serialisable)`,
    );
    const sample = (list: typeof outcomes) => list.slice(0, 5).map((outcome) => `${outcome.status} ${outcome.what}`);
    expect(sample(accepted)).toEqual([]);
    expect(sample(errors)).toEqual([]);
    expect(outside).toEqual([]);
    // Every generated input was sent: the figure above is the number of requests the API answered.
    expect(outcomes.length + unsent).toBe(targets.length * RUNS + RUNS * 2);
  }, 300_000);
});
