import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { ConversationViewSchema } from '../../functions/src/contract';
import { PlanStore } from '../../functions/src/store';
import { benchOrgChart, startBenchStack, type BenchStack } from '../bench/stack';

/*
 * A conversation's carried actions are fixed when it is made, so an instance that has seen the
 * conversation reads them beside it: the view costs the clock, then one parallel round.
 */

let stack: BenchStack;
const { chart, managers, reportsOf50 } = benchOrgChart();
const employee = reportsOf50[0]!;
const manager = managers[50];

beforeAll(async () => {
  stack = await startBenchStack(chart);
});
afterAll(async () => {
  await stack.close();
});

describe('the conversation view on an instance that has seen the conversation', () => {
  it('reads the carried actions beside the conversation, and shows the same view', async () => {
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
        (
          await api('conversation-agree', {
            token: who,
            params: inFirst,
            body: { revision: read.conversation.revision },
          })
        ).status,
      ).toBe(200);
    const second = ConversationViewSchema.parse(
      (await api('conversations-post', { token, params, body: { type: 'job' } })).body,
    );
    const inSecond = { ...params, conversationId: second.conversation.id };

    // Another instance, which has not seen the conversation yet.
    const other = inProcessApi({ ...stack.services, plans: new PlanStore(stack.tables) });
    const view = () => other('conversation-get', { token: managerToken, params: inSecond });
    const cold = await stack.counter.measure(view);
    const warm = await stack.counter.measure(view);
    expect(cold.requests).toBe(4);
    expect(cold.rounds).toBe(3);
    expect(warm.requests).toBe(4);
    expect(warm.rounds).toBe(2);
    const [coldView, warmView] = [cold.result.body, warm.result.body].map((body) => ConversationViewSchema.parse(body));
    expect(warmView!.carriedActions.map((action) => action.title)).toEqual(['Lead the release']);
    expect(warmView).toEqual(coldView);
  });
});
