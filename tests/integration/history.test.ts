import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema, HistoryPageSchema, type ConversationSummary } from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { agreeByBoth } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

const TALKS = 25;
let stack: TestStack;
let ben: Client;
let morgan: Client;
let benId: string;
const created: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  ben = clientFor(stack, await stack.token('ben'));
  morgan = clientFor(stack, await stack.token('morgan'));
  benId = stack.person('ben').id;
  for (let index = 0; index < TALKS; index += 1) {
    const type = index % 5 === 4 ? 'career' : 'job';
    const view = expectBody(await morgan.post(`plans/${benId}/conversations`, { type }), 201, ConversationViewSchema);
    const base = `plans/${benId}/conversations/${view.conversation.id}`;
    const added = await ben.post(`${base}/actions`, {
      title: `Action of talk ${index + 1}`,
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    expect(added.status).toBe(201);
    expect((await agreeByBoth(stack, base, 'ben')).conversation.status).toBe('agreed');
    created.push(view.conversation.id);
  }
}, 120_000);
afterAll(() => stack.close());

describe('history paging', () => {
  it('pages newest first through continuation tokens, every conversation once', async () => {
    const seen: ConversationSummary[] = [];
    const sizes: number[] = [];
    let continuation: string | null = null;
    do {
      const query: string = continuation ? `?pageSize=10&continuation=${continuation}` : '?pageSize=10';
      const page = expectBody(await ben.get(`plans/${benId}/conversations${query}`), 200, HistoryPageSchema);
      sizes.push(page.items.length);
      seen.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen.map((item) => item.conversation.id)).toEqual([...created].reverse());
    const times = seen.map((item) => item.conversation.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    // Each summary holds its own actions, and only those.
    for (const item of seen) {
      expect(item.actions).toHaveLength(1);
      expect(item.actions[0]!.conversationId).toBe(item.conversation.id);
    }
  });

  it('filters by conversation type', async () => {
    const page = expectBody(
      await morgan.get(`plans/${benId}/conversations?type=career&pageSize=50`),
      200,
      HistoryPageSchema,
    );
    expect(page.items).toHaveLength(5);
    expect(page.items.every((item) => item.conversation.type === 'career')).toBe(true);
    expect(page.continuation).toBeNull();
  });

  it('carries the still-open actions of the same type into the next conversation, within the agenda’s limit', async () => {
    // Talks 5, 10, 15, 20 and 25 were career talks; the other twenty were job development.
    const job = expectBody(
      await morgan.post(`plans/${benId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const carried = job.conversation.agenda.filter((item) => item.source === 'carried');
    expect(carried).toHaveLength(20);
    expect(carried[0]!.text).toBe(`Action of talk ${TALKS - 1}`);
    expect(carried.map((item) => item.text)).not.toContain(`Action of talk ${TALKS}`);
    expect(job.carriedActions).toHaveLength(20);
    const career = expectBody(
      await morgan.post(`plans/${benId}/conversations`, { type: 'career' }),
      201,
      ConversationViewSchema,
    );
    expect(career.conversation.agenda.filter((item) => item.source === 'carried').map((item) => item.text)).toEqual(
      [25, 20, 15, 10, 5].map((talk) => `Action of talk ${talk}`),
    );
  });

  it('refuses a continuation token that is not one of ours', async () => {
    expectProblem(await ben.get(`plans/${benId}/conversations?continuation=${encodeURIComponent("' or 1 eq 1")}`), 400);
    expectProblem(await ben.get(`plans/${benId}/conversations?pageSize=500`), 400);
  });
});
