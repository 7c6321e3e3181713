import { describe, expect, it } from 'vitest';
import {
  STATUS_HISTORY,
  changeAgreedActionStatus,
  confirm,
  confirmRevision,
  conversationBalance,
  draftsShowing,
  proposeReview,
  tickAgendaItem,
  withRevisionChange,
  withdrawConfirmation,
  type Action,
  type AgreementInputs,
  type CareerPlanRecord,
  type Conversation,
} from '../../functions/src/domain';
import {
  agreedConversation,
  anAction,
  byEmployee,
  byManager,
  draftConversation,
  allowed,
  refusal,
} from '../support/domain-fixtures';

const healthy = [anAction('a1', 'employee'), anAction('a2', 'employee'), anAction('a3', 'manager')];
const earlierId = '8100000000000aaaaaa';

function withCarried(): Conversation {
  const draft = draftConversation();
  return {
    ...draft,
    agenda: [
      ...draft.agenda,
      {
        id: 'carried.1',
        sectionId: 'review',
        text: 'Old manager action',
        source: 'carried',
        optional: false,
        carriedAction: { conversationId: earlierId, actionId: 'a1' },
        discussed: false,
      },
    ],
  };
}

const plan: CareerPlanRecord = {
  aspiration: 'moveSideways',
  focusAreas: ['Platform design', 'Mentoring'],
  careerScenario: null,
  updatedAt: '2026-02-20T00:00:00.000Z',
  updatedBy: 'ava',
};

function inputs(conversation: Conversation, overrides: Partial<AgreementInputs> = {}): AgreementInputs {
  return { conversation, actions: healthy, carried: [], careerPlan: plan, previous: null, ...overrides };
}

describe('confirming a revision', () => {
  it('records the first confirmation and waits for the other person', () => {
    const outcome = allowed(confirmRevision(draftConversation(), healthy, 0, byEmployee));
    expect(outcome.kind).toBe('confirmed');
    expect(outcome.conversation.confirmations).toEqual([{ ...byEmployee, revision: 0 }]);
    expect(outcome.conversation.status).toBe('draft');
  });

  it('agrees when the second person confirms the same revision', () => {
    const first = allowed(confirmRevision(draftConversation(), healthy, 0, byEmployee)).conversation;
    const second = allowed(confirmRevision(first, healthy, 0, byManager));
    expect(second.kind).toBe('agreed');
    expect(second.conversation.confirmations.map((entry) => entry.role)).toEqual(['employee', 'manager']);
  });

  it("keeps only the other person's confirmation of the same revision beside a new one", () => {
    // A stored draft can hold confirmations of an earlier revision (rows from before withdrawals were written).
    const draft = draftConversation({
      revision: 5,
      confirmations: [
        { ...byEmployee, revision: 4 },
        { ...byManager, revision: 4 },
      ],
    });
    const first = allowed(confirmRevision(draft, healthy, 5, byManager));
    expect(first.kind).toBe('confirmed');
    expect(first.conversation.confirmations).toEqual([{ ...byManager, revision: 5 }]);
    const second = allowed(
      confirmRevision({ ...draft, confirmations: [{ ...byEmployee, revision: 5 }] }, healthy, 5, byManager),
    );
    expect(second.kind).toBe('agreed');
    expect(second.conversation.confirmations).toEqual([
      { ...byEmployee, revision: 5 },
      { ...byManager, revision: 5 },
    ]);
  });

  it('makes a repeated confirmation of the same revision change nothing', () => {
    const first = allowed(confirmRevision(draftConversation(), healthy, 0, byEmployee)).conversation;
    expect(allowed(confirmRevision(first, healthy, 0, byEmployee)).kind).toBe('unchanged');
  });

  it('refuses a revision that is no longer current, so nobody agrees to what they have not seen', () => {
    const changed = withRevisionChange(draftConversation(), byManager, 'action.change');
    expect(refusal(confirmRevision(changed, healthy, 0, byEmployee))).toBe('staleRevision');
    expect(refusal(confirmRevision(changed, healthy, 2, byEmployee))).toBe('staleRevision');
  });

  it('checks the ownership rule at each confirmation', () => {
    const even = [anAction('a1', 'employee'), anAction('a2', 'manager')];
    expect(refusal(confirmRevision(draftConversation(), even, 0, byEmployee))).toBe('ownershipRule');
    expect(refusal(confirmRevision(draftConversation(), [], 0, byManager))).toBe('ownershipRule');
    const dropped = [...healthy.slice(0, 1), anAction('a2', 'employee', { status: 'dropped' }), healthy[2]!];
    expect(refusal(confirmRevision(draftConversation(), dropped, 0, byEmployee))).toBe('ownershipRule');
  });

  it('agrees only on one revision: a career plan change moves it on, and a confirmation given before counts no longer', () => {
    const managerFirst = allowed(confirmRevision(draftConversation(), healthy, 0, byManager)).conversation;
    const [moved] = draftsShowing({ kind: 'careerPlan' }, byEmployee, 'careerPlan.change').move([managerFirst]);
    expect(moved).toMatchObject({ revision: 1, confirmations: [] });
    expect(moved!.withdrawal).toMatchObject({ roles: ['manager'], kind: 'careerPlan.change', by: 'ava' });
    // The manager's confirmation named the revision before the change: the employee cannot agree on top of it.
    expect(refusal(confirmRevision(moved!, healthy, 0, byEmployee))).toBe('staleRevision');
    const employee = allowed(confirmRevision(moved!, healthy, 1, byEmployee));
    expect(employee.kind).toBe('confirmed');
    // Once the manager agrees to what they now see, both count.
    expect(allowed(confirmRevision(employee.conversation, healthy, 1, byManager)).kind).toBe('agreed');
  });

  it('refuses to confirm an agreed conversation', () => {
    expect(refusal(confirmRevision(agreedConversation(), healthy, 0, byEmployee))).toBe('conversationAgreed');
  });
});

describe('a change after a confirmation', () => {
  it('moves the revision on, withdraws every confirmation and says who changed what', () => {
    const confirmed = allowed(confirmRevision(draftConversation(), healthy, 0, byManager)).conversation;
    const itemId = confirmed.agenda[0]!.id;
    const ticked = allowed(tickAgendaItem(confirmed, itemId, true, byEmployee)).conversation;
    expect(ticked.revision).toBe(1);
    expect(ticked.confirmations).toEqual([]);
    expect(ticked.withdrawal).toEqual({ ...byEmployee, kind: 'agenda.tick', roles: ['manager'] });
    // The manager's old confirmation no longer counts: the employee confirming does not agree it.
    const employee = allowed(confirmRevision(ticked, healthy, 1, byEmployee));
    expect(employee.kind).toBe('confirmed');
    // Once the manager has agreed again, the withdrawal has been seen and is gone.
    const manager = allowed(confirmRevision(employee.conversation, healthy, 1, byManager));
    expect(manager.kind).toBe('agreed');
    expect(manager.conversation.withdrawal).toBeUndefined();
  });

  it('leaves no withdrawal when nobody had confirmed', () => {
    const changed = withRevisionChange(draftConversation(), byEmployee, 'agenda.add');
    expect(changed.withdrawal).toBeUndefined();
    expect(changed.lastChange?.kind).toBe('agenda.add');
  });

  it('lets a person take back their own confirmation, and only one they gave', () => {
    const confirmed = allowed(confirmRevision(draftConversation(), healthy, 0, byEmployee)).conversation;
    expect(allowed(withdrawConfirmation(confirmed, 'employee')).confirmations).toEqual([]);
    expect(refusal(withdrawConfirmation(confirmed, 'manager'))).toBe('notConfirmed');
    expect(refusal(withdrawConfirmation(agreedConversation(), 'employee'))).toBe('conversationAgreed');
  });
});

describe('the review of carried actions', () => {
  it('takes proposals for carried items only, and null takes one back', () => {
    const proposed = allowed(proposeReview(withCarried(), 'carried.1', 'done', byEmployee));
    expect(proposed.item.proposal).toEqual({ status: 'done', by: 'ava', at: byEmployee.at });
    expect(proposed.conversation.revision).toBe(1);
    const back = allowed(proposeReview(proposed.conversation, 'carried.1', null, byManager));
    expect(back.item).not.toHaveProperty('proposal');
    expect(back.conversation.revision).toBe(2);
    expect(refusal(proposeReview(withCarried(), 'checkIn.1', 'done', byEmployee))).toMatch(/notCarried|itemNotFound/);
    expect(refusal(proposeReview(agreedConversation(), 'carried.1', 'done', byEmployee))).toBe('conversationAgreed');
  });
});

describe('the agreed record', () => {
  function agreeBoth(conversation: Conversation, overrides: Partial<AgreementInputs> = {}) {
    const first = allowed(confirm(inputs(conversation, overrides), conversation.revision, byEmployee));
    if (first.kind === 'agreed') throw new Error('one confirmation must not agree');
    const second = allowed(confirm(inputs(first.conversation, overrides), conversation.revision, byManager));
    if (second.kind !== 'agreed') throw new Error('two confirmations of one revision agree');
    return second.agreement;
  }

  it('freezes the agreed actions and leaves those dropped before agreeing out of the record', () => {
    const actions = [...healthy, anAction('a4', 'manager', { status: 'dropped' })];
    const agreement = agreeBoth(draftConversation(), { actions });
    expect(agreement.conversation).toMatchObject({ status: 'agreed', agreedBy: 'morgan', agreedAt: byManager.at });
    expect(agreement.agreedActions.map((action) => [action.id, action.agreed])).toEqual([
      ['a1', true],
      ['a2', true],
      ['a3', true],
    ]);
    expect(agreement.removedActions.map((action) => action.id)).toEqual(['a4']);
    expect(agreement.conversation.snapshot?.ownership).toEqual({ employee: 2, manager: 1 });
  });

  it('keeps the agreed balance whatever happens to the actions afterwards', () => {
    const agreement = agreeBoth(draftConversation());
    const later = agreement.agreedActions.map((action) =>
      action.owner === 'employee' ? { ...action, status: 'dropped' as const } : action,
    );
    expect(conversationBalance(agreement.conversation, later)).toMatchObject({
      employee: 2,
      manager: 1,
      satisfied: true,
    });
  });

  it('applies the review proposals when both agree, recording who and when', () => {
    const earlier = anAction('a1', 'manager', { agreed: true, conversationId: earlierId, title: 'Old manager action' });
    const conversation = allowed(proposeReview(withCarried(), 'carried.1', 'done', byEmployee)).conversation;
    const agreement = agreeBoth(conversation, { carried: [earlier] });
    expect(agreement.reviewedActions).toHaveLength(1);
    expect(agreement.reviewedActions[0]).toMatchObject({ id: 'a1', status: 'done', statusChangedBy: 'morgan' });
    expect(agreement.conversation.snapshot?.review).toEqual([
      { conversationId: earlierId, actionId: 'a1', title: 'Old manager action', owner: 'manager', status: 'done' },
    ]);
    expect(agreement.conversation.snapshot?.changes.done).toEqual(['Old manager action']);
  });

  it('keeps the career plan as it stood and says what changed since the last conversation of the type', () => {
    const previousId = '8200000000000aaaaaa';
    const previousActions = healthy.map((action) => ({ ...action, conversationId: previousId }));
    const previous =
      agreeBoth(draftConversation({ id: previousId }), { actions: previousActions }).conversation.snapshot ?? null;
    const changedPlan: CareerPlanRecord = { ...plan, aspiration: 'growInRole', careerScenario: 'Staff engineer' };
    const agreement = agreeBoth(draftConversation(), { previous, careerPlan: changedPlan });
    const snapshot = agreement.conversation.snapshot;
    expect(snapshot?.careerPlan).toEqual({
      aspiration: 'growInRole',
      focusAreas: ['Platform design', 'Mentoring'],
      careerScenario: 'Staff engineer',
    });
    expect(snapshot?.changes).toMatchObject({
      previousConversationId: '8200000000000aaaaaa',
      careerPlan: [
        { field: 'aspiration', before: 'moveSideways', after: 'growInRole' },
        { field: 'careerScenario', before: null, after: 'Staff engineer' },
      ],
      actionsAdded: ['Action a1', 'Action a2', 'Action a3'],
    });
  });
});

describe('actions after agreement', () => {
  const agreed = anAction('a1', 'employee', { agreed: true });

  it('move only by their owner, with who and when kept', () => {
    const done = allowed(changeAgreedActionStatus(agreed, 'done', byEmployee));
    expect(done.statusHistory).toEqual([{ status: 'done', by: 'ava', at: byEmployee.at }]);
    expect(refusal(changeAgreedActionStatus(agreed, 'dropped', byManager))).toBe('notOwner');
    const managers = anAction('a2', 'manager', { agreed: true });
    expect(refusal(changeAgreedActionStatus(managers, 'dropped', byEmployee))).toBe('notOwner');
    expect(allowed(changeAgreedActionStatus(managers, 'dropped', byManager)).status).toBe('dropped');
  });

  it('never bring back an action removed before agreement', () => {
    const removed: Action = anAction('a3', 'manager', { agreed: false, status: 'dropped' });
    expect(refusal(changeAgreedActionStatus(removed, 'open', byManager))).toBe('notInAgreedPlan');
  });

  it('keep a bounded history of status changes', () => {
    let action = agreed;
    for (let index = 0; index < STATUS_HISTORY + 5; index += 1) {
      action = allowed(changeAgreedActionStatus(action, action.status === 'open' ? 'done' : 'open', byEmployee));
    }
    expect(action.statusHistory).toHaveLength(STATUS_HISTORY);
  });
});
