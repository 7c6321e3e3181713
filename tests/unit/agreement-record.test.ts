import { describe, expect, it } from 'vitest';
import {
  changeAgreedActionStatus,
  changesSince,
  confirm,
  confirmRevision,
  recordAgreement,
  reviewOutcomes,
  withRevisionChange,
  withdrawConfirmation,
  type Action,
  type AgendaItem,
  type AgreedSnapshot,
  type CareerPlanRecord,
  type Conversation,
} from '../../functions/src/domain';
import { allowed, anAction, byEmployee, byManager, draftConversation } from '../support/domain-fixtures';

/*
 * What both people confirm and what the record keeps: the order of confirmations, the withdrawal a
 * change leaves until each person has agreed again, the review's outcomes, and the snapshot with
 * what changed since the previous agreed conversation of the same type.
 */

const healthy = [anAction('a1', 'employee'), anAction('a2', 'employee'), anAction('a3', 'manager')];
const EARLIER = '8100000000000aaaaaa';
const OTHER_EARLIER = '8150000000000bbbbbb';

function carriedItem(index: number, conversationId: string, actionId: string, proposal?: Action['status']): AgendaItem {
  return {
    id: `carried.${index}`,
    sectionId: 'review',
    text: `Earlier ${actionId}`,
    source: 'carried',
    optional: false,
    carriedAction: { conversationId, actionId },
    discussed: false,
    ...(proposal ? { proposal: { status: proposal, by: 'ava', at: byEmployee.at } } : {}),
  };
}

function withAgenda(items: AgendaItem[]): Conversation {
  const draft = draftConversation();
  return { ...draft, agenda: [...draft.agenda, ...items] };
}

describe('confirmations', () => {
  it('agree whichever person confirms second, keeping the first person’s confirmation', () => {
    const managerFirst = allowed(confirmRevision(draftConversation(), healthy, 0, byManager)).conversation;
    const second = allowed(confirmRevision(managerFirst, healthy, 0, byEmployee));
    expect(second.kind).toBe('agreed');
    expect(second.conversation.confirmations).toEqual([
      { ...byManager, revision: 0 },
      { ...byEmployee, revision: 0 },
    ]);
  });

  it('keep the withdrawal of a person who has not agreed again, and drop it once both have', () => {
    const both = draftConversation({
      confirmations: [
        { ...byEmployee, revision: 0 },
        { ...byManager, revision: 0 },
      ],
    });
    const changed = withRevisionChange(both, byManager, 'action.change');
    expect(changed.withdrawal?.roles).toEqual(['employee', 'manager']);
    const managerAgain = allowed(confirmRevision(changed, healthy, 1, byManager)).conversation;
    expect(managerAgain.withdrawal).toMatchObject({ roles: ['employee'], by: 'morgan', kind: 'action.change' });
    const employeeAgain = allowed(confirmRevision(managerAgain, healthy, 1, byEmployee));
    expect(employeeAgain.kind).toBe('agreed');
    expect(employeeAgain.conversation).not.toHaveProperty('withdrawal');
  });

  it('refuse with the ownership rule’s own explanation', () => {
    const decision = confirmRevision(draftConversation(), [anAction('a1', 'manager')], 0, byEmployee);
    expect(decision.ok ? null : decision.violation).toEqual({
      code: 'ownershipRule',
      title: 'The employee should own more actions than the manager',
      detail: expect.stringMatching(/^The manager owns 1 action and the employee 0\./) as unknown,
    });
  });

  it('refuse a revision no longer current in words that say what to do', () => {
    const decision = confirmRevision(draftConversation({ revision: 3 }), healthy, 2, byEmployee);
    expect(decision.ok ? null : decision.violation).toEqual({
      code: 'staleRevision',
      title: 'The plan changed since you read it',
      detail: 'Someone changed the plan after you opened it. Read the current version, then agree to that.',
    });
  });

  it('pass a refusal through when confirming makes the record', () => {
    const stale = confirm(
      {
        conversation: draftConversation({ revision: 2 }),
        actions: healthy,
        carried: [],
        careerPlan: null,
        previous: null,
      },
      1,
      byEmployee,
    );
    expect(stale.ok ? null : stale.violation.code).toBe('staleRevision');
  });

  it('are taken back one person at a time, the other’s standing', () => {
    const both = draftConversation({
      confirmations: [
        { ...byEmployee, revision: 0 },
        { ...byManager, revision: 0 },
      ],
    });
    expect(allowed(withdrawConfirmation(both, 'employee')).confirmations).toEqual([{ ...byManager, revision: 0 }]);
    expect(allowed(withdrawConfirmation(both, 'manager')).confirmations).toEqual([{ ...byEmployee, revision: 0 }]);
    const nothing = withdrawConfirmation(draftConversation(), 'employee');
    expect(nothing.ok ? null : nothing.violation).toEqual({
      code: 'notConfirmed',
      title: 'Nothing to take back',
      detail: 'You have not agreed to this plan.',
    });
  });
});

describe('the review’s outcomes', () => {
  const earlierAction = anAction('a1', 'employee', { conversationId: EARLIER, agreed: true, title: 'Earlier a1' });
  const sameIdElsewhere = anAction('a1', 'manager', { conversationId: OTHER_EARLIER, agreed: true, title: 'Other a1' });

  it('are the proposals that change a carried action’s status, matched by conversation and id', () => {
    const conversation = withAgenda([
      carriedItem(1, OTHER_EARLIER, 'a1', 'dropped'),
      carriedItem(2, EARLIER, 'a1', 'open'),
      carriedItem(3, EARLIER, 'a9', 'done'),
    ]);
    expect(reviewOutcomes(conversation, [earlierAction, sameIdElsewhere])).toEqual([
      { action: sameIdElsewhere, status: 'dropped' },
    ]);
  });

  it('leave out items without a proposal, and proposals on items that are not carried', () => {
    const notCarried: AgendaItem = {
      ...carriedItem(4, EARLIER, 'a1', 'done'),
      source: 'talkingPoint',
    };
    delete notCarried.carriedAction;
    const conversation = withAgenda([carriedItem(1, EARLIER, 'a1'), notCarried]);
    expect(reviewOutcomes(conversation, [earlierAction])).toEqual([]);
  });
});

const plan: CareerPlanRecord = {
  aspiration: 'moveUp',
  focusAreas: ['Design', 'Mentoring'],
  careerScenario: 'Staff engineer',
  updatedAt: '2026-02-20T00:00:00.000Z',
  updatedBy: 'ava',
};

function snapshotWith(overrides: Partial<Omit<AgreedSnapshot, 'changes'>> = {}): Omit<AgreedSnapshot, 'changes'> {
  return {
    conversationId: 'c2',
    agreedAt: byManager.at,
    careerPlan: { aspiration: plan.aspiration, focusAreas: plan.focusAreas, careerScenario: plan.careerScenario },
    actions: [],
    ownership: { employee: 0, manager: 0 },
    review: [],
    ...overrides,
  };
}

describe('what changed since the previous agreed conversation', () => {
  it('names each career plan field that moved, with focus areas as one list, and none that stayed', () => {
    const previous: AgreedSnapshot = {
      ...snapshotWith({ conversationId: 'c1' }),
      changes: changesSince(null, snapshotWith()),
    };
    expect(changesSince(previous, snapshotWith()).careerPlan).toEqual([]);
    const moved = snapshotWith({ careerPlan: { aspiration: 'explore', focusAreas: [], careerScenario: null } });
    expect(changesSince(previous, moved)).toMatchObject({
      previousConversationId: 'c1',
      careerPlan: [
        { field: 'aspiration', before: 'moveUp', after: 'explore' },
        { field: 'focusAreas', before: 'Design; Mentoring', after: null },
        { field: 'careerScenario', before: 'Staff engineer', after: null },
      ],
    });
    const reordered = snapshotWith({ careerPlan: { ...moved.careerPlan, focusAreas: ['Mentoring', 'Design'] } });
    expect(changesSince(null, reordered).careerPlan).toContainEqual({
      field: 'focusAreas',
      before: null,
      after: 'Mentoring; Design',
    });
  });

  it('starts from an empty career plan when there is no previous conversation', () => {
    const first = changesSince(
      null,
      snapshotWith({ careerPlan: { aspiration: null, focusAreas: [], careerScenario: null } }),
    );
    expect(first).toEqual({
      previousConversationId: null,
      careerPlan: [],
      actionsAdded: [],
      done: [],
      dropped: [],
      carried: [],
    });
  });

  it('lists the actions added, and the reviewed ones by the status the review left them in', () => {
    const review = (title: string, status: Action['status']) => ({
      conversationId: EARLIER,
      actionId: title,
      title,
      owner: 'employee' as const,
      status,
    });
    const changes = changesSince(
      null,
      snapshotWith({
        actions: [{ id: 'a1', title: 'New one', owner: 'employee' }],
        review: [review('Finished', 'done'), review('Abandoned', 'dropped'), review('Still going', 'open')],
      }),
    );
    expect(changes).toMatchObject({
      actionsAdded: ['New one'],
      done: ['Finished'],
      dropped: ['Abandoned'],
      carried: ['Still going'],
    });
  });
});

describe('the record', () => {
  it('holds this conversation’s actions only, with their kind of learning and due date when they have one', () => {
    const confirmed = draftConversation();
    const actions = [
      anAction('a1', 'employee', { learningKind: 'formal', dueDate: '2026-05-01' }),
      anAction('a2', 'employee', { conversationId: EARLIER }),
    ];
    delete actions[1]!.learningKind;
    const { agreedActions, conversation } = recordAgreement(confirmed, actions, [], null, null, byManager);
    expect(agreedActions.map((action) => action.id)).toEqual(['a1']);
    expect(conversation.snapshot?.actions).toEqual([
      { id: 'a1', title: 'Action a1', owner: 'employee', learningKind: 'formal', dueDate: '2026-05-01' },
    ]);
    expect(conversation.snapshot?.careerPlan).toEqual({ aspiration: null, focusAreas: [], careerScenario: null });
  });

  it('keeps an action without a kind of learning or due date without those fields', () => {
    const bare = anAction('a1', 'employee');
    delete bare.learningKind;
    const { conversation } = recordAgreement(draftConversation(), [bare], [], plan, null, byManager);
    expect(conversation.snapshot?.actions).toEqual([{ id: 'a1', title: 'Action a1', owner: 'employee' }]);
  });
});

describe('an agreed action’s status', () => {
  it('is moved by its owner only, and the refusal names the owner', () => {
    const employees = anAction('a1', 'employee', { agreed: true });
    const managers = anAction('a2', 'manager', { agreed: true });
    const byOther = changeAgreedActionStatus(employees, 'done', byManager);
    expect(byOther.ok ? null : byOther.violation).toMatchObject({
      code: 'notOwner',
      title: 'Only the employee can change this action',
      detail: expect.stringMatching(/^This action belongs to the employee\. Between conversations/) as unknown,
    });
    const byEmployeeOnManagers = changeAgreedActionStatus(managers, 'done', byEmployee);
    expect(byEmployeeOnManagers.ok ? null : byEmployeeOnManagers.violation.title).toBe(
      'Only the manager can change this action',
    );
  });

  it('is refused when it would not change, and for an action removed before agreeing, in words', () => {
    const done = anAction('a1', 'employee', { agreed: true, status: 'done' });
    const unchanged = changeAgreedActionStatus(done, 'done', byEmployee);
    expect(unchanged.ok ? null : unchanged.violation).toEqual({
      code: 'statusUnchanged',
      title: 'Nothing to change',
      detail: 'The action is already done.',
    });
    const removed = changeAgreedActionStatus(anAction('a2', 'employee'), 'open', byEmployee);
    expect(removed.ok ? null : removed.violation).toEqual({
      code: 'notInAgreedPlan',
      title: 'This action is not part of the agreed plan',
      detail: 'It was removed before the plan was agreed. Add it to your next conversation if it matters again.',
    });
  });
});
