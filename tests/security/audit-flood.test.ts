import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrailSchema, ConversationViewSchema, type AuditTrail } from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type CallOptions, type Client } from '../support/client';
import { agreeByBoth, STALE_ETAG } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { auditRowsOf } from '../support/storage-probe';

const FLOOD = 300;

let stack: TestStack;
let ava: Client;
let morgan: Client;
let avaId: string;
let base: string;

beforeAll(async () => {
  stack = await startTestStack();
  ava = clientFor(stack, await stack.token('ava'));
  morgan = clientFor(stack, await stack.token('morgan'));
  avaId = stack.person('ava').id;
  const view = expectBody(await ava.post(`plans/${avaId}/conversations`, { type: 'job' }), 201, ConversationViewSchema);
  base = `plans/${avaId}/conversations/${view.conversation.id}`;
  await ava.post(`${base}/agenda`, { text: 'Mentoring the new joiners' });
  await ava.post(`${base}/actions`, { title: 'Mentor one new joiner', owner: 'employee', learningKind: 'fromOthers' });
});
afterAll(() => stack.close());

async function wholeTrail(
  client: Client,
  pageSize: number,
): Promise<{ pages: number; entries: AuditTrail['entries'] }> {
  const entries: AuditTrail['entries'] = [];
  let pages = 0;
  let continuation: string | null = null;
  do {
    const query = `pageSize=${pageSize}${continuation ? `&continuation=${continuation}` : ''}`;
    const page: AuditTrail = expectBody(await client.get(`plans/${avaId}/audit?${query}`), 200, AuditTrailSchema);
    pages += 1;
    expect(page.entries.length).toBeLessThanOrEqual(pageSize);
    entries.push(...page.entries);
    continuation = page.continuation;
    if (pages > 100) throw new Error('The trail never ended.');
  } while (continuation);
  return { pages, entries };
}

describe('the audit trail', () => {
  it('gets no row from a stranger hammering the plan, and still shows the employee’s own entries first', async () => {
    const mine = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    const rowsBefore = await auditRowsOf(stack, 'ava');
    expect(rowsBefore.length).toBe(mine.entries.length);
    expect(mine.entries.length).toBeGreaterThanOrEqual(3);

    // A peer tries every plan route in turn, many times over, in parallel waves: every request is refused.
    const ben = clientFor(stack, await stack.token('ben'));
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const attempts: [string, string, CallOptions][] = [
      ['GET', `plans/${avaId}`, {}],
      ['GET', `plans/${avaId}/audit`, {}],
      ['GET', `plans/${avaId}/export`, {}],
      ['DELETE', `plans/${avaId}`, {}],
      ['PUT', `plans/${avaId}/career-plan`, { body: { aspiration: 'moveUp', focusAreas: [], careerScenario: null } }],
      ['GET', `plans/${avaId}/conversations`, {}],
      ['POST', `plans/${avaId}/conversations`, { body: { type: 'career' } }],
      ['GET', base, {}],
      ['POST', `${base}/agenda`, { body: { text: 'Noise' } }],
      ['PATCH', `${base}/agenda/goals.learn`, { body: { discussed: true }, ifMatch: STALE_ETAG }],
      ['PATCH', `${base}/agenda/point.1`, { body: { text: 'Noise' }, ifMatch: STALE_ETAG }],
      ['DELETE', `${base}/agenda/point.1`, { ifMatch: STALE_ETAG }],
      ['PUT', `plans/${avaId}/next-conversation`, { body: { date: inAWeek, type: null } }],
      ['POST', `${base}/actions`, { body: { title: 'Noise', owner: 'employee', learningKind: 'formal' } }],
      ['PATCH', `${base}/actions/a1`, { body: { status: 'dropped' }, ifMatch: STALE_ETAG }],
      ['DELETE', `${base}/actions/a1`, {}],
      ['POST', `${base}/agree`, { body: { revision: 1 } }],
      ['DELETE', `${base}/agree`, {}],
      ['PUT', `${base}/note`, { body: { text: 'Noise' } }],
    ];
    const statuses: number[] = [];
    for (let wave = 0; wave < FLOOD / 20; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const [method, path, options] = attempts[(wave * 20 + index) % attempts.length]!;
          return ben.call(method, path, options);
        }),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    const rowsAfter = await auditRowsOf(stack, 'ava');
    const written = rowsAfter.filter((row) => !rowsBefore.includes(row)).length;
    const first = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    console.log(
      `audit flood: ${statuses.length} requests by a stranger, ${statuses.filter((status) => status !== 404).length} ` +
        `not answered 404, ${written} audit rows written; the employee's first page still holds ` +
        `${first.entries.filter((entry) => entry.actorRole !== 'none').length} of her ${mine.entries.length} entries`,
    );
    expect(statuses).toHaveLength(FLOOD);
    expect(statuses.filter((status) => status !== 404)).toEqual([]);
    expect(written).toBe(0);
    expect(first.entries).toEqual(mine.entries);
    expect(first.entries.filter((entry) => entry.actorRole === 'none')).toEqual([]);
  }, 60_000);

  it('pages through more than 200 entries with continuation tokens to the end: each entry once, newest first', async () => {
    // Over 200 entries, each with its own target: two drafts at a time, each filled to its limits, agreed, again.
    for (let round = 0; round < 2; round += 1) {
      for (const type of ['job', 'career'] as const) {
        const drafts = await ava.get(`plans/${avaId}`);
        const existing = (drafts.body as { summary: { drafts: Record<string, string | null> } }).summary.drafts[type];
        const id =
          existing ??
          expectBody(await ava.post(`plans/${avaId}/conversations`, { type }), 201, ConversationViewSchema).conversation
            .id;
        const path = `plans/${avaId}/conversations/${id}`;
        const view = expectBody(await ava.get(path), 200, ConversationViewSchema);
        const points = view.conversation.agenda.filter((item) => item.source === 'talkingPoint').length;
        for (let index = points; index < 25; index += 1) {
          expect((await ava.post(`${path}/agenda`, { text: `Point ${index + 1}` })).status).toBe(201);
        }
        for (let index = view.actions.length; index < 25; index += 1) {
          const added = await (index % 2 === 0 ? ava : morgan).post(`${path}/actions`, {
            title: `Action ${index + 1}`,
            owner: 'employee',
            learningKind: 'onTheJob',
          });
          expect(added.status).toBe(201);
        }
        expect((await agreeByBoth(stack, path, 'ava')).conversation.status).toBe('agreed');
      }
    }
    const stored = await auditRowsOf(stack, 'ava');
    expect(stored.length).toBeGreaterThan(200);

    const { pages, entries } = await wholeTrail(ava, 50);
    expect(pages).toBe(Math.ceil(stored.length / 50));
    expect(entries).toHaveLength(stored.length);
    const keys = entries.map((entry) => `${entry.at}|${entry.actorId}|${entry.action}|${entry.target ?? ''}`);
    expect(new Set(keys).size).toBe(entries.length);
    const times = entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    // The largest page holds 200; the trail is the same read that way.
    const large = await wholeTrail(ava, 200);
    expect(large.pages).toBe(Math.ceil(stored.length / 200));
    expect(large.entries).toEqual(entries);
    // Only the employee pages through it, and only with tokens the API made.
    expectProblem(await morgan.get(`plans/${avaId}/audit?pageSize=50`), 403);
    expectProblem(await ava.get(`plans/${avaId}/audit?pageSize=201`), 400);
    expectProblem(await ava.get(`plans/${avaId}/audit?continuation=${encodeURIComponent("z_' or 1 eq 1")}`), 400);
  }, 120_000);
});
