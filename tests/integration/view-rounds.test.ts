import { odata } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { ConversationViewSchema, MeetingPanelSchema } from '../../functions/src/contract';
import { PlanStore } from '../../functions/src/store';
import { benchOrgChart, startBenchStack, type BenchPerson, type BenchStack } from '../bench/stack';

/*
 * The view is one query: the plan's clock, its own rows and the conversation's. A conversation's carried
 * actions are fixed when it is made, so once they are known — this instance has seen the conversation,
 * or the meeting's link keeps them — they are read in that same query; otherwise in a second one after it.
 */

let stack: BenchStack;
const { chart, managers, reportsOf50 } = benchOrgChart();
const manager = managers[50];

beforeAll(async () => {
  stack = await startBenchStack(chart);
});
afterAll(async () => {
  await stack.close();
});

/** An agreed job conversation with one action, then a second that reviews it; each test has an employee of its own. */
async function twoConversations(employee: BenchPerson, meetingId?: string) {
  const api = inProcessApi(stack.services);
  const [token, managerToken] = [await stack.token(employee), await stack.token(manager)];
  const params = { employeeId: employee.id };
  const first = ConversationViewSchema.parse(
    (await api('conversations-post', { token, params, body: { type: 'job' } })).body,
  );
  const inFirst = { ...params, conversationId: first.conversation.id };
  await api('actions-post', {
    token,
    params: inFirst,
    body: { title: 'Lead the release', owner: 'employee', learningKind: 'onTheJob' },
  });
  const read = ConversationViewSchema.parse((await api('conversation-get', { token, params: inFirst })).body);
  for (const who of [token, managerToken])
    expect(
      (await api('conversation-agree', { token: who, params: inFirst, body: { revision: read.conversation.revision } }))
        .status,
    ).toBe(200);
  const second = ConversationViewSchema.parse(
    (await api('conversations-post', { token, params, body: { type: 'job', ...(meetingId ? { meetingId } : {}) } }))
      .body,
  );
  return { managerToken, inSecond: { ...params, conversationId: second.conversation.id } };
}

/** Another instance, which has not seen the conversation yet. */
function freshInstance() {
  return inProcessApi({ ...stack.services, plans: new PlanStore(stack.tables) });
}

describe('the conversation view', () => {
  it('reads the carried actions in the same query once the instance knows them, and shows the same view', async () => {
    const { managerToken, inSecond } = await twoConversations(reportsOf50[0]!);
    const other = freshInstance();
    const view = () => other('conversation-get', { token: managerToken, params: inSecond });
    const cold = await stack.counter.measure(view);
    const warm = await stack.counter.measure(view);
    // No validator to compare, so no clock of its own: the view's query, then the carried actions.
    expect(cold.requests).toBe(2);
    expect(cold.rounds).toBe(2);
    // One query.
    expect(warm.requests).toBe(1);
    expect(warm.rounds).toBe(1);
    const [coldView, warmView] = [cold.result.body, warm.result.body].map((body) => ConversationViewSchema.parse(body));
    expect(warmView!.carriedActions.map((action) => action.title)).toEqual(['Lead the release']);
    expect(warmView).toEqual(coldView);
    expect(warm.result.etag).toBe(cold.result.etag);
  });

  it('opens the side panel on an instance that never saw the conversation in 2 requests: the link, then one query', async () => {
    const meetingId = `rounds-${Date.now()}`;
    const { managerToken, inSecond } = await twoConversations(reportsOf50[1]!, meetingId);
    const panel = await stack.counter.measure(() =>
      freshInstance()('meetings-panel', { token: managerToken, query: { meetingId } }),
    );
    expect(panel.requests).toBe(2);
    expect(panel.rounds).toBe(2);
    const body = MeetingPanelSchema.parse(panel.result.body);
    expect(body.conversation?.carriedActions.map((action) => action.title)).toEqual(['Lead the release']);
    // The same view, and the same validator, as the conversation's own route gives.
    const direct = await freshInstance()('conversation-get', { token: managerToken, params: inSecond });
    expect(body.conversation).toEqual(ConversationViewSchema.parse(direct.body));
    expect(body.conversationEtag).toBe(direct.etag);
  });

  it('opens the side panel from a link kept before it listed the carried actions in 3 requests', async () => {
    const meetingId = `old-link-${Date.now()}`;
    const employee = reportsOf50[2]!;
    const { managerToken, inSecond } = await twoConversations(employee, meetingId);
    // A link as stored before it kept the carried actions.
    let rewritten = 0;
    for await (const link of stack.tables.links.listEntities({
      queryOptions: { filter: odata`RowKey eq ${employee.id} and conversationId eq ${inSecond.conversationId}` },
    })) {
      const { carried, etag, timestamp, partitionKey, rowKey, ...before } = link;
      expect(carried).toBeTypeOf('string');
      expect(timestamp).toBeTruthy();
      await stack.tables.links.updateEntity({ partitionKey: partitionKey!, rowKey: rowKey!, ...before }, 'Replace', {
        etag,
      });
      rewritten += 1;
    }
    expect(rewritten).toBe(1);
    const panel = await stack.counter.measure(() =>
      freshInstance()('meetings-panel', { token: managerToken, query: { meetingId } }),
    );
    expect(panel.requests).toBe(3);
    expect(panel.rounds).toBe(3);
    const body = MeetingPanelSchema.parse(panel.result.body);
    expect(body.conversation?.carriedActions.map((action) => action.title)).toEqual(['Lead the release']);
  });
});
