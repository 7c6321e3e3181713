import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  ConversationViewSchema,
  HistoryPageSchema,
  MeResponseSchema,
  MeetingResolutionSchema,
  PlanViewSchema,
  TeamOverviewSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let morgan: Client;
let chloe: Client;
let chloeId: string;

beforeAll(async () => {
  stack = await startTestStack();
  morgan = clientFor(stack, await stack.token('morgan'));
  chloe = clientFor(stack, await stack.token('chloe'));
  chloeId = stack.person('chloe').id;
});
afterAll(() => stack.close());

describe('a whole 1:1 over HTTP', () => {
  const meetingId = 'MCMxOTptZWV0aW5nX05qZzVNV0U/recurring+series==';
  const chatId = '19:meeting_NjgzMWE@thread.v2';

  it('answers who I am with my manager and reports', async () => {
    const me = expectBody(await morgan.get('me'), 200, MeResponseSchema);
    expect(me.user.displayName).toBe('Morgan Lee');
    expect(me.manager?.displayName).toBe('Sam Rivera');
    expect(me.directReports.map((person) => person.displayName).sort()).toEqual([
      'Ava Patel',
      'Ben Okafor',
      'Chloe Martin',
    ]);
  });

  it('runs start → talking points → ticks → actions → refused agree → agree → history → carry-forward', async () => {
    // Nothing is linked to the meeting yet.
    expect(
      expectBody(
        await morgan.get(
          `meetings/resolve?meetingId=${encodeURIComponent(meetingId)}&chatId=${encodeURIComponent(chatId)}`,
        ),
        200,
        MeetingResolutionSchema,
      ),
    ).toEqual({ status: 'unlinked' });

    // The employee starts a job-development conversation in the meeting.
    const started = await chloe.post(`plans/${chloeId}/conversations`, { type: 'job', meetingId, chatId });
    const view = expectBody(started, 201, ConversationViewSchema);
    expect(started.headers.get('location')).toBe(`/api/plans/${chloeId}/conversations/${view.conversation.id}`);
    expect(view.conversation).toMatchObject({
      type: 'job',
      status: 'draft',
      employeeId: chloeId,
      managerId: stack.person('morgan').id,
    });
    expect(view.sections.map((section) => section.id)).toEqual([
      'review',
      'goals',
      'formal',
      'fromOthers',
      'onTheJob',
      'talkingPoints',
    ]);
    expect(view.conversation.agenda.some((item) => item.source === 'carried')).toBe(false);
    const base = `plans/${chloeId}/conversations/${view.conversation.id}`;

    // Both people see it from the meeting.
    const resolved = expectBody(
      await morgan.get(`meetings/resolve?meetingId=${encodeURIComponent(meetingId)}`),
      200,
      MeetingResolutionSchema,
    );
    expect(resolved).toEqual({
      status: 'linked',
      employeeId: chloeId,
      managerId: stack.person('morgan').id,
      conversationId: view.conversation.id,
      conversationType: 'job',
    });

    // Both add talking points; the author is kept.
    const fromChloe = expectBody(
      await chloe.post(`${base}/agenda`, { text: 'I would like to learn test automation.' }),
      201,
      AgendaItemResultSchema,
    );
    const fromMorgan = expectBody(
      await morgan.post(`${base}/agenda`, { text: 'The release process needs an owner.', sectionId: 'onTheJob' }),
      201,
      AgendaItemResultSchema,
    );
    expect(fromChloe.item).toMatchObject({ source: 'talkingPoint', authorId: chloeId, sectionId: 'talkingPoints' });
    expect(fromMorgan.item).toMatchObject({ authorId: stack.person('morgan').id, sectionId: 'onTheJob' });

    // Ticking needs the current ETag.
    const ticked = expectBody(
      await morgan.patch(
        `${base}/agenda/goals.objectives`,
        { discussed: true },
        { ifMatch: fromMorgan.conversationEtag },
      ),
      200,
      AgendaItemResultSchema,
    );
    expect(ticked.item).toMatchObject({ discussed: true, discussedBy: stack.person('morgan').id });
    const tickedAgain = expectBody(
      await chloe.patch(
        `${base}/agenda/${fromChloe.item.id}`,
        { discussed: true },
        { ifMatch: ticked.conversationEtag },
      ),
      200,
      AgendaItemResultSchema,
    );

    // Actions: the manager's own first, so the rule fails.
    const managerAction = expectBody(
      await morgan.post(`${base}/actions`, {
        title: 'Book the test automation course',
        owner: 'manager',
        learningKind: 'formal',
      }),
      201,
      ActionResultSchema,
    );
    const firstOwn = expectBody(
      await chloe.post(`${base}/actions`, {
        title: 'Automate the smoke tests of the billing service',
        owner: 'employee',
        learningKind: 'onTheJob',
        dueDate: '2027-03-31',
      }),
      201,
      ActionResultSchema,
    );
    let current = expectBody(await morgan.get(base), 200, ConversationViewSchema);
    expect(current.ownership).toMatchObject({ employee: 1, manager: 1, satisfied: false });
    expect(current.ownership.reason).toMatch(/employee should own more actions than the manager/);

    // Agreeing is refused while the manager owns as many as the employee, to either person, and nothing changes.
    const before = await stack.snapshot();
    for (const person of [morgan, chloe]) {
      const refused = await person.post(`${base}/agree`, { revision: current.conversation.revision });
      expectProblem(refused, 422);
      expect((refused.body as { detail: string }).detail).toMatch(/manager owns 1 action and the employee 1/);
    }
    expect(await stack.snapshot()).toEqual(before);

    // One more action for the employee, then agreement holds.
    expectBody(
      await chloe.post(`${base}/actions`, {
        title: 'Ask Ben for feedback on my first test suite',
        owner: 'employee',
        learningKind: 'fromOthers',
      }),
      201,
      ActionResultSchema,
    );
    current = expectBody(await chloe.get(base), 200, ConversationViewSchema);
    expect(current.ownership).toEqual({ employee: 2, manager: 1, satisfied: true });
    expect(current.learningMix.counts).toEqual({ formal: 1, fromOthers: 1, onTheJob: 1 });
    expect(current.conversation.agenda.filter((item) => item.discussed).map((item) => item.id)).toEqual([
      'goals.objectives',
      tickedAgain.item.id,
    ]);
    // Both agree the revision they read: Chloe first (one confirmation, still a draft), then Morgan.
    const confirmed = expectBody(
      await chloe.post(`${base}/agree`, { revision: current.conversation.revision }),
      200,
      ConversationViewSchema,
    );
    expect(confirmed.conversation.status).toBe('draft');
    expect(confirmed.conversation.confirmations).toMatchObject([
      { role: 'employee', by: chloeId, revision: current.conversation.revision },
    ]);
    const agreed = expectBody(
      await morgan.post(`${base}/agree`, { revision: current.conversation.revision }),
      200,
      ConversationViewSchema,
    );
    expect(agreed.conversation).toMatchObject({ status: 'agreed', agreedBy: stack.person('morgan').id });
    expect(agreed.actions.every((action) => action.agreed)).toBe(true);

    // Frozen: no more talking points, ticks or actions; each owner can still move their own action's status.
    expectProblem(await morgan.post(`${base}/agenda`, { text: 'One more thing' }), 409);
    expectProblem(
      await morgan.post(`${base}/actions`, { title: 'Late action', owner: 'employee', learningKind: 'formal' }),
      409,
    );
    const done = expectBody(
      await morgan.patch(
        `${base}/actions/${managerAction.action.id}`,
        { status: 'done' },
        { ifMatch: agreed.actions.find((action) => action.id === managerAction.action.id)!.etag },
      ),
      200,
      ActionResultSchema,
    );
    expect(done.action).toMatchObject({ status: 'done', statusChangedBy: stack.person('morgan').id });
    expectProblem(
      await chloe.patch(
        `${base}/actions/${firstOwn.action.id}`,
        { title: 'Renamed after agreement' },
        { ifMatch: agreed.actions.find((action) => action.id === firstOwn.action.id)!.etag },
      ),
      409,
    );

    // The history shows it, with what became of each action.
    const history = expectBody(await chloe.get(`plans/${chloeId}/conversations`), 200, HistoryPageSchema);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]!.conversation).toMatchObject({
      id: view.conversation.id,
      status: 'agreed',
      discussedItems: 2,
    });
    expect(history.items[0]!.actions.map((action) => [action.owner, action.status])).toEqual([
      ['manager', 'done'],
      ['employee', 'open'],
      ['employee', 'open'],
    ]);

    // The manager's overview counts the open actions.
    const team = expectBody(await morgan.get('team'), 200, TeamOverviewSchema);
    const row = team.members.find((member) => member.person.id === chloeId)!;
    expect(row).toMatchObject({
      openActions: { employee: 2, manager: 0 },
      jobDevelopmentOverdue: false,
      daysSinceJobConversation: 0,
      drafts: { job: null, career: null },
    });
    expect(row.lastCareerConversationAt).toBeNull();

    // The next occurrence of the series finds the plan through the chat, and the next talk carries the open actions.
    const nextOccurrence = expectBody(
      await chloe.get(`meetings/resolve?meetingId=next-occurrence&chatId=${encodeURIComponent(chatId)}`),
      200,
      MeetingResolutionSchema,
    );
    expect(nextOccurrence).toMatchObject({ status: 'series', lastConversationId: view.conversation.id });
    const next = expectBody(
      await morgan.post(`plans/${chloeId}/conversations`, { type: 'job', meetingId: 'next-occurrence', chatId }),
      201,
      ConversationViewSchema,
    );
    const carried = next.conversation.agenda.filter((item) => item.source === 'carried');
    expect(carried.map((item) => item.text).sort()).toEqual([
      'Ask Ben for feedback on my first test suite',
      'Automate the smoke tests of the billing service',
    ]);
    expect(next.carriedActions.map((action) => action.status)).toEqual(['open', 'open']);
    expect(next.ownership).toMatchObject({ employee: 0, manager: 0 });
    // A career talk in between takes none of them: job actions carry into job development only.
    expect(next.conversation.type).toBe('job');

    // Reviewing carried actions from the new talk: a proposal, shown to both, that takes effect only when both
    // agree this talk; between talks the owner (Chloe here) can still move her own action herself.
    const [proposed, moved] = [next.carriedActions[0]!, next.carriedActions[1]!];
    const proposedItem = next.conversation.agenda.find((item) => item.carriedAction?.actionId === proposed.id)!;
    const proposal = expectBody(
      await morgan.patch(
        `plans/${chloeId}/conversations/${next.conversation.id}/agenda/${proposedItem.id}`,
        { proposal: 'done' },
        { ifMatch: next.conversation.etag },
      ),
      200,
      AgendaItemResultSchema,
    );
    expect(proposal.item.proposal).toMatchObject({ status: 'done', by: stack.person('morgan').id });
    expectBody(
      await chloe.patch(
        `plans/${chloeId}/conversations/${moved.conversationId}/actions/${moved.id}`,
        { status: 'done' },
        { ifMatch: moved.etag },
      ),
      200,
      ActionResultSchema,
    );
    const afterReview = expectBody(
      await chloe.get(`plans/${chloeId}/conversations/${next.conversation.id}`),
      200,
      ConversationViewSchema,
    );
    expect(afterReview.carriedActions.find((action) => action.id === proposed.id)?.status).toBe('open');
    expect(afterReview.conversation.agenda.find((item) => item.id === proposedItem.id)?.proposal?.status).toBe('done');
    expect(afterReview.carriedActions.find((action) => action.id === moved.id)?.status).toBe('done');
    const plan = expectBody(await chloe.get(`plans/${chloeId}`), 200, PlanViewSchema);
    expect(plan.summary).toMatchObject({
      conversations: 1,
      openActions: { employee: 1, manager: 0 },
      drafts: { job: next.conversation.id, career: null },
    });
  });

  it('refuses a second draft of the same type and points at the open one', async () => {
    const again = await chloe.post(`plans/${chloeId}/conversations`, { type: 'job' });
    expectProblem(again, 409);
    // A career talk meanwhile starts with nothing carried: those actions are job development.
    const career = expectBody(
      await chloe.post(`plans/${chloeId}/conversations`, { type: 'career' }),
      201,
      ConversationViewSchema,
    );
    expect(career.conversation.agenda.filter((item) => item.source === 'carried')).toEqual([]);
    expect((again.body as { current: { conversationId: string } }).current.conversationId).toMatch(
      /^\d{13}[a-z0-9]{6}$/,
    );
  });

  it('keeps private notes to their author', async () => {
    const page = expectBody(await chloe.get(`plans/${chloeId}/conversations?pageSize=1`), 200, HistoryPageSchema);
    const base = `plans/${chloeId}/conversations/${page.items[0]!.conversation.id}`;
    const mine = await chloe.put(`${base}/note`, {
      text: 'I might want to move to the platform team.\nNot ready to say it yet.',
    });
    expect(mine.status).toBe(200);
    expect((await morgan.put(`${base}/note`, { text: 'Chloe seems tired; ask about workload.' })).status).toBe(200);
    const chloeView = expectBody(await chloe.get(base), 200, ConversationViewSchema);
    const morganView = expectBody(await morgan.get(base), 200, ConversationViewSchema);
    expect(chloeView.myNote?.text).toMatch(/platform team/);
    expect(morganView.myNote?.text).toMatch(/workload/);
    expect(JSON.stringify(morganView)).not.toMatch(/platform team/);
    expect(JSON.stringify(chloeView)).not.toMatch(/workload/);
    // Creating again without If-Match does not overwrite the note.
    expectProblem(await chloe.put(`${base}/note`, { text: 'overwrite' }), 412);
    const updated = await chloe.put(`${base}/note`, { text: 'Updated.' }, { ifMatch: chloeView.myNote!.etag });
    expect(updated.status).toBe(200);
  });

  it('answers 304 to a poll when nothing changed, and 200 when the other person changed something', async () => {
    const page = expectBody(await chloe.get(`plans/${chloeId}/conversations?pageSize=1`), 200, HistoryPageSchema);
    const path = `plans/${chloeId}/conversations/${page.items[0]!.conversation.id}`;
    const first = await morgan.get(path);
    expect(first.status).toBe(200);
    const unchanged = await morgan.get(path, { headers: { 'if-none-match': first.etag! } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
    const view = ConversationViewSchema.parse(first.body);
    await chloe.post(
      `${path}/agenda`,
      { text: 'Can we talk about the conference?' },
      { ifMatch: view.conversation.etag },
    );
    const changed = await morgan.get(path, { headers: { 'if-none-match': first.etag! } });
    expect(changed.status).toBe(200);
  });

  it('lets the employee write the career plan and the manager only read it', async () => {
    const plan = {
      aspiration: 'growInRole',
      focusAreas: ['Test automation', 'Release engineering'],
      careerScenario: null,
    };
    const written = await chloe.put(`plans/${chloeId}/career-plan`, plan);
    expect(written.status).toBe(200);
    expectProblem(await morgan.put(`plans/${chloeId}/career-plan`, plan), 403);
    const read = expectBody(await morgan.get(`plans/${chloeId}`), 200, PlanViewSchema);
    expect(read.careerPlan).toMatchObject({
      aspiration: 'growInRole',
      focusAreas: ['Test automation', 'Release engineering'],
      careerScenario: null,
    });
    expect(read.role).toBe('manager');
    // A second create without If-Match would overwrite: refused.
    expectProblem(await chloe.put(`plans/${chloeId}/career-plan`, plan), 412);
    expect(
      (
        await chloe.put(
          `plans/${chloeId}/career-plan`,
          { ...plan, aspiration: 'moveSideways' },
          { ifMatch: read.careerPlan.etag! },
        )
      ).status,
    ).toBe(200);
  });
});
