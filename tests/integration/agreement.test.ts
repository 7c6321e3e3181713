import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationChangeSchema,
  ConversationViewSchema,
  ExportSchema,
  HistoryPageSchema,
  PlanViewSchema,
  ProblemSchema,
  type ActionView,
  type ConversationView,
} from '../../functions/src/contract';
import type { ConversationType, LearningKind, Owner } from '../../functions/src/domain';
import { clientFor, expectBody, expectProblem, type ApiResponse, type Client } from '../support/client';
import { agreeByBoth, startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { everyRow } from '../support/storage-probe';

/*
 * The agreement by both people, over HTTP: each confirms the revision they saw, a change withdraws a
 * confirmation, the second confirmation of the same revision agrees, and the agreed conversation is a
 * record that neither person can bend afterwards. Each pair has its own plan, so the tests stand alone.
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

async function addAction(
  client: Client,
  base: string,
  title: string,
  owner: Owner,
  learningKind: LearningKind = 'onTheJob',
): Promise<ActionView> {
  return expectBody(await client.post(`${base}/actions`, { title, owner, learningKind }), 201, ActionResultSchema)
    .action;
}

async function confirm(client: Client, base: string, revision: number): Promise<ConversationView> {
  return expectBody(await client.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
}

/**
 * Makes an attempt that must be refused with `status`, and proves that it wrote nothing: every row of
 * both tables, audit rows included, is as it was (`stack.snapshot()` as well, which leaves audit rows out).
 */
async function refusedWithoutChange(
  label: string,
  status: number | readonly number[],
  attempt: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const [rows, snapshot] = [await everyRow(stack), await stack.snapshot()];
  const response = await attempt();
  const allowed = typeof status === 'number' ? [status] : status;
  expect(allowed, `${label}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
  expectProblem(response, response.status);
  expect(await everyRow(stack), label).toEqual(rows);
  expect(await stack.snapshot(), label).toEqual(snapshot);
  return response;
}

function detailOf(response: ApiResponse): string {
  return ProblemSchema.parse(response.body).detail;
}

describe('an agreed conversation is a record', () => {
  it('refuses every way to change what was agreed, and lets each owner move only their own actions', async () => {
    const ava = await as('ava');
    const morgan = await as('morgan');
    const { base } = await startDraft(stack, 'ava', 'job');
    const mine = await addAction(ava, base, 'Lead the design review', 'employee');
    const second = await addAction(ava, base, 'Write the onboarding guide', 'employee', 'formal');
    const morgans = await addAction(morgan, base, 'Introduce Ava to the architects', 'manager', 'fromOthers');
    const dropped = await addAction(ava, base, 'Rewrite the build system', 'employee');
    const droppedEtag = expectBody(
      await morgan.patch(`${base}/actions/${dropped.id}`, { status: 'dropped' }, { ifMatch: dropped.etag }),
      200,
      ActionResultSchema,
    ).action.etag;
    const agreed = await agreeByBoth(stack, base, 'ava');
    expect(agreed.conversation.status).toBe('agreed');
    // The action dropped before agreeing is not part of the record: it is gone.
    expect(agreed.actions.map((action) => action.id).sort()).toEqual([mine.id, second.id, morgans.id].sort());
    const etag = (id: string) => agreed.actions.find((action) => action.id === id)!.etag;

    // Bring back the action dropped before agreeing: it was deleted at agreement (404), or is no part of the record (409).
    for (const [who, client] of [
      ['the employee', ava],
      ['the manager', morgan],
    ] as const) {
      await refusedWithoutChange(`${who} reopens the action dropped before agreeing`, [404, 409], () =>
        client.patch(`${base}/actions/${dropped.id}`, { status: 'open' }, { ifMatch: droppedEtag }),
      );
      await refusedWithoutChange(`${who} renames the action dropped before agreeing`, [404, 409], () =>
        client.patch(`${base}/actions/${dropped.id}`, { title: 'Back again' }, { ifMatch: droppedEtag }),
      );
      await refusedWithoutChange(`${who} deletes the action dropped before agreeing`, [404, 409], () =>
        client.delete(`${base}/actions/${dropped.id}`),
      );
    }
    // The manager drops the employee's action; the employee drops, or closes, the manager's.
    const managerDrops = await refusedWithoutChange('the manager drops the employee’s action', 403, () =>
      morgan.patch(`${base}/actions/${mine.id}`, { status: 'dropped' }, { ifMatch: etag(mine.id) }),
    );
    expect(ProblemSchema.parse(managerDrops.body).title).toMatch(/Only the employee/);
    expect(detailOf(managerDrops)).toMatch(/propose a status/);
    await refusedWithoutChange('the manager closes the employee’s action', 403, () =>
      morgan.patch(`${base}/actions/${mine.id}`, { status: 'done' }, { ifMatch: etag(mine.id) }),
    );
    const employeeDrops = await refusedWithoutChange('the employee drops the manager’s action', 403, () =>
      ava.patch(`${base}/actions/${morgans.id}`, { status: 'dropped' }, { ifMatch: etag(morgans.id) }),
    );
    expect(ProblemSchema.parse(employeeDrops.body).title).toMatch(/Only the manager/);
    await refusedWithoutChange('the employee closes the manager’s action', 403, () =>
      ava.patch(`${base}/actions/${morgans.id}`, { status: 'done' }, { ifMatch: etag(morgans.id) }),
    );
    // Anything new belongs in the next conversation; owners, titles, kinds and dates stay as agreed.
    for (const [who, client] of [
      ['the employee', ava],
      ['the manager', morgan],
    ] as const) {
      await refusedWithoutChange(`${who} adds an action`, 409, () =>
        client.post(`${base}/actions`, { title: 'One more thing', owner: 'employee', learningKind: 'formal' }),
      );
      await refusedWithoutChange(`${who} removes an agreed action`, 409, () =>
        client.delete(`${base}/actions/${second.id}`),
      );
      await refusedWithoutChange(`${who} hands the employee’s action to the manager`, 409, () =>
        client.patch(`${base}/actions/${mine.id}`, { owner: 'manager' }, { ifMatch: etag(mine.id) }),
      );
      await refusedWithoutChange(`${who} hands the manager’s action to the employee`, 409, () =>
        client.patch(`${base}/actions/${morgans.id}`, { owner: 'employee' }, { ifMatch: etag(morgans.id) }),
      );
      await refusedWithoutChange(`${who} renames an action`, 409, () =>
        client.patch(`${base}/actions/${mine.id}`, { title: 'Lead a smaller review' }, { ifMatch: etag(mine.id) }),
      );
      await refusedWithoutChange(`${who} changes the kind of learning`, 409, () =>
        client.patch(`${base}/actions/${second.id}`, { learningKind: 'onTheJob' }, { ifMatch: etag(second.id) }),
      );
      await refusedWithoutChange(`${who} moves a due date`, 409, () =>
        client.patch(`${base}/actions/${second.id}`, { dueDate: '2027-01-31' }, { ifMatch: etag(second.id) }),
      );
      // A status change smuggled in with a detail is refused as a whole, even by the owner.
      await refusedWithoutChange(`${who} closes and renames at once`, 409, () =>
        client.patch(
          `${base}/actions/${second.id}`,
          { status: 'done', title: 'Wrote a guide' },
          { ifMatch: etag(second.id) },
        ),
      );
      await refusedWithoutChange(`${who} adds a talking point`, 409, () =>
        client.post(`${base}/agenda`, { text: 'Late point' }),
      );
      await refusedWithoutChange(`${who} ticks an item`, 409, () =>
        client.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: agreed.conversation.etag }),
      );
      await refusedWithoutChange(`${who} proposes a status in the agreed review`, 409, () =>
        client.patch(`${base}/agenda/goals.learn`, { proposal: 'done' }, { ifMatch: agreed.conversation.etag }),
      );
      await refusedWithoutChange(`${who} confirms again`, 409, () =>
        client.post(`${base}/agree`, { revision: agreed.conversation.revision }),
      );
      await refusedWithoutChange(`${who} takes the agreement back`, 409, () => client.delete(`${base}/agree`));
    }

    // What stays open to each person: their own actions' status, in both directions.
    const done = expectBody(
      await ava.patch(`${base}/actions/${mine.id}`, { status: 'done' }, { ifMatch: etag(mine.id) }),
      200,
      ActionResultSchema,
    );
    expect(done.action).toMatchObject({ status: 'done', statusChangedBy: stack.person('ava').id });
    const reopened = expectBody(
      await ava.patch(`${base}/actions/${mine.id}`, { status: 'open' }, { ifMatch: done.action.etag }),
      200,
      ActionResultSchema,
    );
    expect(reopened.action.statusHistory?.map((entry) => entry.status)).toEqual(['done', 'open']);
    expectBody(
      await morgan.patch(`${base}/actions/${morgans.id}`, { status: 'dropped' }, { ifMatch: etag(morgans.id) }),
      200,
      ActionResultSchema,
    );
    const after = await read(ava, base);
    expect(after.actions.map((action) => [action.id, action.owner, action.status]).sort()).toEqual(
      [
        [mine.id, 'employee', 'open'],
        [second.id, 'employee', 'open'],
        [morgans.id, 'manager', 'dropped'],
      ].sort(),
    );
    expect(after.conversation.snapshot?.ownership).toEqual({ employee: 2, manager: 1 });
  });

  it('refuses done before agreement, and a proposal for an item that is not an earlier action', async () => {
    const ava = await as('ava');
    const { base } = await startDraft(stack, 'ava', 'career');
    const action = await addAction(ava, base, 'Interview two product managers', 'employee');
    const early = await refusedWithoutChange('done before agreement', 422, () =>
      ava.patch(`${base}/actions/${action.id}`, { status: 'done' }, { ifMatch: action.etag }),
    );
    expect(detailOf(early)).toMatch(/agreed/);
    const view = await read(ava, base);
    await refusedWithoutChange('a proposal for a template item', 422, () =>
      ava.patch(
        `${base}/agenda/${view.conversation.agenda[0]!.id}`,
        { proposal: 'done' },
        { ifMatch: view.conversation.etag },
      ),
    );
  });
});

describe('confirming a revision', () => {
  it('refuses a revision that is no longer current with 412 and the current view, and changes nothing', async () => {
    const ben = await as('ben');
    const morgan = await as('morgan');
    const { base } = await startDraft(stack, 'ben', 'career');
    await addAction(ben, base, 'Shadow a product manager', 'employee');
    const seen = await read(ben, base);
    // Morgan changes the plan after Ben read it.
    await addAction(morgan, base, 'Introduce Ben to the product team', 'manager', 'fromOthers');
    await addAction(ben, base, 'Read two product specs', 'employee');
    for (const [label, revision] of [
      ['the revision Ben read', seen.conversation.revision],
      ['a revision from the future', seen.conversation.revision + 5],
    ] as const) {
      const stale = await refusedWithoutChange(label, 412, () => ben.post(`${base}/agree`, { revision }));
      const current = ConversationViewSchema.parse(ProblemSchema.parse(stale.body).current);
      expect(current.conversation.revision).toBe(seen.conversation.revision + 2);
      expect(current.actions).toHaveLength(3);
      expect(current.conversation.confirmations).toEqual([]);
      expect(current.conversation.status).toBe('draft');
    }
    // Confirming what is current works, and repeating it is a no-op that writes nothing.
    const latest = await read(ben, base);
    const confirmed = await confirm(ben, base, latest.conversation.revision);
    expect(confirmed.conversation.confirmations).toMatchObject([
      { role: 'employee', by: stack.person('ben').id, revision: latest.conversation.revision },
    ]);
    const rows = await everyRow(stack);
    const again = await confirm(ben, base, latest.conversation.revision);
    expect(again.conversation.confirmations).toEqual(confirmed.conversation.confirmations);
    expect(await everyRow(stack)).toEqual(rows);
    // The body carries the revision: without it, or with something else, nothing is confirmed.
    await refusedWithoutChange('no revision', 400, () => morgan.post(`${base}/agree`, {}));
    await refusedWithoutChange('a revision that is not a number', 400, () =>
      morgan.post(`${base}/agree`, { revision: String(latest.conversation.revision) }),
    );
    await refusedWithoutChange('no body at all', 415, () => morgan.post(`${base}/agree`));
  });

  it('lets nobody but the pair confirm or take back a confirmation (404), even when one person has confirmed', async () => {
    const ben = await as('ben');
    const { base, employeeId } = await startDraft(stack, 'ben', 'job');
    await addAction(ben, base, 'Own the release checklist', 'employee');
    const current = await read(ben, base);
    const revision = current.conversation.revision;
    // Ben has confirmed: a second confirmation of this revision by anyone counted would agree the conversation.
    await confirm(ben, base, revision);
    const missing = await (
      await as('dana')
    ).post(`plans/00000000-0000-4000-8000-000000000000/conversations/${current.conversation.id}/agree`, {
      revision,
    });
    for (const [who, name] of [
      ['a peer', 'ava'],
      ['another peer', 'chloe'],
      ['the skip-level manager', 'sam'],
      ['another manager', 'dana'],
      ['an administrator', 'admin'],
      ['the same object id in another tenant', 'fabrikam-ava'],
    ] as const) {
      const client = await as(name);
      const refused = await refusedWithoutChange(`${who} confirms`, 404, () =>
        client.post(`${base}/agree`, { revision }),
      );
      // The same answer as for a plan that does not exist.
      expect(refused.body, who).toEqual(missing.body);
      await refusedWithoutChange(`${who} takes Ben’s confirmation back`, 404, () => client.delete(`${base}/agree`));
    }
    const after = await read(ben, base);
    expect(after.conversation.status).toBe('draft');
    expect(after.conversation.confirmations.map((entry) => entry.by)).toEqual([employeeId]);
    // The manager's confirmation is the one that agrees.
    const agreed = await confirm(await as('morgan'), base, revision);
    expect(agreed.conversation).toMatchObject({ status: 'agreed', agreedBy: stack.person('morgan').id });
  });

  it('withdraws a confirmation when the plan changes, says who changed what, and agrees when both confirm the new revision', async () => {
    const eli = await as('eli');
    const dana = await as('dana');
    const { base } = await startDraft(stack, 'eli', 'job');
    const first = await addAction(eli, base, 'Run the sprint demo', 'employee');
    await addAction(eli, base, 'Pair with Dana on estimates', 'employee', 'fromOthers');
    const byEli = { by: stack.person('eli').id, role: 'employee' };
    const byDana = { by: stack.person('dana').id, role: 'manager' };

    // Each kind of change to the draft's content, by one person after the other confirmed.
    const changes: {
      kind: string;
      confirmer: Client;
      confirmerRole: 'employee' | 'manager';
      changer: typeof byEli;
      change: (view: ConversationView) => Promise<ApiResponse>;
    }[] = [
      {
        kind: 'action.add',
        confirmer: eli,
        confirmerRole: 'employee',
        changer: byDana,
        change: () =>
          dana.post(`${base}/actions`, {
            title: 'Book the estimation workshop',
            owner: 'manager',
            learningKind: 'formal',
          }),
      },
      {
        kind: 'action.change',
        confirmer: dana,
        confirmerRole: 'manager',
        changer: byEli,
        change: (view) =>
          eli.patch(
            `${base}/actions/${first.id}`,
            { title: 'Run the sprint demo twice' },
            { ifMatch: view.actions.find((action) => action.id === first.id)!.etag },
          ),
      },
      {
        kind: 'agenda.tick',
        confirmer: eli,
        confirmerRole: 'employee',
        changer: byDana,
        change: (view) =>
          dana.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: view.conversation.etag }),
      },
      {
        kind: 'agenda.add',
        confirmer: dana,
        confirmerRole: 'manager',
        changer: byEli,
        change: () => eli.post(`${base}/agenda`, { text: 'Can I present at the all-hands?' }),
      },
      {
        kind: 'action.remove',
        confirmer: eli,
        confirmerRole: 'employee',
        changer: byDana,
        change: (view) =>
          dana.delete(`${base}/actions/${view.actions.find((action) => action.owner === 'manager')!.id}`),
      },
    ];
    for (const entry of changes) {
      const before = await read(eli, base);
      const confirmed = await confirm(entry.confirmer, base, before.conversation.revision);
      expect(confirmed.conversation.confirmations.map((confirmation) => confirmation.role)).toEqual([
        entry.confirmerRole,
      ]);
      // A private note is nobody else's business: writing one withdraws nothing.
      const other = entry.confirmer === eli ? dana : eli;
      const ownNote = (await read(other, base)).myNote;
      const note = await other.put(
        `${base}/note`,
        { text: `Before ${entry.kind}` },
        ownNote ? { ifMatch: ownNote.etag } : {},
      );
      expect(note.status, JSON.stringify(note.body)).toBe(200);
      expect((await read(eli, base)).conversation.confirmations).toHaveLength(1);

      const changed = await entry.change(confirmed);
      expect(changed.status, `${entry.kind}: ${JSON.stringify(changed.body)}`).toBeLessThan(300);
      const after = await read(dana, base);
      expect(after.conversation.revision, entry.kind).toBeGreaterThan(before.conversation.revision);
      expect(after.conversation.confirmations, entry.kind).toEqual([]);
      expect(after.conversation.withdrawal, entry.kind).toMatchObject({
        roles: [entry.confirmerRole],
        ...entry.changer,
        kind: entry.kind,
      });
      expect(after.conversation.lastChange, entry.kind).toMatchObject({ ...entry.changer, kind: entry.kind });
      // The old revision can no longer be confirmed by anyone.
      await refusedWithoutChange(`confirming the withdrawn revision after ${entry.kind}`, 412, () =>
        other.post(`${base}/agree`, { revision: before.conversation.revision }),
      );
    }

    // Taking one's own confirmation back: only one's own, and only when there is one.
    const current = await read(eli, base);
    await confirm(eli, base, current.conversation.revision);
    await refusedWithoutChange('the manager takes back a confirmation she never gave', 409, () =>
      dana.delete(`${base}/agree`),
    );
    const takenBack = expectBody(await eli.delete(`${base}/agree`), 200, ConversationChangeSchema);
    expect(takenBack.conversation.confirmations).toEqual([]);
    expect(takenBack.conversation.revision).toBe(current.conversation.revision);
    await refusedWithoutChange('taking it back twice', 409, () => eli.delete(`${base}/agree`));

    // Both confirm the same, current revision: agreed, in that order or the other.
    const waiting = await confirm(dana, base, current.conversation.revision);
    expect(waiting.conversation.status).toBe('draft');
    expect(waiting.conversation.withdrawal?.roles ?? []).not.toContain('manager');
    const agreed = await confirm(eli, base, current.conversation.revision);
    expect(agreed.conversation).toMatchObject({ status: 'agreed', agreedBy: stack.person('eli').id });
    expect(agreed.conversation.withdrawal).toBeUndefined();
    expect(agreed.conversation.snapshot?.actions.map((action) => action.title).sort()).toEqual([
      'Pair with Dana on estimates',
      'Run the sprint demo twice',
    ]);
  });

  it('agrees when both people confirm the same revision at the same moment, without a false conflict', async () => {
    const dana = await as('dana');
    const eli = await as('eli');
    // Both requests leave together, three times over: whichever lands second decides again on what the first wrote.
    for (let round = 1; round <= 3; round += 1) {
      const { base } = await startDraft(stack, 'eli', 'career');
      await addAction(eli, base, `Map the roles two levels up, round ${round}`, 'employee');
      const { revision } = (await read(eli, base)).conversation;
      const answers = await Promise.all([
        eli.post(`${base}/agree`, { revision }),
        dana.post(`${base}/agree`, { revision }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const after = await read(dana, base);
      expect(after.conversation.status).toBe('agreed');
      expect(after.conversation.confirmations.map((entry) => entry.role).sort()).toEqual(['employee', 'manager']);
    }
  });

  it('checks the ownership rule at each confirmation, the first and the second', async () => {
    const morgan = await as('morgan');
    const sam = await as('sam');
    const { base, employeeId } = await startDraft(stack, 'morgan', 'job');
    await addAction(morgan, base, 'Coach two new leads', 'employee');
    await addAction(sam, base, 'Sponsor the leadership course', 'manager', 'formal');
    // A tie: refused to either person, first or second.
    let view = await read(morgan, base);
    for (const [who, client] of [
      ['the employee first', morgan],
      ['the manager first', sam],
    ] as const) {
      const refused = await refusedWithoutChange(`${who} confirms a tie`, 422, () =>
        client.post(`${base}/agree`, { revision: view.conversation.revision }),
      );
      expect(detailOf(refused)).toMatch(/manager owns 1 action and the employee 1/);
    }
    // With one more action for the employee, Morgan confirms; then Sam takes an action over: the confirmation
    // lapses, and the new revision, which breaks the rule, cannot be confirmed by either.
    const third = await addAction(morgan, base, 'Write the team charter', 'employee', 'formal');
    view = await read(morgan, base);
    await confirm(morgan, base, view.conversation.revision);
    expectBody(
      await sam.patch(`${base}/actions/${third.id}`, { owner: 'manager' }, { ifMatch: third.etag }),
      200,
      ActionResultSchema,
    );
    view = await read(morgan, base);
    expect(view.conversation.confirmations).toEqual([]);
    expect(view.ownership).toMatchObject({ employee: 1, manager: 2, satisfied: false });
    for (const [who, client] of [
      ['the manager', sam],
      ['the employee', morgan],
    ] as const) {
      await refusedWithoutChange(`${who} confirms a revision that breaks the rule`, 422, () =>
        client.post(`${base}/agree`, { revision: view.conversation.revision }),
      );
    }
    // The second confirmation checks the rule again by itself. No route changes an action without moving the
    // revision, so the stored action is changed underneath (as a future bug might): Sam's confirmation of the
    // revision Morgan confirmed must still be refused.
    expectBody(
      await sam.patch(
        `${base}/actions/${third.id}`,
        { owner: 'employee' },
        { ifMatch: view.actions.find((a) => a.id === third.id)!.etag },
      ),
      200,
      ActionResultSchema,
    );
    view = await read(morgan, base);
    await confirm(morgan, base, view.conversation.revision);
    const partition = `${stack.person('morgan').tenantId}_${employeeId}`;
    await stack.tables.plans.updateEntity(
      { partitionKey: partition, rowKey: `c_${view.conversation.id}_${third.id}`, owner: 'manager' },
      'Merge',
    );
    const refused = await refusedWithoutChange(
      'the second confirmation of a revision whose actions break the rule',
      422,
      () => sam.post(`${base}/agree`, { revision: view.conversation.revision }),
    );
    expect(detailOf(refused)).toMatch(/manager owns 2 actions and the employee 1/);
    expect((await read(morgan, base)).conversation.status).toBe('draft');
  });
});

describe('the snapshot of an agreed conversation', () => {
  let chloe: Client;
  let morgan: Client;
  let chloeId: string;
  let first: ConversationView;
  let second: ConversationView;
  let career: ConversationView;

  async function draftWith(type: ConversationType, actions: [string, Owner][]): Promise<string> {
    const view = expectBody(await chloe.post(`plans/${chloeId}/conversations`, { type }), 201, ConversationViewSchema);
    const base = `plans/${chloeId}/conversations/${view.conversation.id}`;
    for (const [title, owner] of actions) await addAction(owner === 'employee' ? chloe : morgan, base, title, owner);
    return base;
  }

  beforeAll(async () => {
    chloe = await as('chloe');
    morgan = await as('morgan');
    chloeId = stack.person('chloe').id;
  });

  it('keeps the career plan as it stood and the ownership balance, whatever happens to the plan afterwards', async () => {
    const plan = expectBody(await chloe.get(`plans/${chloeId}`), 200, PlanViewSchema);
    expect(
      (
        await chloe.put(
          `plans/${chloeId}/career-plan`,
          { aspiration: 'growInRole', focusAreas: ['Test automation'], careerScenario: null },
          plan.careerPlan.etag ? { ifMatch: plan.careerPlan.etag } : {},
        )
      ).status,
    ).toBe(200);
    const base = await draftWith('job', [
      ['Automate the billing smoke tests', 'employee'],
      ['Pair with Ben on flaky tests', 'employee'],
      ['Book a testing conference', 'manager'],
      ['Rewrite the test runner', 'employee'],
    ]);
    let view = await read(chloe, base);
    const rewrite = view.actions.find((action) => action.title === 'Rewrite the test runner')!;
    expectBody(
      await chloe.patch(`${base}/actions/${rewrite.id}`, { status: 'dropped' }, { ifMatch: rewrite.etag }),
      200,
      ActionResultSchema,
    );
    first = await agreeByBoth(stack, base, 'chloe');
    const snapshot = first.conversation.snapshot!;
    expect(snapshot).toMatchObject({
      conversationId: first.conversation.id,
      agreedAt: first.conversation.agreedAt,
      careerPlan: { aspiration: 'growInRole', focusAreas: ['Test automation'], careerScenario: null },
      ownership: { employee: 2, manager: 1 },
      review: [],
    });
    expect(snapshot.actions.map((action) => [action.title, action.owner]).sort()).toEqual([
      ['Automate the billing smoke tests', 'employee'],
      ['Book a testing conference', 'manager'],
      ['Pair with Ben on flaky tests', 'employee'],
    ]);

    // Afterwards the employee rewrites her career plan and drops one of her own actions.
    const written = expectBody(await chloe.get(`plans/${chloeId}`), 200, PlanViewSchema);
    expect(
      (
        await chloe.put(
          `plans/${chloeId}/career-plan`,
          {
            aspiration: 'moveSideways',
            focusAreas: ['Test automation', 'Platform'],
            careerScenario: 'Platform engineer',
          },
          { ifMatch: written.careerPlan.etag! },
        )
      ).status,
    ).toBe(200);
    const pair = first.actions.find((action) => action.title === 'Pair with Ben on flaky tests')!;
    expectBody(
      await chloe.patch(`${base}/actions/${pair.id}`, { status: 'dropped' }, { ifMatch: pair.etag }),
      200,
      ActionResultSchema,
    );
    view = await read(morgan, base);
    expect(view.conversation.snapshot).toEqual(snapshot);
    expect(view.ownership).toEqual({ employee: 2, manager: 1, satisfied: true });
    const history = expectBody(await morgan.get(`plans/${chloeId}/conversations?type=job`), 200, HistoryPageSchema);
    const entry = history.items.find((item) => item.conversation.id === first.conversation.id)!;
    expect(entry.ownership).toEqual({ employee: 2, manager: 1, satisfied: true });
    expect(entry.conversation.snapshot).toEqual(snapshot);
  });

  it('applies the review’s proposals at agreement, and records what changed since the previous conversation of its type', async () => {
    const base = await draftWith('job', [['Lead the flaky-test triage', 'employee']]);
    let view = await read(chloe, base);
    // Carried: the two actions of the first talk that are still open (the dropped one stays behind).
    expect(view.carriedActions.map((action) => action.title).sort()).toEqual([
      'Automate the billing smoke tests',
      'Book a testing conference',
    ]);
    const item = (title: string) =>
      view.conversation.agenda.find((entry) => entry.source === 'carried' && entry.text === title)!;
    // Morgan proposes Chloe's action done; Chloe proposes dropping Morgan's. Neither is his or hers to move alone.
    const proposal = expectBody(
      await morgan.patch(
        `${base}/agenda/${item('Automate the billing smoke tests').id}`,
        { proposal: 'done' },
        { ifMatch: view.conversation.etag },
      ),
      200,
      AgendaItemResultSchema,
    );
    expectBody(
      await chloe.patch(
        `${base}/agenda/${item('Book a testing conference').id}`,
        { proposal: 'dropped' },
        { ifMatch: proposal.conversationEtag },
      ),
      200,
      AgendaItemResultSchema,
    );
    view = await read(chloe, base);
    expect(view.conversation.lastChange).toMatchObject({ by: chloeId, kind: 'review.propose' });
    // Nothing moves before both agree.
    expect(view.carriedActions.map((action) => action.status)).toEqual(['open', 'open']);
    const counters = expectBody(await morgan.get(`plans/${chloeId}`), 200, PlanViewSchema).summary.openActions;
    expect(counters).toEqual({ employee: 1, manager: 1 });

    second = await agreeByBoth(stack, base, 'chloe');
    const reviewed = Object.fromEntries(second.carriedActions.map((action) => [action.title, action]));
    expect(reviewed['Automate the billing smoke tests']).toMatchObject({
      status: 'done',
      statusChangedBy: stack.person('morgan').id,
    });
    expect(reviewed['Book a testing conference']).toMatchObject({ status: 'dropped' });
    expect(expectBody(await morgan.get(`plans/${chloeId}`), 200, PlanViewSchema).summary.openActions).toEqual({
      employee: 1,
      manager: 0,
    });
    const snapshot = second.conversation.snapshot!;
    expect(snapshot.review.map((entry) => [entry.title, entry.owner, entry.status]).sort()).toEqual([
      ['Automate the billing smoke tests', 'employee', 'done'],
      ['Book a testing conference', 'manager', 'dropped'],
    ]);
    expect(snapshot.careerPlan).toEqual({
      aspiration: 'moveSideways',
      focusAreas: ['Test automation', 'Platform'],
      careerScenario: 'Platform engineer',
    });
    expect(snapshot.changes).toEqual({
      previousConversationId: first.conversation.id,
      careerPlan: [
        { field: 'aspiration', before: 'growInRole', after: 'moveSideways' },
        { field: 'focusAreas', before: 'Test automation', after: 'Test automation; Platform' },
        { field: 'careerScenario', before: null, after: 'Platform engineer' },
      ],
      actionsAdded: ['Lead the flaky-test triage'],
      done: ['Automate the billing smoke tests'],
      dropped: ['Book a testing conference'],
      carried: [],
    });
    // The first talk's record did not move when its actions were reviewed in the second.
    expect(
      (await read(chloe, `plans/${chloeId}/conversations/${first.conversation.id}`)).conversation.snapshot,
    ).toEqual(first.conversation.snapshot);

    // The first career talk compares with no earlier career talk, whatever job talks came before.
    const careerBase = await draftWith('career', [['Talk to two platform engineers', 'employee']]);
    career = await agreeByBoth(stack, careerBase, 'chloe');
    expect(career.conversation.snapshot?.changes).toMatchObject({
      previousConversationId: null,
      careerPlan: [
        { field: 'aspiration', before: null, after: 'moveSideways' },
        { field: 'focusAreas', before: null, after: 'Test automation; Platform' },
        { field: 'careerScenario', before: null, after: 'Platform engineer' },
      ],
      actionsAdded: ['Talk to two platform engineers'],
    });
  });

  it('exports each agreed conversation’s snapshot, as JSON and as Markdown', async () => {
    const exported = expectBody(await chloe.get(`plans/${chloeId}/export`), 200, ExportSchema);
    for (const agreed of [first, second, career]) {
      const entry = exported.conversations.find((item) => item.conversation.id === agreed.conversation.id);
      expect(entry?.conversation.snapshot, agreed.conversation.id).toEqual(agreed.conversation.snapshot);
    }
    const markdown = await morgan.get(`plans/${chloeId}/export?format=markdown`);
    expect(markdown.status).toBe(200);
    const text = String(markdown.body);
    expect(text).toContain(`## Job development, ${first.conversation.createdAt.slice(0, 10)}`);
    expect(text).toContain(`## Career development, ${career.conversation.createdAt.slice(0, 10)}`);
    expect(text).toContain('Agreed by both on');
    expect(text).toContain('### What was agreed');
    expect(text).toContain('- Actions: 2 for the employee, 1 for the manager');
    expect(text).toContain('- Aspiration that day: Grow in my current role');
    expect(text).toContain('- Focus areas that day: Test automation');
    expect(text).toContain('### What changed since the last one');
    expect(text).toContain('- Aspiration: Grow in my current role → Move sideways to pick up new skills');
    expect(text).toContain('- Career scenario: none → Platform engineer');
    expect(text).toContain('- Done: Automate the billing smoke tests');
    expect(text).toContain('- Dropped: Book a testing conference');
    expect(text).toContain('### The first of its kind');
    // The action dropped before the first agreement is in no record, and nowhere in the export.
    expect(text).not.toContain('Rewrite the test runner');
    expect(JSON.stringify(exported)).not.toContain('Rewrite the test runner');
  });
});
