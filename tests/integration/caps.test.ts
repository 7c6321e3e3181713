import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationChangeSchema,
  ConversationViewSchema,
  PlanViewSchema,
  PreparedPointsSchema,
  ProblemSchema,
  type ConversationView,
} from '../../functions/src/contract';
import { LIMITS, type PreparedPoint } from '../../functions/src/domain';
import { clientFor, expectBody, expectProblem, type ApiResponse, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * Caps count what is there (issue 20, defect 5): every cap of LIMITS that people fill (actions and
 * talking points per conversation, prepared points per plan) is filled, partly emptied, filled again,
 * and still refuses one beyond it — with nothing stored for the refusal. Numbers handed out are never
 * handed out again. Each cap has its own plan.
 */

let stack: TestStack;
const as = async (name: string): Promise<Client> => clientFor(stack, await stack.token(name));

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

/** A refusal at the cap: 422 with the cap's words, and not one row of any plan changed. */
async function refusedAtCap(attempt: () => Promise<ApiResponse>, words: RegExp): Promise<void> {
  const before = await stack.snapshot();
  const response = await attempt();
  expectProblem(response, 422);
  expect(ProblemSchema.parse(response.body).detail).toMatch(words);
  expect(await stack.snapshot()).toEqual(before);
}

async function read(client: Client, base: string): Promise<ConversationView> {
  return expectBody(await client.get(base), 200, ConversationViewSchema);
}

describe('actions per conversation', () => {
  it(`reproduces defect 5: ${LIMITS.actions} added, two removed, the view shows ${LIMITS.actions - 2}, and one more is added`, async () => {
    const { client: ava, base } = await startDraft(stack, 'ava', 'job');
    const add = (title: string) => ava.post(`${base}/actions`, { title, owner: 'employee', learningKind: 'onTheJob' });
    const ids: string[] = [];
    for (let index = 1; index <= LIMITS.actions; index += 1) {
      ids.push(expectBody(await add(`Action ${index}`), 201, ActionResultSchema).action.id);
    }
    await refusedAtCap(() => add('One too many'), new RegExp(`at most ${LIMITS.actions} actions`));
    for (const id of [ids[4]!, ids[11]!]) {
      expectBody(await ava.delete(`${base}/actions/${id}`), 200, ConversationChangeSchema);
    }
    expect((await read(ava, base)).actions).toHaveLength(LIMITS.actions - 2);

    // Room for two again, under numbers never handed out before.
    const again = [
      expectBody(await add('Room again'), 201, ActionResultSchema).action.id,
      expectBody(await add('And the last one'), 201, ActionResultSchema).action.id,
    ];
    expect(again).toEqual([`a${LIMITS.actions + 1}`, `a${LIMITS.actions + 2}`]);
    const view = await read(ava, base);
    expect(view.actions).toHaveLength(LIMITS.actions);
    expect(new Set(view.actions.map((action) => action.id)).size).toBe(LIMITS.actions);
    await refusedAtCap(() => add('Still one too many'), new RegExp(`at most ${LIMITS.actions} actions`));
  });

  it('counts an action dropped from the draft (it is still there until agreement removes it), not one removed', async () => {
    const { client: ben, base } = await startDraft(stack, 'ben', 'career');
    const added = [];
    for (let index = 1; index <= LIMITS.actions; index += 1) {
      added.push(
        expectBody(
          await ben.post(`${base}/actions`, { title: `Step ${index}`, owner: 'employee' }),
          201,
          ActionResultSchema,
        ).action,
      );
    }
    const first = added[0]!;
    expectBody(
      await ben.patch(`${base}/actions/${first.id}`, { status: 'dropped' }, { ifMatch: first.etag }),
      200,
      ActionResultSchema,
    );
    await refusedAtCap(
      () => ben.post(`${base}/actions`, { title: 'Over', owner: 'employee' }),
      new RegExp(`at most ${LIMITS.actions} actions`),
    );
    expectBody(await ben.delete(`${base}/actions/${first.id}`), 200, ConversationChangeSchema);
    expectBody(
      await ben.post(`${base}/actions`, { title: 'In its place', owner: 'employee' }),
      201,
      ActionResultSchema,
    );
  });

  it('counts the actions of a draft stored before the count was kept, once, from its rows', async () => {
    const { client: chloe, base, view } = await startDraft(stack, 'chloe', 'career');
    const ids: string[] = [];
    for (let index = 1; index <= LIMITS.actions; index += 1) {
      ids.push(
        expectBody(
          await chloe.post(`${base}/actions`, { title: `Idea ${index}`, owner: 'employee' }),
          201,
          ActionResultSchema,
        ).action.id,
      );
    }
    for (const id of ids.slice(0, 3))
      expectBody(await chloe.delete(`${base}/actions/${id}`), 200, ConversationChangeSchema);
    // The row as an older release wrote it: no count beside the sequence.
    const chloePerson = stack.person('chloe');
    const partitionKey = `${chloePerson.tenantId}_${chloePerson.id}`;
    const rowKey = `c_${view.conversation.id}`;
    const {
      etag: _etag,
      timestamp: _timestamp,
      actionCount,
      ...older
    } = await stack.tables.plans.getEntity(partitionKey, rowKey);
    expect(actionCount).toBe(LIMITS.actions - 3);
    await stack.tables.plans.updateEntity({ ...older, partitionKey, rowKey }, 'Replace');

    for (let index = 0; index < 3; index += 1) {
      expectBody(
        await chloe.post(`${base}/actions`, { title: `Back ${index}`, owner: 'employee' }),
        201,
        ActionResultSchema,
      );
    }
    await refusedAtCap(
      () => chloe.post(`${base}/actions`, { title: 'Over', owner: 'employee' }),
      new RegExp(`at most ${LIMITS.actions} actions`),
    );
    expect((await stack.tables.plans.getEntity(partitionKey, rowKey)).actionCount).toBe(LIMITS.actions);
  });
});

describe('talking points per conversation', () => {
  it(`fills ${LIMITS.talkingPoints}, takes two off, adds two, and refuses one beyond`, async () => {
    const { client: eli, base } = await startDraft(stack, 'eli', 'job');
    const dana = await as('dana');
    const add = (client: Client, text: string) => client.post(`${base}/agenda`, { text });
    for (let index = 1; index <= LIMITS.talkingPoints; index += 1) {
      expectBody(await add(index % 2 ? eli : dana, `Point ${index}`), 201, AgendaItemResultSchema);
    }
    await refusedAtCap(() => add(eli, 'One too many'), new RegExp(`at most ${LIMITS.talkingPoints} talking points`));
    let etag = (await read(eli, base)).conversation.etag;
    for (const id of ['point.1', 'point.3']) {
      etag = expectBody(await eli.delete(`${base}/agenda/${id}`, { ifMatch: etag }), 200, ConversationChangeSchema)
        .conversation.etag;
    }
    const again = [
      expectBody(await add(dana, 'Room again'), 201, AgendaItemResultSchema).item.id,
      expectBody(await add(eli, 'And the last one'), 201, AgendaItemResultSchema).item.id,
    ];
    expect(again).toEqual([`point.${LIMITS.talkingPoints + 1}`, `point.${LIMITS.talkingPoints + 2}`]);
    const points = (await read(eli, base)).conversation.agenda.filter((item) => item.source === 'talkingPoint');
    expect(points).toHaveLength(LIMITS.talkingPoints);
    await refusedAtCap(() => add(dana, 'Still too many'), new RegExp(`at most ${LIMITS.talkingPoints} talking points`));
  });
});

describe('prepared points per plan', () => {
  it(`fills ${LIMITS.preparedPoints}, takes one back, prepares one more, and refuses one beyond`, async () => {
    const morgan = await as('morgan');
    const sam = await as('sam');
    const path = `plans/${stack.person('morgan').id}/prepared`;
    expect(expectBody(await morgan.get(`plans/${stack.person('morgan').id}`), 200, PlanViewSchema).prepared).toEqual(
      [],
    );
    let points: PreparedPoint[] = [];
    for (let index = 1; index <= LIMITS.preparedPoints; index += 1) {
      points = expectBody(
        await (index % 2 ? morgan : sam).post(path, { text: `Prepared ${index}` }),
        201,
        PreparedPointsSchema,
      ).points;
    }
    const full = new RegExp(`Up to ${LIMITS.preparedPoints} points`);
    await refusedAtCap(() => morgan.post(path, { text: 'One too many' }), full);
    const mine = points.find((point) => point.text === 'Prepared 3')!;
    expect(expectBody(await morgan.delete(`${path}/${mine.id}`), 200, PreparedPointsSchema).points).toHaveLength(
      LIMITS.preparedPoints - 1,
    );
    const refilled = expectBody(await sam.post(path, { text: 'Room again' }), 201, PreparedPointsSchema).points;
    expect(refilled).toHaveLength(LIMITS.preparedPoints);
    expect(new Set(refilled.map((point) => point.id)).size).toBe(LIMITS.preparedPoints);
    await refusedAtCap(() => sam.post(path, { text: 'Still too many' }), full);
  });
});

describe('notes', () => {
  it('have no count to outgrow: one per person per item, taken away and written again at will', async () => {
    const { client: dana, base, view } = await startDraft(stack, 'dana', 'job');
    const item = view.conversation.agenda[0]!;
    let etag = view.conversation.etag;
    for (const note of ['First thoughts', '', 'Second thoughts', '', 'Third thoughts']) {
      etag = expectBody(
        await dana.patch(`${base}/agenda/${item.id}`, { note }, { ifMatch: etag }),
        200,
        AgendaItemResultSchema,
      ).conversationEtag;
    }
    const notes = (await read(dana, base)).conversation.agenda.find((entry) => entry.id === item.id)?.notes;
    expect(notes?.map((note) => note.text)).toEqual(['Third thoughts']);
  });
});
