import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationViewSchema,
  ExportSchema,
  PlanViewSchema,
  ProblemSchema,
  type ActionView,
  type ConversationView,
  type PutCareerPlanRequest,
} from '../../functions/src/contract';
import type { AgreedSnapshot, ConversationType, LearningKind, Owner } from '../../functions/src/domain';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';
import { everyRow } from '../support/storage-probe';

/*
 * What both people confirm is one revision (issue 20, defects 1 and 2). Everything the record will hold
 * — the agenda with its notes, ticks and proposals, the actions, the review's earlier actions and the
 * career plan — moves the draft's revision when it changes, wherever the change is made; so a
 * confirmation of a revision is a confirmation of exactly what the record then keeps, field by field.
 * Each pair has its own plan, so the tests stand alone.
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

async function confirm(client: Client, base: string, revision: number): Promise<ConversationView> {
  return expectBody(await client.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
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

async function writeCareerPlan(client: Client, employeeId: string, plan: PutCareerPlanRequest): Promise<void> {
  const current = expectBody(await client.get(`plans/${employeeId}`), 200, PlanViewSchema).careerPlan;
  const response = await client.put(
    `plans/${employeeId}/career-plan`,
    plan,
    current.etag ? { ifMatch: current.etag } : {},
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** A draft of `type` in the employee's plan, with two actions for the employee and one for the manager. */
async function healthyDraft(
  employee: Client,
  manager: Client,
  employeeId: string,
  type: ConversationType,
  titles: [string, string, string],
): Promise<string> {
  const view = expectBody(
    await employee.post(`plans/${employeeId}/conversations`, { type }),
    201,
    ConversationViewSchema,
  );
  const base = `plans/${employeeId}/conversations/${view.conversation.id}`;
  await addAction(employee, base, titles[0], 'employee');
  await addAction(employee, base, titles[1], 'employee', 'fromOthers');
  await addAction(manager, base, titles[2], 'manager', 'formal');
  return base;
}

/**
 * The record a view promises: what the snapshot must hold if both people confirmed that view's
 * revision. Built from the view alone, as a person reads it: the career plan shown, the actions not
 * dropped, the ownership balance shown, and each earlier action with the status the review proposes
 * for it (or its own, when nobody proposed one). `changes` is compared by each test on its own.
 */
function recordPromisedBy(view: ConversationView): Omit<AgreedSnapshot, 'agreedAt' | 'changes'> {
  return {
    conversationId: view.conversation.id,
    careerPlan: {
      aspiration: view.careerPlan.aspiration,
      focusAreas: view.careerPlan.focusAreas,
      careerScenario: view.careerPlan.careerScenario,
    },
    actions: view.actions
      .filter((action) => action.status !== 'dropped')
      .map(({ id, title, owner, learningKind, dueDate }) => ({
        id,
        title,
        owner,
        ...(learningKind ? { learningKind } : {}),
        ...(dueDate ? { dueDate } : {}),
      })),
    ownership: { employee: view.ownership.employee, manager: view.ownership.manager },
    review: view.carriedActions.map((action) => {
      const item = view.conversation.agenda.find(
        (entry) =>
          entry.carriedAction?.actionId === action.id && entry.carriedAction.conversationId === action.conversationId,
      );
      return {
        conversationId: action.conversationId,
        actionId: action.id,
        title: action.title,
        owner: action.owner,
        status: item?.proposal?.status ?? action.status,
      };
    }),
  };
}

/**
 * Both people read the draft, each confirms the revision on their own screen, and the record is
 * compared with what those screens showed: the snapshot field by field, the agenda, and the actions.
 */
async function agreeWhatBothSee(
  employee: Client,
  manager: Client,
  base: string,
): Promise<{ seen: ConversationView; agreed: ConversationView }> {
  const employeeSaw = await read(employee, base);
  const managerSaw = await read(manager, base);
  expect(managerSaw.conversation.revision).toBe(employeeSaw.conversation.revision);
  expect(recordPromisedBy(managerSaw)).toEqual(recordPromisedBy(employeeSaw));
  expect(await confirm(employee, base, employeeSaw.conversation.revision)).toMatchObject({
    conversation: { status: 'draft' },
  });
  const agreed = await confirm(manager, base, managerSaw.conversation.revision);
  expect(agreed.conversation.status).toBe('agreed');
  expectRecordOf(managerSaw, agreed);
  return { seen: managerSaw, agreed };
}

/** The agreed record holds exactly what the confirmed view showed. */
function expectRecordOf(seen: ConversationView, agreed: ConversationView): void {
  const snapshot = agreed.conversation.snapshot!;
  const { agreedAt: _at, changes: _changes, ...kept } = snapshot;
  expect(kept).toEqual(recordPromisedBy(seen));
  expect(agreed.conversation.agenda).toEqual(seen.conversation.agenda);
  const withoutVersions = (actions: ActionView[]) =>
    actions.filter((action) => action.status !== 'dropped').map(({ etag: _etag, agreed: _agreed, ...rest }) => rest);
  expect(withoutVersions(agreed.actions)).toEqual(withoutVersions(seen.actions));
  // The career plan shown beside the record afterwards is the one kept that day, whatever it is now.
  expect(snapshot.careerPlan).toEqual(recordPromisedBy(seen).careerPlan);
}

/** The view's confirmations as [role, revision] pairs. */
function confirmationsOf(view: ConversationView): [string, number][] {
  return view.conversation.confirmations.map((entry) => [entry.role, entry.revision]);
}

describe('defect 1: a career plan saved between reading and confirming', () => {
  it('moves the draft on, so the manager’s confirmation of what he read is refused and the record holds what both saw', async () => {
    const ava = await as('ava');
    const morgan = await as('morgan');
    const avaId = stack.person('ava').id;
    await writeCareerPlan(ava, avaId, { aspiration: 'growInRole', focusAreas: ['API design'], careerScenario: null });
    const base = await healthyDraft(ava, morgan, avaId, 'job', [
      'Lead the API review',
      'Pair with the platform team',
      'Book the API design course',
    ]);

    // The manager reads the draft; the employee then saves a new career plan.
    const managerRead = await read(morgan, base);
    expect(managerRead.careerPlan.aspiration).toBe('growInRole');
    await writeCareerPlan(ava, avaId, {
      aspiration: 'moveUp',
      focusAreas: ['API design', 'Leading a team'],
      careerScenario: 'Engineering manager',
    });

    // The manager confirms the revision he read: refused, with the plan as it is now to look at.
    const refused = await morgan.post(`${base}/agree`, { revision: managerRead.conversation.revision });
    expectProblem(refused, 412);
    const current = ConversationViewSchema.parse(ProblemSchema.parse(refused.body).current);
    expect(current.conversation.revision).toBe(managerRead.conversation.revision + 1);
    expect(current.careerPlan).toMatchObject({ aspiration: 'moveUp', careerScenario: 'Engineering manager' });
    expect(current.conversation.confirmations).toEqual([]);
    expect(current.conversation.lastChange).toMatchObject({ by: avaId, role: 'employee', kind: 'careerPlan.change' });

    // The employee confirms: not agreed, since the manager has not confirmed what is there now.
    const employeeConfirmed = await confirm(ava, base, current.conversation.revision);
    expect(employeeConfirmed.conversation.status).toBe('draft');
    expect(confirmationsOf(employeeConfirmed)).toEqual([['employee', current.conversation.revision]]);

    // The manager reads the new plan and confirms it: the record holds the career plan he saw.
    const seen = await read(morgan, base);
    const agreed = await confirm(morgan, base, seen.conversation.revision);
    expect(agreed.conversation.status).toBe('agreed');
    expectRecordOf(seen, agreed);
    expect(agreed.conversation.snapshot?.careerPlan).toEqual({
      aspiration: 'moveUp',
      focusAreas: ['API design', 'Leading a team'],
      careerScenario: 'Engineering manager',
    });
  });

  it('withdraws a confirmation given before the career plan changed, and tells the person why', async () => {
    const eli = await as('eli');
    const dana = await as('dana');
    const eliId = stack.person('eli').id;
    const base = await healthyDraft(eli, dana, eliId, 'career', [
      'Shadow a product manager',
      'Write up three product ideas',
      'Introduce Eli to the product lead',
    ]);
    const before = await read(dana, base);
    expect(confirmationsOf(await confirm(dana, base, before.conversation.revision))).toEqual([
      ['manager', before.conversation.revision],
    ]);

    // The employee writes the career plan (from My plan, say): the manager's confirmation is withdrawn.
    await writeCareerPlan(eli, eliId, { aspiration: 'explore', focusAreas: ['Product sense'], careerScenario: null });
    const after = await read(dana, base);
    expect(after.conversation.revision).toBe(before.conversation.revision + 1);
    expect(after.conversation.confirmations).toEqual([]);
    expect(after.conversation.withdrawal).toMatchObject({
      roles: ['manager'],
      by: eliId,
      role: 'employee',
      kind: 'careerPlan.change',
    });
    // Confirming on top of the withdrawn confirmation agrees nothing.
    expectProblem(await eli.post(`${base}/agree`, { revision: before.conversation.revision }), 412);
    expect((await read(eli, base)).conversation.status).toBe('draft');

    // The trail says who changed the career plan; nobody confirmed anything on the other's behalf.
    const { agreed } = await agreeWhatBothSee(eli, dana, base);
    expect(agreed.conversation.snapshot?.careerPlan).toEqual({
      aspiration: 'explore',
      focusAreas: ['Product sense'],
      careerScenario: null,
    });
    expect(agreed.conversation.withdrawal).toBeUndefined();
  });

  it('moves every open draft of the plan, of both types, in the one write; a refused write moves none', async () => {
    const ben = await as('ben');
    const morgan = await as('morgan');
    const benId = stack.person('ben').id;
    const job = await healthyDraft(ben, morgan, benId, 'job', ['Run the retro', 'Pair on on-call', 'Send Ben to QCon']);
    const career = await healthyDraft(ben, morgan, benId, 'career', ['Map the paths', 'Talk to two leads', 'Intro']);
    const [jobBefore, careerBefore] = [await read(ben, job), await read(ben, career)];
    await confirm(morgan, job, jobBefore.conversation.revision);
    await confirm(ben, career, careerBefore.conversation.revision);

    // A stale save of the career plan is refused and moves nothing.
    await writeCareerPlan(ben, benId, { aspiration: 'moveSideways', focusAreas: [], careerScenario: null });
    const [jobMid, careerMid] = [await read(ben, job), await read(ben, career)];
    const rows = await everyRow(stack);
    expectProblem(
      await ben.put(`plans/${benId}/career-plan`, { aspiration: 'moveUp', focusAreas: [], careerScenario: null }),
      412,
    );
    expect(await everyRow(stack)).toEqual(rows);

    for (const [before, mid] of [
      [jobBefore, jobMid],
      [careerBefore, careerMid],
    ] as const) {
      expect(mid.conversation.revision).toBe(before.conversation.revision + 1);
      expect(mid.conversation.confirmations).toEqual([]);
    }
    expect(jobMid.conversation.withdrawal?.roles).toEqual(['manager']);
    expect(careerMid.conversation.withdrawal?.roles).toEqual(['employee']);
  });
});

describe('defect 2: an earlier action’s status moved while the review was being confirmed', () => {
  let chloe: Client;
  let morgan: Client;
  let chloeId: string;
  let earlier: ConversationView;
  let base: string;

  beforeAll(async () => {
    // Chloe's plan: a career conversation agreed with open actions, then the next career talk carrying them.
    chloe = await as('chloe');
    morgan = await as('morgan');
    chloeId = stack.person('chloe').id;
    const first = await healthyDraft(chloe, morgan, chloeId, 'career', [
      'Interview two staff engineers',
      'Write a one-page growth plan',
      'Find Chloe a mentor',
    ]);
    earlier = (await agreeWhatBothSee(chloe, morgan, first)).agreed;
    base = await healthyDraft(chloe, morgan, chloeId, 'career', [
      'Lead one design review',
      'Present at the guild',
      'Nominate Chloe for the guild',
    ]);
  });

  it('withdraws the manager’s confirmation when the owner marks the action done, so the record says what both saw', async () => {
    const action = earlier.actions.find((entry) => entry.title === 'Interview two staff engineers')!;
    const managerRead = await read(morgan, base);
    expect(managerRead.carriedActions.find((entry) => entry.id === action.id)?.status).toBe('open');
    const managerConfirmed = await confirm(morgan, base, managerRead.conversation.revision);
    expect(confirmationsOf(managerConfirmed)).toEqual([['manager', managerRead.conversation.revision]]);

    // The owner marks it done in its own, agreed conversation (allowed): the draft listing it moves on.
    const earlierBase = `plans/${chloeId}/conversations/${earlier.conversation.id}`;
    const done = expectBody(
      await chloe.patch(`${earlierBase}/actions/${action.id}`, { status: 'done' }, { ifMatch: action.etag }),
      200,
      ActionResultSchema,
    );
    expect(done.action.status).toBe('done');
    const after = await read(chloe, base);
    expect(after.conversation.revision).toBe(managerRead.conversation.revision + 1);
    expect(after.conversation.confirmations).toEqual([]);
    expect(after.conversation.withdrawal).toMatchObject({
      roles: ['manager'],
      by: chloeId,
      role: 'employee',
      kind: 'carried.status',
    });
    expect(after.carriedActions.find((entry) => entry.id === action.id)?.status).toBe('done');

    // The employee confirms what the manager confirmed: refused. What is there now: not agreed on her word alone.
    expectProblem(await chloe.post(`${base}/agree`, { revision: managerRead.conversation.revision }), 412);
    const employeeConfirmed = await confirm(chloe, base, after.conversation.revision);
    expect(employeeConfirmed.conversation.status).toBe('draft');

    // The manager sees "done" and confirms it: now the record says done, and both saw it.
    const seen = await read(morgan, base);
    expect(seen.carriedActions.find((entry) => entry.id === action.id)?.status).toBe('done');
    const agreed = await confirm(morgan, base, seen.conversation.revision);
    expect(agreed.conversation.status).toBe('agreed');
    expectRecordOf(seen, agreed);
    const snapshot = agreed.conversation.snapshot!;
    expect(snapshot.review.find((entry) => entry.actionId === action.id)).toMatchObject({ status: 'done' });
    expect(snapshot.changes.done).toEqual(['Interview two staff engineers']);
    expect([...snapshot.changes.carried].sort()).toEqual(['Find Chloe a mentor', 'Write a one-page growth plan']);
    // The export holds the same record.
    const exported = expectBody(await chloe.get(`plans/${chloeId}/export`), 200, ExportSchema);
    expect(
      exported.conversations.find((entry) => entry.conversation.id === seen.conversation.id)?.conversation.snapshot,
    ).toEqual(snapshot);
  });
});

describe('an earlier action in the review, moved by the other person or by nobody', () => {
  it('withdraws the employee’s confirmation when the manager moves his own carried action; a refused move changes nothing', async () => {
    const eli = await as('eli');
    const dana = await as('dana');
    const eliId = stack.person('eli').id;
    const first = await healthyDraft(eli, dana, eliId, 'job', ['Own the release', 'Pair on billing', 'Buy the book']);
    const earlier = (await agreeWhatBothSee(eli, dana, first)).agreed;
    const earlierBase = `plans/${eliId}/conversations/${earlier.conversation.id}`;
    const base = await healthyDraft(eli, dana, eliId, 'job', ['Run a brown-bag', 'Mentor an intern', 'Fund a course']);
    const mine = earlier.actions.find((entry) => entry.owner === 'manager')!;
    const hers = earlier.actions.find((entry) => entry.owner === 'employee')!;

    const seenFirst = await read(eli, base);
    await confirm(eli, base, seenFirst.conversation.revision);

    // Rewording, handing over or removing a carried action is refused (it is part of an agreed record), and
    // so is moving someone else's: nothing is written, and the draft that lists it stays where it was.
    const rows = await everyRow(stack);
    const attempts = [
      [
        'retitle',
        409,
        () => dana.patch(`${earlierBase}/actions/${mine.id}`, { title: 'Another' }, { ifMatch: mine.etag }),
      ],
      [
        'hand over',
        409,
        () => dana.patch(`${earlierBase}/actions/${mine.id}`, { owner: 'employee' }, { ifMatch: mine.etag }),
      ],
      ['remove', 409, () => dana.delete(`${earlierBase}/actions/${mine.id}`)],
      [
        'close another’s',
        403,
        () => dana.patch(`${earlierBase}/actions/${hers.id}`, { status: 'done' }, { ifMatch: hers.etag }),
      ],
    ] as const;
    for (const [label, status, attempt] of attempts) {
      const response = await attempt();
      expect(response.status, label).toBe(status);
      expectProblem(response, status);
    }
    expect(await everyRow(stack)).toEqual(rows);
    expect((await read(eli, base)).conversation.revision).toBe(seenFirst.conversation.revision);

    // The manager drops his own carried action: the employee's confirmation is withdrawn.
    expectBody(
      await dana.patch(`${earlierBase}/actions/${mine.id}`, { status: 'dropped' }, { ifMatch: mine.etag }),
      200,
      ActionResultSchema,
    );
    const after = await read(eli, base);
    expect(after.conversation.confirmations).toEqual([]);
    expect(after.conversation.withdrawal).toMatchObject({
      roles: ['employee'],
      role: 'manager',
      kind: 'carried.status',
    });

    // A proposal in the review is part of the draft too; then both agree what they see.
    const item = after.conversation.agenda.find((entry) => entry.carriedAction?.actionId === hers.id)!;
    expectBody(
      await dana.patch(`${base}/agenda/${item.id}`, { proposal: 'done' }, { ifMatch: after.conversation.etag }),
      200,
      AgendaItemResultSchema,
    );
    const { agreed } = await agreeWhatBothSee(eli, dana, base);
    expect(agreed.conversation.snapshot?.review.map((entry) => [entry.title, entry.status]).sort()).toEqual([
      ['Buy the book', 'dropped'],
      ['Own the release', 'done'],
      ['Pair on billing', 'open'],
    ]);
  });
});

describe('the record is the view both confirmed', () => {
  it('holds, field by field, the agenda with its ticks, notes and proposals, the actions, the review and the career plan', async () => {
    const morgan = await as('morgan');
    const sam = await as('sam');
    const morganId = stack.person('morgan').id;
    await writeCareerPlan(morgan, morganId, {
      aspiration: 'growInRole',
      focusAreas: ['Coaching', 'Hiring'],
      careerScenario: 'Director of engineering',
    });
    const first = await healthyDraft(morgan, sam, morganId, 'job', ['Run calibration', 'Hire two engineers', 'Budget']);
    const earlier = (await agreeWhatBothSee(morgan, sam, first)).agreed;
    const base = await healthyDraft(morgan, sam, morganId, 'job', [
      'Coach two leads',
      'Write the hiring guide',
      'Offsite',
    ]);
    const view = await read(morgan, base);
    const template = view.conversation.agenda.find((item) => item.source === 'template')!;
    const carried = view.conversation.agenda.find((item) => item.source === 'carried')!;
    let etag = view.conversation.etag;
    for (const [client, body] of [
      [morgan, { discussed: true }],
      [sam, { note: 'Calibration went well;\nkeep the cadence.' }],
      [morgan, { note: 'Agreed.' }],
    ] as const) {
      etag = expectBody(
        await client.patch(`${base}/agenda/${template.id}`, body, { ifMatch: etag }),
        200,
        AgendaItemResultSchema,
      ).conversationEtag;
    }
    expectBody(
      await sam.patch(`${base}/agenda/${carried.id}`, { proposal: 'dropped' }, { ifMatch: etag }),
      200,
      AgendaItemResultSchema,
    );
    expect((await morgan.post(`${base}/agenda`, { text: 'Conference talk next spring' })).status).toBe(201);
    const offsite = (await read(morgan, base)).actions.find((action) => action.title === 'Offsite')!;
    expectBody(
      await sam.patch(
        `${base}/actions/${offsite.id}`,
        { dueDate: '2027-03-01', title: 'Plan the offsite' },
        {
          ifMatch: offsite.etag,
        },
      ),
      200,
      ActionResultSchema,
    );
    const extra = await addAction(morgan, base, 'Something we drop', 'employee');
    expectBody(
      await sam.patch(`${base}/actions/${extra.id}`, { status: 'dropped' }, { ifMatch: extra.etag }),
      200,
      ActionResultSchema,
    );

    const { seen, agreed } = await agreeWhatBothSee(morgan, sam, base);
    const snapshot = agreed.conversation.snapshot!;
    expect(snapshot.actions.map((action) => action.title).sort()).toEqual([
      'Coach two leads',
      'Plan the offsite',
      'Write the hiring guide',
    ]);
    expect(snapshot.actions.find((action) => action.title === 'Plan the offsite')?.dueDate).toBe('2027-03-01');
    expect(agreed.conversation.agenda.find((item) => item.id === template.id)?.notes?.map((note) => note.text)).toEqual(
      ['Agreed.', 'Calibration went well;\nkeep the cadence.'],
    );
    expect(snapshot.changes).toEqual({
      previousConversationId: earlier.conversation.id,
      careerPlan: [],
      actionsAdded: ['Coach two leads', 'Write the hiring guide', 'Plan the offsite'],
      done: [],
      dropped: [carried.text],
      carried: seen.carriedActions.filter((action) => action.title !== carried.text).map((action) => action.title),
    });
    expect(seen.carriedActions).toHaveLength(3);
  });
});

describe('an agreement whose review moves an action another open draft lists', () => {
  it('moves that draft on in the same transaction (an action stored before its type was kept shows in both kinds)', async () => {
    const dana = await as('dana');
    const sam = await as('sam');
    const danaId = stack.person('dana').id;
    const first = await healthyDraft(dana, sam, danaId, 'job', ['Write the runbook', 'Pair on alerts', 'Buy a pager']);
    const earlier = (await agreeWhatBothSee(dana, sam, first)).agreed;
    // The runbook action as an older release stored it: no conversation type, so both kinds of talk carry it.
    const runbook = earlier.actions.find((action) => action.title === 'Write the runbook')!;
    const partitionKey = `${stack.person('dana').tenantId}_${danaId}`;
    const rowKey = `c_${earlier.conversation.id}_${runbook.id}`;
    const {
      etag: _etag,
      timestamp: _timestamp,
      conversationType,
      ...older
    } = await stack.tables.plans.getEntity(partitionKey, rowKey);
    expect(conversationType).toBe('job');
    await stack.tables.plans.updateEntity({ ...older, partitionKey, rowKey }, 'Replace');

    const job = await healthyDraft(dana, sam, danaId, 'job', ['Lead the incident review', 'Write alerts', 'Budget']);
    const career = await healthyDraft(dana, sam, danaId, 'career', ['Talk to an SRE lead', 'Read two books', 'Intro']);
    const careerBefore = await read(sam, career);
    expect(careerBefore.carriedActions.map((action) => action.title)).toEqual(['Write the runbook']);
    await confirm(sam, career, careerBefore.conversation.revision);

    // The job talk's review marks the runbook done, and both agree it.
    const jobView = await read(dana, job);
    const item = jobView.conversation.agenda.find((entry) => entry.carriedAction?.actionId === runbook.id)!;
    expectBody(
      await dana.patch(`${job}/agenda/${item.id}`, { proposal: 'done' }, { ifMatch: jobView.conversation.etag }),
      200,
      AgendaItemResultSchema,
    );
    await agreeWhatBothSee(dana, sam, job);

    // The career draft showed the runbook open when Sam confirmed it: his confirmation is withdrawn.
    const careerAfter = await read(dana, career);
    expect(careerAfter.carriedActions.map((action) => action.status)).toEqual(['done']);
    expect(careerAfter.conversation.revision).toBe(careerBefore.conversation.revision + 1);
    expect(careerAfter.conversation.confirmations).toEqual([]);
    expect(careerAfter.conversation.withdrawal).toMatchObject({ roles: ['manager'], kind: 'carried.status' });
    const { agreed } = await agreeWhatBothSee(dana, sam, career);
    expect(agreed.conversation.snapshot?.review).toMatchObject([{ title: 'Write the runbook', status: 'done' }]);
  });
});
