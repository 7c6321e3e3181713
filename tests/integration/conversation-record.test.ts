import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationViewSchema,
  HistoryPageSchema,
  PlanViewSchema,
  PreparedPointsSchema,
  ProblemSchema,
  type ConversationView,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { agreeByBoth, startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * What a conversation leaves behind, over HTTP: notes under agenda items by both people, the
 * career plan in the room, talking points prepared beforehand, and actions that name a focus area.
 */

let stack: TestStack;
const as = async (name: string): Promise<Client> => clientFor(stack, await stack.token(name));

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

async function read(client: Client, base: string): Promise<ConversationView> {
  return expectBody(await client.get(base), 200, ConversationViewSchema);
}

describe('notes on agenda items', () => {
  it('holds one note per person under an item, each written by its author, seen by both, kept when agreed', async () => {
    const ava = await as('ava');
    const morgan = await as('morgan');
    const { base } = await startDraft(stack, 'ava', 'career');
    const itemId = (await read(ava, base)).conversation.agenda[0]!.id;
    const note = async (client: Client, text: string) => {
      const { conversation } = await read(client, base);
      return client.patch(`${base}/agenda/${itemId}`, { note: text }, { ifMatch: conversation.etag });
    };
    expectBody(await note(ava, 'Energised by the platform work\nless by on-call'), 200, AgendaItemResultSchema);
    expectBody(await note(morgan, 'Asked why: the pager at night'), 200, AgendaItemResultSchema);
    for (const client of [ava, morgan]) {
      const item = (await read(client, base)).conversation.agenda.find((entry) => entry.id === itemId)!;
      expect(item.notes?.map((entry) => [entry.role, entry.text])).toEqual([
        ['employee', 'Energised by the platform work\nless by on-call'],
        ['manager', 'Asked why: the pager at night'],
      ]);
    }
    // Writing a note is a change: a stale version is refused with the current one, nothing lost.
    const before = await read(ava, base);
    expect((await note(morgan, 'Asked why twice')).status).toBe(200);
    const stale = await ava.patch(
      `${base}/agenda/${itemId}`,
      { note: 'Overwrite?' },
      { ifMatch: before.conversation.etag },
    );
    expectProblem(stale, 412);
    expect(ConversationViewSchema.parse(ProblemSchema.parse(stale.body).current).conversation.revision).toBeGreaterThan(
      before.conversation.revision,
    );
    // Cap counted in characters, and the text policy applies.
    expectProblem(await note(ava, 'x'.repeat(1001)), 400);
    expectProblem(await note(ava, 'left\u202Eright'), 400);

    await ava.post(`${base}/actions`, { title: 'Shadow the platform lead', owner: 'employee' });
    const agreed = await agreeByBoth(stack, base, 'ava');
    const kept = agreed.conversation.agenda.find((entry) => entry.id === itemId)!;
    expect(kept.notes?.map((entry) => entry.text)).toEqual([
      'Energised by the platform work\nless by on-call',
      'Asked why twice',
    ]);
    expectProblem(await note(ava, 'After the fact'), 409);
    // The history carries what was said, item by item.
    const history = expectBody(await ava.get(`plans/${stack.person('ava').id}/conversations`), 200, HistoryPageSchema);
    const said = history.items.find((entry) => entry.conversation.id === agreed.conversation.id)?.notes;
    expect(said?.map((entry) => [entry.id, entry.notes?.map((written) => written.role)])).toEqual([
      [itemId, ['employee', 'manager']],
    ]);
    const markdown = await ava.get(`plans/${stack.person('ava').id}/export?format=markdown`);
    expect(markdown.body).toContain('  - Employee: Energised by the platform work');
    expect(markdown.body).toContain('  - Manager: Asked why twice');
  });
});

describe('the career plan in the room', () => {
  it('is part of every conversation view, and a change to it shows at the next poll', async () => {
    const eli = await as('eli');
    const dana = await as('dana');
    const { base, employeeId } = await startDraft(stack, 'eli', 'career');
    const first = await dana.get(base);
    expect(ConversationViewSchema.parse(first.body).careerPlan).toMatchObject({ aspiration: null, focusAreas: [] });
    expect(
      (
        await eli.put(`plans/${employeeId}/career-plan`, {
          aspiration: 'changePace',
          focusAreas: ['Public speaking'],
          careerScenario: null,
        })
      ).status,
    ).toBe(200);
    // Dana's poll with her last ETag is no longer a 304: the plan she sees changed.
    const polled = await dana.get(base, { headers: { 'if-none-match': first.etag! } });
    expect(polled.status).toBe(200);
    expect(ConversationViewSchema.parse(polled.body).careerPlan).toMatchObject({
      aspiration: 'changePace',
      focusAreas: ['Public speaking'],
    });
  });
});

describe('preparing the next conversation', () => {
  it('keeps prepared points with their authors and brings those of the kind into the next conversation', async () => {
    const ben = await as('ben');
    const morgan = await as('morgan');
    const eli = await as('eli');
    const benId = stack.person('ben').id;
    const path = `plans/${benId}/prepared`;
    expectBody(await ben.post(path, { text: 'Certification budget', type: 'job' }), 201, PreparedPointsSchema);
    expectBody(await morgan.post(path, { text: 'How the new rota feels' }), 201, PreparedPointsSchema);
    const all = expectBody(
      await ben.post(path, { text: 'Where I want to be in three years', type: 'career' }),
      201,
      PreparedPointsSchema,
    );
    expect(all.points.map((point) => [point.text, point.role, point.type])).toEqual([
      ['Certification budget', 'employee', 'job'],
      ['How the new rota feels', 'manager', null],
      ['Where I want to be in three years', 'employee', 'career'],
    ]);
    // A stranger can neither add nor see; nobody takes away another person's point.
    expectProblem(await eli.post(path, { text: 'Hello' }), 404);
    const managersPoint = all.points[1]!;
    expectProblem(await ben.call('DELETE', `${path}/${managersPoint.id}`), 403);
    expect(expectBody(await morgan.get(`plans/${benId}`), 200, PlanViewSchema).prepared).toHaveLength(3);

    // The job conversation takes the job point and the one for either kind, marked as prepared with their author.
    const job = expectBody(
      await morgan.post(`plans/${benId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const prepared = job.conversation.agenda.filter((item) => item.prepared);
    expect(prepared.map((item) => [item.text, item.authorId, item.sectionId])).toEqual([
      ['Certification budget', benId, 'talkingPoints'],
      ['How the new rota feels', stack.person('morgan').id, 'talkingPoints'],
    ]);
    const left = expectBody(await ben.get(`plans/${benId}`), 200, PlanViewSchema).prepared;
    expect(left.map((point) => point.text)).toEqual(['Where I want to be in three years']);
    // Its author takes the last one away.
    expect(expectBody(await ben.call('DELETE', `${path}/${left[0]!.id}`), 200, PreparedPointsSchema).points).toEqual(
      [],
    );
  });
});

describe('actions and focus areas', () => {
  it('lets an action name the focus area it serves, change it and clear it while a draft', async () => {
    const chloe = await as('chloe');
    const { base } = await startDraft(stack, 'chloe', 'job');
    const added = expectBody(
      await chloe.post(`${base}/actions`, {
        title: 'Run the next retro',
        owner: 'employee',
        learningKind: 'onTheJob',
        focusArea: 'Facilitation',
      }),
      201,
      ActionResultSchema,
    ).action;
    expect(added.focusArea).toBe('Facilitation');
    const changed = expectBody(
      await chloe.patch(`${base}/actions/${added.id}`, { focusArea: 'Leading people' }, { ifMatch: added.etag }),
      200,
      ActionResultSchema,
    ).action;
    expect(changed.focusArea).toBe('Leading people');
    const cleared = expectBody(
      await chloe.patch(`${base}/actions/${added.id}`, { focusArea: null }, { ifMatch: changed.etag }),
      200,
      ActionResultSchema,
    ).action;
    expect(cleared).not.toHaveProperty('focusArea');
  });
});
