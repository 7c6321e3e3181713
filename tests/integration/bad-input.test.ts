import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema, MAX_BODY_BYTES, ProblemSchema } from '../../functions/src/contract';
import { clientFor, expectBody, type CallOptions, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let avaId: string;
let base: string;
let etag: string;
let benConversation: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  const added = await ava.post(`${base}/actions`, { title: 'First action', owner: 'employee', learningKind: 'formal' });
  etag = (added.body as { conversationEtag: string }).conversationEtag;
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
    options: () => json({ type: 'career', meetingId: 'm'.repeat(600) }),
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
