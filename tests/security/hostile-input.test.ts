import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { localApi, type LocalRequest } from '../../functions/dev/local-host';
import {
  ActionIdSchema,
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  AgendaItemIdSchema,
  AuditQuerySchema,
  ClientFailureReportSchema,
  ConfirmRequestSchema,
  ConversationIdSchema,
  ConversationViewSchema,
  EntityTagSchema,
  ExportQuerySchema,
  GuidSchema,
  HistoryQuerySchema,
  InviteAgendaRequestSchema,
  LinkMeetingRequestSchema,
  MAX_BODY_BYTES,
  MAX_TEAMS_ID_BYTES,
  NudgePreferencesSchema,
  PlanViewSchema,
  PreparePointRequestSchema,
  PreparedPointIdSchema,
  ProblemSchema,
  PutCareerPlanRequestSchema,
  PutNextConversationRequestSchema,
  PutNoteRequestSchema,
  PutNudgePreferencesRequestSchema,
  ResolveMeetingQuerySchema,
  StartConversationRequestSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../../functions/src/contract';
import { routes } from '../../functions/src/routes';
import type { CallOptions, Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { everyRow } from '../support/storage-state';

let stack: TestStack;
let ava: Client;
let avaId: string;
let base: string;

/** Printed with the figures, so that any run can be replayed: HOSTILE_SEED=<seed> npx vitest run tests/security/hostile-input.test.ts */
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
/** Scales every target's number of inputs (1 gives the figure the README quotes, over 10,000). */
const SCALE = Number(process.env.HOSTILE_SCALE ?? 1);
const runs = (count: number) => Math.max(1, Math.round(count * SCALE));

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
    // Lone halves of a surrogate pair, alone and inside text.
    '\ud800',
    '\udc00',
    'plan \udbff end',
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

/** An object shaped like a valid body whose fields are replaced by hostile values, or any hostile value at all. */
function bodies(fields: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.record(Object.fromEntries(fields.map((field) => [field, fc.oneof(hostileValue, deep, huge)])), {
      requiredKeys: [],
    }),
    hostileValue,
  );
}

/** Path segments whose percent-encoding is broken: a truncated sequence, invalid UTF-8, a lone %, non-hex digits. */
const MALFORMED_SEGMENTS = ['%E0%A4%A', '%E0%A4', '%C3', '%', '%zz', 'ab%2', '%%41', '%ED%A0%80', '%FF'];

/** What HTTP can carry in a header value (HTAB, visible ASCII, Latin-1), as a string of those characters. */
const headerCharacter = fc
  .integer({ min: 0x1f, max: 0xff })
  .filter((code) => code !== 0x7f)
  .map((code) => (code === 0x1f ? '\t' : String.fromCharCode(code)));
const headerText = (maxLength: number) => fc.string({ unit: headerCharacter, maxLength });

/** RFC 9110's entity-tag, as the API's parser reads it. */
const ENTITY_TAG_SYNTAX = /^(W\/)?"[\x21\x23-\x7E\x80-\xFF]*"$/;
const etagCharacter = fc
  .integer({ min: 0x21, max: 0xff })
  .filter((code) => code !== 0x22 && code !== 0x7f)
  .map((code) => String.fromCharCode(code));
const pad = (value: string) => value.padStart(2, '0');
/** A version of the very form storage gives out, from years before any row here was written: stale, never current. */
const staleVersion = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2020-12-31T23:59:59Z'), noInvalidDate: true })
  .chain((date) =>
    fc.integer({ min: 0, max: 9_999_999 }).map((fraction) => {
      const stamp = `${date.getUTCFullYear()}-${pad(String(date.getUTCMonth() + 1))}-${pad(String(date.getUTCDate()))}T${pad(String(date.getUTCHours()))}%3A${pad(String(date.getUTCMinutes()))}%3A${pad(String(date.getUTCSeconds()))}.${String(fraction).padStart(7, '0')}Z`;
      return `W/"datetime'${stamp}'"`;
    }),
  );
/** Not an entity tag at all: a word, a half-quoted tag, a list, something around the quotes. */
const notAnEtag = fc.oneof(
  headerText(60).filter(
    (value) => value.trim() !== '' && value.trim() !== '*' && !ENTITY_TAG_SYNTAX.test(value.trim()),
  ),
  fc.constantFrom('x', 'W/x', "datetime'2020'", '"x', 'W/"x', 'x"', '"a", "b"', 'W/"a",W/"b"', '"a" b', '* , "x"'),
);
/** An entity tag, but not one the API gave out. */
const foreignEtag = fc
  .tuple(fc.boolean(), fc.string({ unit: etagCharacter, maxLength: 60 }))
  .map(([weak, inner]) => `${weak ? 'W/' : ''}"${inner}"`)
  .filter((tag) => !EntityTagSchema.safeParse(tag).success);
const hostileIfMatch = fc.oneof(
  notAnEtag,
  foreignEtag,
  staleVersion,
  fc.constant('*'),
  fc.constantFrom('"x"', 'x', `"datetime'2020'"`),
);
/** What If-None-Match may not carry where a route evaluates it; elsewhere any value at all is refused. */
const hostileIfNoneMatch = fc.oneof(
  notAnEtag,
  foreignEtag,
  fc.constant('*'),
  fc.constant('"v-AbCdEfGhIjKlMnOpQrStUv"'),
);
const hostileIdempotencyKey = fc
  .oneof(headerText(80), fc.constantFrom('short', 'A'.repeat(65), 'key with spaces', "x' or 1 eq 1", 'clé-accentuée'))
  .filter((key) => key.trim() !== '' && !/^[A-Za-z0-9_-]{8,64}$/.test(key.trim()));
const hostileContentType = fc
  .oneof(
    headerText(40),
    fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/jsonp',
      'text/json',
      'application/xml',
    ),
  )
  .filter((type) => !/^application\/json\b/i.test(type.trim()));
const hostileAuthorization = fc.oneof(
  headerText(80),
  headerText(200).map((junk) => `Bearer ${junk}`),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YXZhOnBhc3N3b3Jk', 'Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.'),
);

/** A string that can be percent-encoded: a lone surrogate has no UTF-8, so a URL cannot carry one. */
const encodable = (text: string) => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));

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

const NUDGES = {
  actionDueSoon: true,
  actionOverdue: true,
  jobDevelopmentOverdue: true,
  jobDevelopmentReminder: false,
  prepareTalkingPoints: true,
  confirmationWaiting: true,
  weeklyDigest: false,
  digestDay: 'tuesday',
};
const CAREER_PLAN = { aspiration: 'growInRole', focusAreas: ['Testing'], careerScenario: 'Staff engineer' };
/** A day inside the next year, whenever the suite runs. */
const nextMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  await ava.post(`${base}/actions`, { title: 'First', owner: 'employee', learningKind: 'formal' });
  // Ava's own talking point, point.1: the one she may reword (and the policy of its text, checked on the edit).
  await ava.post(`${base}/agenda`, { text: 'My own point' });
  // Every record a route can replace exists, so that each hostile request has something it could have changed.
  await ava.put(`${base}/note`, { text: 'My note' });
  await ava.put(`plans/${avaId}/career-plan`, CAREER_PLAN);
  await ava.put(`plans/${avaId}/next-conversation`, { date: nextMonth(), type: 'job' });
  await ava.post(`plans/${avaId}/prepared`, { text: 'For next time' });
  await ava.put('me/nudges', NUDGES);
});
afterAll(() => stack.close());

/** What the valid requests need to name: the plan's records as they are now. */
interface State {
  conversationId: string;
  revision: number;
  conversationEtag: string;
  actionId: string;
  actionEtag: string;
  itemId: string;
  noteEtag: string | null;
  careerPlanEtag: string | null;
  nextEtag: string | null;
  pointId: string;
  nudgesEtag: string | null;
}

/** The records as they are now; `complete` when every one must exist (the valid requests at the end remove some). */
async function readState(complete = false): Promise<State> {
  const view = ConversationViewSchema.parse((await ava.get(base)).body);
  const plan = PlanViewSchema.parse((await ava.get(`plans/${avaId}`)).body);
  const nudges = NudgePreferencesSchema.parse((await ava.get('me/nudges')).body);
  const own = view.conversation.agenda.find((item) => item.authorId === avaId && item.source === 'talkingPoint');
  const action = view.actions[view.actions.length - 1];
  const point = plan.prepared[0];
  if (complete && (!own || !action || !point))
    throw new Error('The plan lacks the records the hostile requests aim at.');
  return {
    conversationId: view.conversation.id,
    revision: view.conversation.revision,
    conversationEtag: view.conversation.etag,
    actionId: action?.id ?? 'a0',
    actionEtag: action?.etag ?? '',
    itemId: own?.id ?? 'none',
    noteEtag: view.myNote?.etag ?? null,
    careerPlanEtag: plan.careerPlan.etag,
    nextEtag: plan.nextConversation.etag,
    pointId: point?.id ?? 'p00000000',
    nudgesEtag: nudges.etag,
  };
}

interface Ids {
  employeeId: string;
  conversationId: string;
  itemId: string;
  actionId: string;
  pointId: string;
}
const ID_SCHEMAS: Record<keyof Ids, z.ZodType> = {
  employeeId: GuidSchema,
  conversationId: ConversationIdSchema,
  itemId: AgendaItemIdSchema,
  actionId: ActionIdSchema,
  pointId: PreparedPointIdSchema,
};

/** One route and a request to it that is valid in every part: each target spoils exactly one part. */
interface RouteCase {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  params: (keyof Ids)[];
  body?: { schema: z.ZodType; fields: string[]; valid: (state: State) => unknown };
  query?: { schema: z.ZodType; names: string[]; valid: string };
  /** The version the valid request sends (null: none); only routes that evaluate If-Match have one. */
  ifMatch?: (state: State) => string | null;
  idempotencyKey?: boolean;
}

const conversation = (ids: Ids) => `plans/${ids.employeeId}/conversations/${ids.conversationId}`;
const ROUTE_CASES: RouteCase[] = [
  { name: 'me-get', method: 'GET', path: () => 'me', params: [] },
  { name: 'team-get', method: 'GET', path: () => 'team', params: [] },
  { name: 'nudge-preferences-get', method: 'GET', path: () => 'me/nudges', params: [] },
  {
    name: 'nudge-preferences-put',
    method: 'PUT',
    path: () => 'me/nudges',
    params: [],
    body: { schema: PutNudgePreferencesRequestSchema, fields: Object.keys(NUDGES), valid: () => NUDGES },
    ifMatch: (state) => state.nudgesEtag,
  },
  { name: 'plan-get', method: 'GET', path: (ids) => `plans/${ids.employeeId}`, params: ['employeeId'] },
  { name: 'plan-delete', method: 'DELETE', path: (ids) => `plans/${ids.employeeId}`, params: ['employeeId'] },
  {
    name: 'plan-export',
    method: 'GET',
    path: (ids) => `plans/${ids.employeeId}/export`,
    params: ['employeeId'],
    query: { schema: ExportQuerySchema, names: ['format'], valid: 'format=markdown' },
  },
  {
    name: 'prepared-post',
    method: 'POST',
    path: (ids) => `plans/${ids.employeeId}/prepared`,
    params: ['employeeId'],
    body: {
      schema: PreparePointRequestSchema,
      fields: ['text', 'type'],
      valid: () => ({ text: 'Ask about the move' }),
    },
  },
  {
    name: 'prepared-delete',
    method: 'DELETE',
    path: (ids) => `plans/${ids.employeeId}/prepared/${ids.pointId}`,
    params: ['employeeId', 'pointId'],
  },
  {
    name: 'plan-audit',
    method: 'GET',
    path: (ids) => `plans/${ids.employeeId}/audit`,
    params: ['employeeId'],
    query: { schema: AuditQuerySchema, names: ['pageSize', 'continuation'], valid: 'pageSize=5' },
  },
  {
    name: 'career-plan-put',
    method: 'PUT',
    path: (ids) => `plans/${ids.employeeId}/career-plan`,
    params: ['employeeId'],
    body: { schema: PutCareerPlanRequestSchema, fields: Object.keys(CAREER_PLAN), valid: () => CAREER_PLAN },
    ifMatch: (state) => state.careerPlanEtag,
  },
  {
    name: 'next-conversation-put',
    method: 'PUT',
    path: (ids) => `plans/${ids.employeeId}/next-conversation`,
    params: ['employeeId'],
    body: {
      schema: PutNextConversationRequestSchema,
      fields: ['date', 'type'],
      valid: () => ({ date: nextMonth(), type: 'career' }),
    },
    ifMatch: (state) => state.nextEtag,
  },
  {
    name: 'conversations-list',
    method: 'GET',
    path: (ids) => `plans/${ids.employeeId}/conversations`,
    params: ['employeeId'],
    query: { schema: HistoryQuerySchema, names: ['type', 'pageSize', 'continuation'], valid: 'type=job&pageSize=5' },
  },
  {
    name: 'conversations-post',
    method: 'POST',
    path: (ids) => `plans/${ids.employeeId}/conversations`,
    params: ['employeeId'],
    body: {
      schema: StartConversationRequestSchema,
      fields: ['type', 'meetingId', 'chatId'],
      valid: () => ({ type: 'career', meetingId: 'hostile-meeting' }),
    },
    idempotencyKey: true,
  },
  { name: 'conversation-get', method: 'GET', path: conversation, params: ['employeeId', 'conversationId'] },
  {
    name: 'agenda-post',
    method: 'POST',
    path: (ids) => `${conversation(ids)}/agenda`,
    params: ['employeeId', 'conversationId'],
    body: {
      schema: AddTalkingPointRequestSchema,
      fields: ['text', 'sectionId'],
      valid: () => ({ text: 'A new point' }),
    },
    ifMatch: (state) => state.conversationEtag,
    idempotencyKey: true,
  },
  {
    name: 'agenda-item-patch',
    method: 'PATCH',
    path: (ids) => `${conversation(ids)}/agenda/${ids.itemId}`,
    params: ['employeeId', 'conversationId', 'itemId'],
    body: {
      schema: UpdateAgendaItemRequestSchema,
      fields: ['discussed', 'proposal', 'note', 'text'],
      valid: () => ({ discussed: true }),
    },
    ifMatch: (state) => state.conversationEtag,
  },
  {
    name: 'agenda-item-delete',
    method: 'DELETE',
    path: (ids) => `${conversation(ids)}/agenda/${ids.itemId}`,
    params: ['employeeId', 'conversationId', 'itemId'],
    ifMatch: (state) => state.conversationEtag,
  },
  {
    name: 'actions-post',
    method: 'POST',
    path: (ids) => `${conversation(ids)}/actions`,
    params: ['employeeId', 'conversationId'],
    body: {
      schema: AddActionRequestSchema,
      fields: ['title', 'owner', 'learningKind', 'dueDate', 'focusArea'],
      valid: () => ({ title: 'Another action', owner: 'employee', learningKind: 'onTheJob' }),
    },
    ifMatch: (state) => state.conversationEtag,
    idempotencyKey: true,
  },
  {
    name: 'action-patch',
    method: 'PATCH',
    path: (ids) => `${conversation(ids)}/actions/${ids.actionId}`,
    params: ['employeeId', 'conversationId', 'actionId'],
    body: {
      schema: UpdateActionRequestSchema,
      fields: ['title', 'owner', 'learningKind', 'dueDate', 'focusArea', 'status'],
      valid: () => ({ title: 'Renamed' }),
    },
    ifMatch: (state) => state.actionEtag,
  },
  {
    name: 'action-delete',
    method: 'DELETE',
    path: (ids) => `${conversation(ids)}/actions/${ids.actionId}`,
    params: ['employeeId', 'conversationId', 'actionId'],
  },
  {
    name: 'conversation-agree',
    method: 'POST',
    path: (ids) => `${conversation(ids)}/agree`,
    params: ['employeeId', 'conversationId'],
    body: { schema: ConfirmRequestSchema, fields: ['revision'], valid: (state) => ({ revision: state.revision }) },
  },
  {
    name: 'conversation-agree-delete',
    method: 'DELETE',
    path: (ids) => `${conversation(ids)}/agree`,
    params: ['employeeId', 'conversationId'],
  },
  {
    name: 'note-put',
    method: 'PUT',
    path: (ids) => `${conversation(ids)}/note`,
    params: ['employeeId', 'conversationId'],
    body: { schema: PutNoteRequestSchema, fields: ['text'], valid: () => ({ text: 'Changed my mind' }) },
    ifMatch: (state) => state.noteEtag,
  },
  {
    name: 'conversation-live-post',
    method: 'POST',
    path: (ids) => `${conversation(ids)}/live`,
    params: ['employeeId', 'conversationId'],
  },
  {
    name: 'meetings-resolve',
    method: 'GET',
    path: () => 'meetings/resolve',
    params: [],
    query: { schema: ResolveMeetingQuerySchema, names: ['meetingId', 'chatId'], valid: 'meetingId=m-1' },
  },
  {
    name: 'meetings-panel',
    method: 'GET',
    path: () => 'meetings/panel',
    params: [],
    query: { schema: ResolveMeetingQuerySchema, names: ['meetingId', 'chatId'], valid: 'meetingId=m-1&chatId=c-1' },
  },
  {
    name: 'meetings-link',
    method: 'PUT',
    path: () => 'meetings/link',
    params: [],
    body: {
      schema: LinkMeetingRequestSchema,
      fields: ['meetingId', 'chatId', 'employeeId', 'conversationId'],
      valid: (state) => ({ meetingId: 'm-hostile', employeeId: avaId, conversationId: state.conversationId }),
    },
  },
  {
    name: 'invite-agenda-post',
    method: 'POST',
    path: () => 'invites/agenda',
    params: [],
    body: {
      schema: InviteAgendaRequestSchema,
      fields: ['attendees'],
      valid: () => ({ attendees: ['morgan@contoso.example'] }),
    },
  },
  {
    name: 'client-failure-post',
    method: 'POST',
    path: () => 'client-failures',
    params: [],
    body: {
      schema: ClientFailureReportSchema,
      fields: ['surface', 'errorName', 'components'],
      valid: () => ({ surface: 'sidepanel', errorName: 'TypeError', components: ['SidePanel'] }),
    },
  },
];

/** A request in the local host's own terms: sent in-process through its router, percent-decoding and wrapper. */
interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** The request of `route` that is valid in every part, as raw parts a target can spoil one of. */
function validParts(route: RouteCase, state: State, token: string) {
  const ids: Ids = {
    employeeId: avaId,
    conversationId: state.conversationId,
    itemId: state.itemId,
    actionId: state.actionId,
    pointId: state.pointId,
  };
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  const version = route.ifMatch?.(state) ?? null;
  if (version) headers['if-match'] = version;
  const body = route.body ? Buffer.from(JSON.stringify(route.body.valid(state))) : null;
  if (body) headers['content-type'] = 'application/json';
  const query = route.query ? `?${route.query.valid}` : '';
  return { ids, headers, body, query };
}

function request(route: RouteCase, parts: ReturnType<typeof validParts>): HostileRequest {
  return {
    method: route.method,
    path: `${route.path(parts.ids)}${parts.query}`,
    headers: parts.headers,
    body: parts.body,
  };
}

interface Target {
  kind: 'body' | 'raw body' | 'content type' | 'path id' | 'query' | 'header';
  label: string;
  runs: number;
  requests: fc.Arbitrary<HostileRequest>;
}

const parsesAsJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const INVALID_UTF8 = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];
const MALFORMED_QUERY_VALUES = ['%E0%A4%A', '%', '%zz', '%C3', '%ED%A0%80', '%FF%FE'];

/** Every way to spoil one part of each route's valid request; together over 10,000 inputs at scale 1. */
function targets(state: State, token: string): Target[] {
  const list: Target[] = [];
  for (const route of ROUTE_CASES) {
    const valid = validParts(route, state, token);
    const spoil = (change: (parts: typeof valid) => typeof valid) =>
      request(route, change({ ...valid, ids: { ...valid.ids }, headers: { ...valid.headers } }));
    if (route.body) {
      const { schema, fields } = route.body;
      list.push({
        kind: 'body',
        label: `${route.name} body`,
        runs: runs(250),
        requests: bodies(fields)
          .map((body) => JSON.stringify(body))
          .filter((text) => !schema.safeParse(JSON.parse(text)).success)
          .map((text) => spoil((parts) => ({ ...parts, body: Buffer.from(text) }))),
      });
      const validJson = valid.body!.toString('utf8');
      list.push({
        kind: 'raw body',
        label: `${route.name} raw body`,
        runs: runs(60),
        requests: fc
          .oneof(
            // Not JSON at all.
            fc
              .oneof(
                fc.string({ maxLength: 200 }),
                fc.constantFrom('', '{', '{"text": "x",', "{'text': 'x'}", 'undefined', `${validJson}}`),
              )
              .filter((text) => !parsesAsJson(text))
              .map((text) => Buffer.from(text)),
            // The valid body with bytes that are not UTF-8 in it.
            fc
              .tuple(fc.integer({ min: 0, max: validJson.length }), fc.constantFrom(...INVALID_UTF8))
              .map(([at, bytes]) =>
                Buffer.concat([
                  Buffer.from(validJson.slice(0, at)),
                  Buffer.from(bytes),
                  Buffer.from(validJson.slice(at)),
                ]),
              ),
            // The valid body, padded past the cap.
            fc
              .integer({ min: 1, max: 4096 })
              .map((extra) => Buffer.from(`${validJson}${' '.repeat(MAX_BODY_BYTES + extra)}`)),
          )
          .map((body) => spoil((parts) => ({ ...parts, body }))),
      });
      list.push({
        kind: 'content type',
        label: `${route.name} content type`,
        runs: runs(30),
        requests: fc.option(hostileContentType).map((type) =>
          spoil((parts) => {
            const headers = { ...parts.headers };
            if (type === null) delete headers['content-type'];
            else headers['content-type'] = type;
            return { ...parts, headers };
          }),
        ),
      });
    }
    for (const param of route.params) {
      const schema = ID_SCHEMAS[param];
      list.push({
        kind: 'path id',
        label: `${route.name} ${param}`,
        runs: runs(70),
        requests: fc
          .oneof(
            hostileString
              .map(encodable)
              // "", "." and ".." are not ids: the URL names another route then (a trailing "/" is the list's address).
              .filter(
                (encoded) => !/^\.{0,2}$/.test(encoded) && !schema.safeParse(decodeURIComponent(encoded)).success,
              ),
            fc.constantFrom(...MALFORMED_SEGMENTS),
          )
          .map((encoded) => spoil((parts) => ({ ...parts, ids: { ...parts.ids, [param]: encoded } }))),
      });
    }
    if (route.query) {
      const { schema, names } = route.query;
      const seen = (query: string) => Object.fromEntries(new URL(`http://in-process/${query}`).searchParams);
      list.push({
        kind: 'query',
        label: `${route.name} query`,
        runs: runs(200),
        requests: fc
          .oneof(
            fc
              .array(fc.tuple(fc.oneof(fc.constantFrom(...names), hostileString), hostileString), { maxLength: 4 })
              .map((pairs) => `?${pairs.map(([name, value]) => `${encodable(name)}=${encodable(value)}`).join('&')}`)
              .filter((query) => !schema.safeParse(seen(query)).success),
            fc
              .tuple(fc.constantFrom(...names), fc.constantFrom(...MALFORMED_QUERY_VALUES))
              .map(([name, value]) => `?${route.query!.valid}&${name}=${value}`),
          )
          .map((query) => spoil((parts) => ({ ...parts, query }))),
      });
    }
    const header = (name: string, values: fc.Arbitrary<string>, count: number) =>
      list.push({
        kind: 'header',
        label: `${route.name} ${name}`,
        runs: runs(count),
        requests: values.map((value) => spoil((parts) => ({ ...parts, headers: { ...parts.headers, [name]: value } }))),
      });
    header('if-match', hostileIfMatch, 40);
    // Reading a conversation evaluates If-None-Match: there only a value that is not an ETag is hostile.
    header('if-none-match', route.name === 'conversation-get' ? notAnEtag : hostileIfNoneMatch, 25);
    if (route.idempotencyKey) header('idempotency-key', hostileIdempotencyKey, 60);
    header(
      'authorization',
      hostileAuthorization.filter((value) => value.trim() !== ''),
      20,
    );
  }
  return list;
}

/** The answer of the local host's router, in process: the same routing, decoding and wrapper as over HTTP, minus the socket. */
async function send(api: ReturnType<typeof localApi>, hostile: HostileRequest) {
  const local: LocalRequest = {
    method: hostile.method,
    url: new URL(`http://in-process/api/${hostile.path}`),
    headers: hostile.headers,
    // As the host reads a body: past the cap it is not kept.
    body: hostile.body === null ? Buffer.alloc(0) : hostile.body.length > MAX_BODY_BYTES ? null : hostile.body,
  };
  const response = await api(local);
  const headers = new Headers(response.headers);
  const text = typeof response.body === 'string' ? response.body : '';
  let problem = false;
  try {
    problem =
      (headers.get('content-type') ?? '').startsWith('application/problem+json') &&
      ProblemSchema.safeParse(JSON.parse(text)).success;
  } catch {
    problem = false;
  }
  return { status: response.status ?? 200, problem };
}

/** The order in which each route's valid request is sent at the end: reads first, then writes, deleting the plan last. */
const VALID_ORDER = [
  'me-get',
  'team-get',
  'nudge-preferences-get',
  'plan-get',
  'plan-export',
  'plan-audit',
  'conversations-list',
  'conversation-get',
  'meetings-resolve',
  'meetings-panel',
  'nudge-preferences-put',
  'prepared-post',
  'prepared-delete',
  'career-plan-put',
  'next-conversation-put',
  'agenda-post',
  'agenda-item-patch',
  'agenda-item-delete',
  'actions-post',
  'action-patch',
  'action-delete',
  'note-put',
  'meetings-link',
  'conversation-live-post',
  'client-failure-post',
  'invite-agenda-post',
  'conversation-agree',
  'conversation-agree-delete',
  'conversations-post',
  'plan-delete',
];

describe('hostile input', () => {
  it('applies the text policy in every free-text field: refused where it refuses, stored normalised where it normalises', async () => {
    const outcomes: { what: string; status: number; wrong: boolean }[] = [];
    for (const entry of textPolicyCases()) {
      const response = await ava.call(entry.method, entry.path(), await entry.options());
      const stored = response.status < 300 && entry.stored ? await entry.stored() : null;
      outcomes.push({
        what: `${entry.method} ${entry.field}: ${entry.what}`,
        status: response.status,
        wrong: entry.expect === 'refused' ? response.status !== 400 : stored !== entry.storedAs,
      });
    }
    const wrong = outcomes.filter((outcome) => outcome.wrong);
    console.log(`text policy: ${outcomes.length} cases, ${wrong.length} wrong`);
    expect(wrong.slice(0, 5).map((outcome) => `${outcome.status} ${outcome.what}`)).toEqual([]);
  });

  it('answers every hostile body, path id, query and header on every route with a 4xx problem, never a 500, and stores nothing', async () => {
    expect(ROUTE_CASES.map((route) => route.name).sort()).toEqual(routes.map((route) => route.name).sort());
    expect([...VALID_ORDER].sort()).toEqual(routes.map((route) => route.name).sort());
    const api = localApi(stack.services);
    const token = await stack.token('ava');
    const list = targets(await readState(true), token);
    // Every route is tried on its headers, and on each of its path ids, body and query.
    for (const route of ROUTE_CASES) {
      const tried = list.filter((target) => target.label.startsWith(`${route.name} `)).map((target) => target.kind);
      expect(tried, route.name).toContain('header');
      if (route.body) expect(tried, route.name).toEqual(expect.arrayContaining(['body', 'raw body', 'content type']));
      if (route.query) expect(tried, route.name).toContain('query');
      expect(
        tried.filter((kind) => kind === 'path id'),
        route.name,
      ).toHaveLength(route.params.length);
    }

    // Every answer is recorded as it comes; the figures and the assertions are counted from these.
    const outcomes: { target: string; kind: Target['kind']; what: string; status: number; problem: boolean }[] = [];
    const before = await everyRow(stack.tables);
    let last = before;
    const writtenBy: string[] = [];
    const started = performance.now();
    for (const target of list) {
      // The property records and never throws: fast-check runs exactly numRuns inputs, with no shrinking re-runs.
      await fc.assert(
        fc.asyncProperty(target.requests, async (hostile) => {
          const answer = await send(api, hostile);
          outcomes.push({
            target: target.label,
            kind: target.kind,
            what: `${hostile.method} ${hostile.path.slice(0, 160)}`,
            ...answer,
          });
        }),
        { numRuns: target.runs, seed: SEED },
      );
      const now = await everyRow(stack.tables);
      if (JSON.stringify(now) !== JSON.stringify(last)) writtenBy.push(target.label);
      last = now;
    }
    const seconds = (performance.now() - started) / 1000;
    const accepted = outcomes.filter((outcome) => outcome.status < 400 || outcome.status > 499 || !outcome.problem);
    const errors = outcomes.filter((outcome) => outcome.status >= 500);
    const KIND_NAMES = {
      body: 'bodies',
      'raw body': 'raw bodies',
      'content type': 'content types',
      'path id': 'path ids',
      query: 'queries',
      header: 'headers',
    } as const;
    const byKind = Object.entries(KIND_NAMES)
      .map(([kind, name]) => `${outcomes.filter((outcome) => outcome.kind === kind).length} ${name}`)
      .join(', ');

    console.log(
      `hostile input: ${outcomes.length} tried, ${accepted.length} accepted, ${errors.length} 500, ` +
        `storage ${writtenBy.length === 0 ? 'unchanged' : `changed by ${writtenBy.join(', ')}`} ` +
        `(seed ${SEED}, HOSTILE_SEED to replay; ${byKind}; ${list.length} targets over ${ROUTE_CASES.length} routes ` +
        `in ${seconds.toFixed(1)} s)`,
    );
    const sample = (entries: typeof outcomes) =>
      entries
        .slice(0, 5)
        .map(
          (outcome) =>
            `${outcome.status}${outcome.problem ? '' : ' (no problem+json)'} ${outcome.target}: ${outcome.what}`,
        );
    expect(sample(accepted)).toEqual([]);
    expect(sample(errors)).toEqual([]);
    expect(writtenBy).toEqual([]);
    expect(last).toEqual(before);
    // Every generated input was sent and answered: the figure above is the number of answers.
    expect(outcomes.length).toBe(list.reduce((sum, target) => sum + target.runs, 0));
    if (SCALE >= 1) expect(outcomes.length).toBeGreaterThanOrEqual(10_000);

    // The same requests without their hostile part are accepted: what refused them was the hostile part alone.
    const refusedValid: string[] = [];
    for (const name of VALID_ORDER) {
      const route = ROUTE_CASES.find((entry) => entry.name === name)!;
      const answer = await send(api, request(route, validParts(route, await readState(), token)));
      if (answer.status < 200 || answer.status > 299) refusedValid.push(`${answer.status} ${name}`);
    }
    console.log(
      `hostile input, the same requests without their hostile part: ` +
        `${ROUTE_CASES.length - refusedValid.length} of ${ROUTE_CASES.length} routes accepted them`,
    );
    expect(refusedValid).toEqual([]);
  }, 600_000);
});
