import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  ConfirmRequestSchema,
  ConversationViewSchema,
  MAX_TEAMS_ID_BYTES,
  PlanViewSchema,
  LinkMeetingRequestSchema,
  PutCareerPlanRequestSchema,
  PutNextConversationRequestSchema,
  PutNoteRequestSchema,
  StartConversationRequestSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../../functions/src/contract';
import type { CallOptions, Client } from '../support/client';
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
    // The text policy: line and paragraph separators, direction overrides, invisible-only text, decomposed marks.
    'one\u2028two\u2029three',
    'invoice\u202Egpj.exe',
    '\u2066isolated\u2069',
    '\u200B\u2060\uFEFF',
    'Cafe\u0301',
    // Broken percent-encoding, and ids long in bytes but short in characters.
    '%E0%A4%A',
    '%',
    '%zz',
    'é'.repeat(350),
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

/** Path segments whose percent-encoding is broken: a truncated sequence, invalid UTF-8, a lone %, non-hex digits. */
const MALFORMED_SEGMENTS = ['%E0%A4%A', '%E0%A4', '%C3', '%', '%zz', 'ab%2', '%%41'];

interface TextCase {
  what: string;
  field: string;
  method: string;
  path: () => string;
  options: () => Promise<CallOptions>;
  expect: 'refused' | 'stored';
  /** For text the policy accepts: what storage must hold afterwards, and how to read it. */
  storedAs?: string;
  stored?: () => Promise<string | null>;
}

/** Characters the policy refuses in every free-text field: direction overrides and isolates. */
const DIRECTION_CHARACTERS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const INVISIBLE_ONLY = ' \u200B\u2060\uFEFF\u200B ';

function textPolicyCases(): TextCase[] {
  const actionEtag = async () => ConversationViewSchema.parse((await ava.get(base)).body).actions[0]!.etag;
  const conversationEtag = async () => ConversationViewSchema.parse((await ava.get(base)).body).conversation.etag;
  const noteEtag = async () => ConversationViewSchema.parse((await ava.get(base)).body).myNote?.etag;
  const lineFields: {
    field: string;
    method: string;
    path: () => string;
    body: (text: string) => unknown;
    ifMatch?: () => Promise<string>;
  }[] = [
    { field: 'talking point', method: 'POST', path: () => `${base}/agenda`, body: (text) => ({ text }) },
    {
      field: 'talking point (edit)',
      method: 'PATCH',
      path: () => `${base}/agenda/point.1`,
      body: (text) => ({ text }),
      ifMatch: conversationEtag,
    },
    {
      field: 'action title',
      method: 'POST',
      path: () => `${base}/actions`,
      body: (title) => ({ title, owner: 'employee', learningKind: 'formal' }),
    },
    {
      field: 'action title (edit)',
      method: 'PATCH',
      path: () => `${base}/actions/a1`,
      body: (title) => ({ title }),
      ifMatch: actionEtag,
    },
    {
      field: 'focus area',
      method: 'PUT',
      path: () => `plans/${avaId}/career-plan`,
      body: (text) => ({ aspiration: null, focusAreas: [text], careerScenario: null }),
    },
    {
      field: 'career scenario',
      method: 'PUT',
      path: () => `plans/${avaId}/career-plan`,
      body: (text) => ({ aspiration: null, focusAreas: [], careerScenario: text }),
    },
  ];
  const cases: TextCase[] = [];
  for (const target of lineFields) {
    const refused = [
      ['a line separator', 'one\u2028two'],
      ['a paragraph separator', 'one\u2029two'],
      ['only invisible characters', INVISIBLE_ONLY],
      ...DIRECTION_CHARACTERS.map((character) => [
        `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`,
        `a${character}b`,
      ]),
    ] as const;
    for (const [what, text] of refused) {
      cases.push({
        what,
        field: target.field,
        method: target.method,
        path: target.path,
        options: async () => ({
          body: target.body(text),
          ...(target.ifMatch ? { ifMatch: await target.ifMatch() } : {}),
        }),
        expect: 'refused',
      });
    }
  }
  // A private note keeps its lines: separators become \n; direction characters are refused; invisible text is empty.
  const note = (what: string, text: string, expected: 'refused' | 'stored', storedAs?: string): TextCase => ({
    what,
    field: 'note',
    method: 'PUT',
    path: () => `${base}/note`,
    options: async () => {
      const etag = await noteEtag();
      return { body: { text }, ...(etag ? { ifMatch: etag } : {}) };
    },
    expect: expected,
    ...(storedAs === undefined
      ? {}
      : {
          storedAs,
          stored: async () => ConversationViewSchema.parse((await ava.get(base)).body).myNote?.text ?? null,
        }),
  });
  cases.push(
    note('a line separator', 'one\u2028two', 'stored', 'one\ntwo'),
    note('a paragraph separator', 'one\u2029two', 'stored', 'one\ntwo'),
    note('CR LF and a lone CR', 'one\r\ntwo\rthree', 'stored', 'one\ntwo\nthree'),
    note('only invisible characters', INVISIBLE_ONLY, 'stored', ''),
    note('a decomposed accent', 'Cafe\u0301', 'stored', 'Café'),
    ...DIRECTION_CHARACTERS.map((character) =>
      note(`U+${character.codePointAt(0)!.toString(16).toUpperCase()}`, `a${character}b`, 'refused'),
    ),
  );
  // Teams ids are capped in UTF-8 bytes: under 512 characters, 700 bytes.
  const longId = 'é'.repeat(350);
  const overCap = 'm'.repeat(MAX_TEAMS_ID_BYTES + 1);
  for (const [what, id] of [
    ['700 bytes in 350 characters', longId],
    [`${MAX_TEAMS_ID_BYTES + 1} bytes`, overCap],
  ] as const) {
    cases.push(
      {
        what,
        field: 'meeting id (start)',
        method: 'POST',
        path: () => `plans/${avaId}/conversations`,
        options: () => Promise.resolve({ body: { type: 'career', meetingId: id } }),
        expect: 'refused',
      },
      {
        what,
        field: 'chat id (start)',
        method: 'POST',
        path: () => `plans/${avaId}/conversations`,
        options: () => Promise.resolve({ body: { type: 'career', meetingId: 'm-1', chatId: id } }),
        expect: 'refused',
      },
      {
        what,
        field: 'meeting id (resolve)',
        method: 'GET',
        path: () => `meetings/resolve?meetingId=${encodeURIComponent(id)}`,
        options: () => Promise.resolve({}),
        expect: 'refused',
      },
    );
  }
  // Focus areas and the scenario are stored composed (NFC), and counted in characters.
  cases.push({
    what: 'decomposed accents, and 80 emoji',
    field: 'career plan',
    method: 'PUT',
    path: () => `plans/${avaId}/career-plan`,
    options: async () => {
      const etag = PlanViewSchema.parse((await ava.get(`plans/${avaId}`)).body).careerPlan.etag;
      return {
        body: { aspiration: null, focusAreas: ['Re\u0301sume\u0301', '🌱'.repeat(80)], careerScenario: 'Nai\u0308ve' },
        ...(etag ? { ifMatch: etag } : {}),
      };
    },
    expect: 'stored',
    storedAs: JSON.stringify([['Résumé', '🌱'.repeat(80)], 'Naïve']),
    stored: async () => {
      const plan = PlanViewSchema.parse((await ava.get(`plans/${avaId}`)).body).careerPlan;
      return JSON.stringify([plan.focusAreas, plan.careerScenario]);
    },
  });
  return cases;
}

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  await ava.post(`${base}/actions`, { title: 'First', owner: 'employee', learningKind: 'formal' });
  // Ava's own talking point, point.1: the one she may reword (and the policy of its text, checked on the edit).
  await ava.post(`${base}/agenda`, { text: 'My own point' });
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
        fields: ['discussed', 'proposal'],
        ifMatch: async () => ConversationViewSchema.parse((await ava.get(base)).body).conversation.etag,
      },
      {
        method: 'PATCH',
        path: () => `${base}/agenda/point.1`,
        schema: UpdateAgendaItemRequestSchema,
        fields: ['text', 'note'],
        ifMatch: async () => ConversationViewSchema.parse((await ava.get(base)).body).conversation.etag,
      },
      {
        method: 'PUT',
        path: () => `plans/${avaId}/next-conversation`,
        schema: PutNextConversationRequestSchema,
        fields: ['date', 'type'],
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
      { method: 'POST', path: () => `${base}/agree`, schema: ConfirmRequestSchema, fields: ['revision'] },
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
        fc.constantFrom('employee', 'conversation', 'item', 'itemDelete', 'action', 'actionDelete', 'agree', 'live'),
        async (id, position) => {
          const value = encodeURIComponent(id) || '%20';
          const path = {
            employee: `plans/${value}/conversations`,
            conversation: `plans/${avaId}/conversations/${value}`,
            item: `${base}/agenda/${value}`,
            itemDelete: `${base}/agenda/${value}`,
            action: `${base}/actions/${value}`,
            actionDelete: `${base}/actions/${value}`,
            agree: `plans/${avaId}/conversations/${value}/agree`,
            live: `plans/${avaId}/conversations/${value}/live`,
          }[position];
          const method = {
            employee: 'GET',
            conversation: 'GET',
            item: 'PATCH',
            itemDelete: 'DELETE',
            action: 'PATCH',
            actionDelete: 'DELETE',
            agree: 'DELETE',
            live: 'POST',
          }[position];
          const response = await ava.call(
            method,
            path,
            position === 'item' || position === 'action'
              ? { body: { discussed: true }, ifMatch: 'W/"x"' }
              : position === 'itemDelete'
                ? { ifMatch: 'W/"x"' }
                : {},
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
    // Paths whose percent-encoding is broken, in every position of every route shape: a 4xx, never a 500.
    const pathCases: { what: string; method: string; path: string; options?: CallOptions }[] = [];
    for (const broken of MALFORMED_SEGMENTS) {
      pathCases.push(
        { what: 'employee', method: 'GET', path: `plans/${broken}` },
        { what: 'employee', method: 'POST', path: `plans/${broken}/conversations`, options: { body: { type: 'job' } } },
        { what: 'conversation', method: 'GET', path: `plans/${avaId}/conversations/${broken}` },
        { what: 'conversation', method: 'POST', path: `plans/${avaId}/conversations/${broken}/agree` },
        { what: 'conversation', method: 'POST', path: `plans/${avaId}/conversations/${broken}/live` },
        { what: 'employee', method: 'POST', path: `plans/${broken}/conversations/${'9'.repeat(13)}abcdef/live` },
        {
          what: 'item',
          method: 'PATCH',
          path: `${base}/agenda/${broken}`,
          options: { body: { discussed: true }, ifMatch: 'W/"x"' },
        },
        { what: 'action', method: 'DELETE', path: `${base}/actions/${broken}` },
        { what: 'item', method: 'DELETE', path: `${base}/agenda/${broken}`, options: { ifMatch: 'W/"x"' } },
      );
    }
    for (const entry of pathCases) {
      const response = await ava.call(entry.method, entry.path, entry.options ?? {});
      outcomes.push({
        what: `${entry.method} ${entry.path} (broken ${entry.what} segment)`,
        status: response.status,
        acceptedInvalid:
          response.status < 400 || !(response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
      });
    }

    // The text policy, in every free-text field: refused where it refuses, stored normalised where it normalises.
    const textCases = textPolicyCases();
    for (const entry of textCases) {
      const response = await ava.call(entry.method, entry.path(), await entry.options());
      const stored = response.status < 300 && entry.stored ? await entry.stored() : null;
      outcomes.push({
        what: `${entry.method} ${entry.field}: ${entry.what}`,
        status: response.status,
        acceptedInvalid: entry.expect === 'refused' ? response.status !== 400 : stored !== entry.storedAs,
      });
    }

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
        `${outside.length} rows outside the caller's partition (seed ${SEED}, ${unsent} bodies not serialisable; ` +
        `among them ${pathCases.length} broken percent-encodings and ${textCases.length} text-policy cases)`,
    );
    const sample = (list: typeof outcomes) => list.slice(0, 5).map((outcome) => `${outcome.status} ${outcome.what}`);
    expect(sample(accepted)).toEqual([]);
    expect(sample(errors)).toEqual([]);
    expect(outside).toEqual([]);
    // Every generated input was sent: the figure above is the number of requests the API answered.
    expect(outcomes.length + unsent).toBe(targets.length * RUNS + RUNS * 2 + pathCases.length + textCases.length);
  }, 300_000);
});
