import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  ConversationViewSchema,
  MAX_BODY_BYTES,
  MAX_TEAMS_ID_BYTES,
  PlanViewSchema,
  ProblemSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, type CallOptions, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let avaId: string;
let base: string;
let etag: string;
let actionEtag: string;
let benConversation: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  const added = await ava.post(`${base}/actions`, { title: 'First action', owner: 'employee', learningKind: 'formal' });
  etag = (added.body as { conversationEtag: string }).conversationEtag;
  actionEtag = (added.body as { action: { etag: string } }).action.etag;
  const ben = clientFor(stack, await stack.token('ben'));
  benConversation = expectBody(
    await ben.post(`plans/${stack.person('ben').id}/conversations`, { type: 'job' }),
    201,
    ConversationViewSchema,
  ).conversation.id;
});
afterAll(() => stack.close());

interface Case {
  name: string;
  method: string;
  path: () => string;
  options?: () => CallOptions;
  status: number;
  /** A word the explanation must contain, so the person knows what to fix. */
  explains?: RegExp;
  field?: string;
  anonymous?: boolean;
}

const json = (body: unknown): CallOptions => ({ body });

/** A whole, valid choice of nudges, for the cases that spoil one part of it. */
const ALL_NUDGES_ON = {
  actionDueSoon: true,
  actionOverdue: true,
  jobDevelopmentOverdue: true,
  jobDevelopmentReminder: true,
  prepareTalkingPoints: true,
  confirmationWaiting: true,
  weeklyDigest: true,
  digestDay: 'monday',
};

/** Where people type one line of text: each must refuse what the text policy refuses. */
const LINE_FIELDS: { field: string; method: string; path: () => string; body: (text: string) => unknown }[] = [
  { field: 'text', method: 'POST', path: () => `${base}/agenda`, body: (text) => ({ text }) },
  {
    field: 'title',
    method: 'POST',
    path: () => `${base}/actions`,
    body: (title) => ({ title, owner: 'employee', learningKind: 'formal' }),
  },
  { field: 'title', method: 'PATCH', path: () => `${base}/actions/a1`, body: (title) => ({ title }) },
  {
    field: 'focusAreas.0',
    method: 'PUT',
    path: () => `plans/${avaId}/career-plan`,
    body: (text) => ({ aspiration: null, focusAreas: [text], careerScenario: null }),
  },
  {
    field: 'careerScenario',
    method: 'PUT',
    path: () => `plans/${avaId}/career-plan`,
    body: (text) => ({ aspiration: null, focusAreas: [], careerScenario: text }),
  },
];

/** Text the policy refuses in a one-line field, and what the refusal must say. */
const REFUSED_LINES: { what: string; text: string; explains: RegExp }[] = [
  { what: 'a line separator (U+2028)', text: 'First line\u2028second line', explains: /one line/ },
  { what: 'a paragraph separator (U+2029)', text: 'First paragraph\u2029second', explains: /one line/ },
  { what: 'a right-to-left override (U+202E)', text: 'invoice\u202Egpj.exe', explains: /text-direction/ },
  { what: 'a left-to-right embedding (U+202A)', text: 'plain \u202Aembedded\u202C text', explains: /text-direction/ },
  { what: 'a first-strong isolate (U+2068)', text: 'isolated \u2068word\u2069', explains: /text-direction/ },
  { what: 'only invisible characters', text: ' \u200B\u2060\uFEFF\u200B ', explains: /Write something/ },
  { what: 'a carriage return', text: 'one\rtwo', explains: /control characters|one line/ },
];

const TEXT_POLICY_CASES: Case[] = [
  ...LINE_FIELDS.flatMap((target) =>
    REFUSED_LINES.map((refused): Case => ({
      name: `${refused.what} in ${target.method} ${target.field}`,
      method: target.method,
      path: target.path,
      options: () => ({
        body: target.body(refused.text),
        ...(target.method === 'PATCH' ? { ifMatch: actionEtag } : {}),
      }),
      status: 400,
      explains: refused.explains,
      field: target.field,
    })),
  ),
  {
    name: 'a note with a direction override',
    method: 'PUT',
    path: () => `${base}/note`,
    options: () => json({ text: 'Looks fine\u202E but reads backwards' }),
    status: 400,
    explains: /text-direction/,
    field: 'text',
  },
  {
    name: 'a title of 201 emoji (402 UTF-16 units)',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: '🚀'.repeat(201), owner: 'employee', learningKind: 'formal' }),
    status: 400,
    explains: /under 200 characters/,
    field: 'title',
  },
  {
    name: 'a talking point of 281 characters once normalised',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => json({ text: 'e\u0301'.repeat(281) }),
    status: 400,
    explains: /under 280 characters/,
    field: 'text',
  },
];

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => ({ rawBody: '{"text": "unterminated' }),
    status: 400,
    explains: /not valid JSON/,
  },
  {
    name: 'a JSON array instead of an object',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => json([{ text: 'x' }]),
    status: 400,
  },
  {
    name: 'an unknown field',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => json({ text: 'Fine', authorId: 'someone-else' }),
    status: 400,
    explains: /Unknown field/,
    field: '(body)',
  },
  {
    name: 'a wrong type',
    method: 'PATCH',
    path: () => `${base}/agenda/goals.learn`,
    options: () => ({ body: { discussed: 'yes' }, ifMatch: etag }),
    status: 400,
    field: 'discussed',
  },
  {
    name: 'a missing field',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: 'No owner', learningKind: 'formal' }),
    status: 400,
    explains: /required/,
    field: 'owner',
  },
  {
    name: 'an over-long talking point',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => json({ text: 'x'.repeat(281) }),
    status: 400,
    explains: /under 280 characters/,
    field: 'text',
  },
  {
    name: 'a blank title',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: '   ', owner: 'employee', learningKind: 'formal' }),
    status: 400,
    field: 'title',
  },
  {
    name: 'control characters',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: 'Bell\u0007 and null\u0000', owner: 'employee', learningKind: 'formal' }),
    status: 400,
    explains: /control characters/,
  },
  {
    name: 'a date that does not exist',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: 'Dated', owner: 'employee', learningKind: 'formal', dueDate: '2026-02-30' }),
    status: 400,
    field: 'dueDate',
  },
  {
    name: 'an unknown owner',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: 'Mine', owner: 'admin', learningKind: 'formal' }),
    status: 400,
    explains: /employee or manager/,
  },
  {
    name: 'a job action without a kind of learning',
    method: 'POST',
    path: () => `${base}/actions`,
    options: () => json({ title: 'Kindless', owner: 'employee' }),
    status: 422,
    explains: /kind of learning|how the learning happens/,
  },
  {
    name: 'too many focus areas',
    method: 'PUT',
    path: () => `plans/${avaId}/career-plan`,
    options: () => json({ aspiration: null, focusAreas: ['a', 'b', 'c', 'd', 'e'], careerScenario: null }),
    status: 400,
    explains: /at most 4/,
  },
  {
    name: 'a talking point in a section of the other conversation type',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => json({ text: 'Wrong section', sectionId: 'brand' }),
    status: 422,
    field: 'sectionId',
  },
  {
    name: 'an over-long meeting id',
    method: 'POST',
    path: () => `plans/${avaId}/conversations`,
    options: () => json({ type: 'career', meetingId: 'm'.repeat(MAX_TEAMS_ID_BYTES + 1) }),
    status: 400,
    field: 'meetingId',
  },
  {
    name: 'a meeting id under 512 characters but 700 bytes in UTF-8',
    method: 'POST',
    path: () => `plans/${avaId}/conversations`,
    options: () => json({ type: 'career', meetingId: 'é'.repeat(350) }),
    status: 400,
    explains: /too long/,
    field: 'meetingId',
  },
  {
    name: 'a chat id of 700 bytes in UTF-8',
    method: 'POST',
    path: () => `plans/${avaId}/conversations`,
    options: () => json({ type: 'career', meetingId: 'meeting-1', chatId: `${'é'.repeat(300)}${'x'.repeat(100)}` }),
    status: 400,
    field: 'chatId',
  },
  {
    name: 'a 700-byte meeting id to link',
    method: 'PUT',
    path: () => 'meetings/link',
    options: () => json({ meetingId: 'é'.repeat(350), employeeId: avaId, conversationId: base.split('/').at(-1) }),
    status: 400,
    field: 'meetingId',
  },
  {
    name: 'a 700-byte meeting id to resolve',
    method: 'GET',
    path: () => `meetings/resolve?meetingId=${encodeURIComponent('é'.repeat(350))}`,
    status: 400,
    field: 'meetingId',
  },
  {
    name: 'a body over the size cap',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => ({ rawBody: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }) }),
    status: 413,
  },
  {
    name: 'a body that is not JSON',
    method: 'POST',
    path: () => `${base}/agenda`,
    options: () => ({ rawBody: 'text=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    status: 415,
  },
  {
    name: 'an employee id with characters Table Storage forbids',
    method: 'GET',
    path: () => `plans/${encodeURIComponent('a/b#c?d\\e')}`,
    status: 404,
  },
  {
    name: 'an OData expression as employee id',
    method: 'GET',
    path: () => `plans/${encodeURIComponent("x' or PartitionKey ne '")}/conversations`,
    status: 404,
  },
  {
    name: 'a conversation id with forbidden characters',
    method: 'GET',
    path: () => `plans/${avaId}/conversations/${encodeURIComponent('1234/../5678')}`,
    status: 404,
  },
  {
    name: 'an agenda item id that is not one',
    method: 'PATCH',
    path: () => `${base}/agenda/${encodeURIComponent("x' or '1")}`,
    options: () => ({ body: { discussed: true }, ifMatch: etag }),
    status: 404,
  },
  {
    name: 'an unknown conversation',
    method: 'GET',
    path: () => `plans/${avaId}/conversations/0000000000000zzzzzz`,
    status: 404,
  },
  {
    name: 'someone else’s conversation through my plan',
    method: 'GET',
    path: () => `plans/${avaId}/conversations/${benConversation}`,
    status: 404,
  },
  {
    name: 'an unknown action',
    method: 'PATCH',
    path: () => `${base}/actions/a99`,
    options: () => ({ body: { status: 'done' }, ifMatch: etag }),
    status: 404,
  },
  {
    name: 'an update without If-Match',
    method: 'PATCH',
    path: () => `${base}/agenda/goals.learn`,
    options: () => json({ discussed: true }),
    status: 428,
    explains: /If-Match/,
  },
  {
    name: 'a stale If-Match',
    method: 'PATCH',
    path: () => `${base}/agenda/goals.learn`,
    options: () => ({ body: { discussed: true }, ifMatch: 'W/"datetime\'2020-01-01T00%3A00%3A00Z\'"' }),
    status: 412,
  },
  {
    name: 'an empty update',
    method: 'PATCH',
    path: () => `${base}/actions/a1`,
    options: () => ({ body: {}, ifMatch: etag }),
    status: 400,
    explains: /at least one field/,
  },
  {
    name: 'a page size out of range',
    method: 'GET',
    path: () => `plans/${avaId}/conversations?pageSize=0`,
    status: 400,
    field: 'pageSize',
  },
  {
    name: 'an unknown query parameter',
    method: 'GET',
    path: () => `plans/${avaId}/conversations?filter=all`,
    status: 400,
    explains: /Unknown field/,
  },
  {
    name: 'a resolve without a meeting id',
    method: 'GET',
    path: () => 'meetings/resolve',
    status: 400,
    field: 'meetingId',
  },
  {
    name: 'a side panel without a meeting id',
    method: 'GET',
    path: () => 'meetings/panel?chatId=19%3Ameeting',
    status: 400,
    field: 'meetingId',
  },
  {
    name: 'someone else’s id in my choice of nudges',
    method: 'PUT',
    path: () => 'me/nudges',
    options: () => json({ ...ALL_NUDGES_ON, userId: stack.person('ben').id }),
    status: 400,
    explains: /Unknown field/,
    field: '(body)',
  },
  {
    name: 'a digest day that is not a weekday',
    method: 'PUT',
    path: () => 'me/nudges',
    options: () => json({ ...ALL_NUDGES_ON, digestDay: 'someday' }),
    status: 400,
    explains: /day of the week/,
    field: 'digestDay',
  },
  {
    name: 'a choice of nudges with a kind left out',
    method: 'PUT',
    path: () => 'me/nudges',
    options: () => json({ actionOverdue: false, digestDay: 'friday' }),
    status: 400,
    explains: /required/,
    field: 'actionDueSoon',
  },
  {
    name: 'a nudge turned off with a string',
    method: 'PUT',
    path: () => 'me/nudges',
    options: () => json({ ...ALL_NUDGES_ON, weeklyDigest: 'off' }),
    status: 400,
    field: 'weeklyDigest',
  },
  {
    name: 'a choice of nudges under If-Match *',
    method: 'PUT',
    path: () => 'me/nudges',
    options: () => ({ body: ALL_NUDGES_ON, ifMatch: '*' }),
    status: 428,
  },
  ...TEXT_POLICY_CASES,
  ...['%E0%A4%A', '%E0%A4', '%', '%zz', 'a%2'].flatMap((segment): Case[] => [
    {
      name: `malformed percent-encoding "${segment}" as employee id`,
      method: 'GET',
      path: () => `plans/${segment}/conversations`,
      status: 400,
      explains: /percent-encoding/,
    },
    {
      name: `malformed percent-encoding "${segment}" as conversation id`,
      method: 'POST',
      path: () => `plans/${avaId}/conversations/${segment}/agree`,
      options: () => json({ revision: 0 }),
      status: 400,
      explains: /percent-encoding/,
    },
    {
      name: `malformed percent-encoding "${segment}" as action id`,
      method: 'DELETE',
      path: () => `${base}/actions/${segment}`,
      status: 400,
      explains: /percent-encoding/,
    },
  ]),
  { name: 'an unknown route', method: 'GET', path: () => 'plans', status: 404 },
  { name: 'a method the route does not take', method: 'DELETE', path: () => base, status: 405 },
  { name: 'no token', method: 'GET', path: () => 'me', status: 401, explains: /Bearer/, anonymous: true },
  {
    name: 'a token in the query string only',
    method: 'GET',
    path: () => 'me?access_token=abc',
    status: 401,
    anonymous: true,
  },
  {
    name: 'a garbage token',
    method: 'GET',
    path: () => 'me',
    options: () => ({ headers: { authorization: 'Bearer abc.def.ghi' } }),
    status: 401,
    anonymous: true,
  },
];

describe('bad input', () => {
  it('gets the right 4xx in problem+json that says what is wrong, never a 500, and nothing is written', async () => {
    const before = await stack.snapshot();
    const anonymous = clientFor(stack, null);
    for (const entry of cases) {
      const client = entry.anonymous ? anonymous : ava;
      const response = await client.call(entry.method, entry.path(), entry.options?.() ?? {});
      const label = `${entry.name}: ${JSON.stringify(response.body)}`;
      expect(response.status, label).toBe(entry.status);
      expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
      const problem = ProblemSchema.parse(response.body);
      expect(problem.status, label).toBe(entry.status);
      expect(problem.title.length, label).toBeGreaterThan(3);
      if (entry.explains)
        expect(`${problem.detail} ${JSON.stringify(problem.errors ?? [])}`, label).toMatch(entry.explains);
      if (entry.field)
        expect(
          problem.errors?.map((error) => error.field),
          label,
        ).toContain(entry.field);
      if (entry.status === 401) expect(response.headers.get('www-authenticate'), label).toMatch(/^Bearer/);
    }
    expect(await stack.snapshot()).toEqual(before);
  });
});

describe('the text policy', () => {
  it('stores text normalised (NFC, line breaks as \\n), counts characters rather than UTF-16 units, and treats invisible text as empty', async () => {
    // Combining marks are composed before the cap is counted: 280 × "e + U+0301" is 280 characters.
    const point = await ava.post(`${base}/agenda`, { text: 'e\u0301'.repeat(280) });
    expect(point.status, JSON.stringify(point.body)).toBe(201);
    expect((point.body as { item: { text: string } }).item.text).toBe('é'.repeat(280));
    const composed = expectBody(
      await ava.post(`${base}/actions`, { title: 'Cafe\u0301 talk', owner: 'employee', learningKind: 'fromOthers' }),
      201,
      ActionResultSchema,
    );
    expect(composed.action.title).toBe('Café talk');
    expect(composed.action.title).toHaveLength(9);
    // 200 emoji are 400 UTF-16 units but 200 characters: within the cap.
    const emoji = expectBody(
      await ava.post(`${base}/actions`, { title: '🚀'.repeat(200), owner: 'employee', learningKind: 'formal' }),
      201,
      ActionResultSchema,
    );
    expect(Array.from(emoji.action.title)).toHaveLength(200);
    const renamed = expectBody(
      await ava.patch(
        `${base}/actions/${emoji.action.id}`,
        { title: `${'🧭'.repeat(199)}e\u0301` },
        { ifMatch: emoji.action.etag },
      ),
      200,
      ActionResultSchema,
    );
    expect(renamed.action.title).toBe(`${'🧭'.repeat(199)}é`);

    // A note keeps its lines: every kind of line break is stored as \n, tabs stay.
    const note = await ava.put(`${base}/note`, {
      text: 'one\u2028two\u2029three\r\nfour\rfive\tsix',
    });
    expect(note.status, JSON.stringify(note.body)).toBe(200);
    const view = expectBody(await ava.get(base), 200, ConversationViewSchema);
    expect(view.myNote?.text).toBe('one\ntwo\nthree\nfour\nfive\tsix');
    expect(view.conversation.agenda.some((item) => item.text === 'é'.repeat(280))).toBe(true);
    // A note of nothing but invisible characters is an empty note.
    const blank = await ava.put(`${base}/note`, { text: '\u200B\u2060 \uFEFF' }, { ifMatch: view.myNote!.etag });
    expect(blank.status, JSON.stringify(blank.body)).toBe(200);
    expect(expectBody(await ava.get(base), 200, ConversationViewSchema).myNote?.text).toBe('');

    // The career plan: focus areas and scenario are normalised the same way.
    const written = await ava.put(`plans/${avaId}/career-plan`, {
      aspiration: 'explore',
      focusAreas: ['Re\u0301sume\u0301 writing', '🌱'.repeat(80)],
      careerScenario: 'Nai\u0308ve first step',
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const plan = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
    expect(plan.careerPlan.focusAreas).toEqual(['Résumé writing', '🌱'.repeat(80)]);
    expect(plan.careerPlan.careerScenario).toBe('Naïve first step');
  });

  // Outside ids are hashed into fixed-length keys: the longest id the contract accepts fits Table Storage's keys.
  it('starts a conversation in a meeting whose id is as long as the contract allows', async () => {
    const eli = clientFor(stack, await stack.token('eli'));
    const started = await eli.post(`plans/${stack.person('eli').id}/conversations`, {
      type: 'job',
      meetingId: 'm'.repeat(MAX_TEAMS_ID_BYTES),
      chatId: 'c'.repeat(MAX_TEAMS_ID_BYTES),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
  });
});
