import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  addTalkingPoint,
  editAction,
  newAction,
  startDraft,
  templateAgenda,
  tickAgendaItem,
  type Action,
} from '../../functions/src/domain';
import {
  CONVERSATION_ID,
  agreedConversation,
  anAction,
  byEmployee,
  byManager,
  allowed,
  draftConversation,
  refusal,
} from '../support/domain-fixtures';

const conversationId = CONVERSATION_ID;
const change = byEmployee;
const draft = draftConversation;
const agreed = () => agreedConversation();
const action = (overrides: Partial<Action> = {}): Action =>
  anAction('a1', 'employee', { title: 'Shadow the on-call lead', learningKind: 'fromOthers', ...overrides });

describe('starting a draft', () => {
  it('takes the agenda of its type and puts open agreed actions up for review', () => {
    const earlier = [
      action({ id: 'a1', agreed: true, conversationId: '8000000000001aaaaaa' }),
      action({ id: 'a2', agreed: true, status: 'done', conversationId: '8000000000001aaaaaa' }),
      action({ id: 'a3', agreed: false, conversationId: '8000000000001aaaaaa' }),
    ];
    const conversation = startDraft(
      { id: conversationId, employeeId: 'ava', managerId: 'morgan', type: 'career' },
      earlier,
      change,
    );
    expect(conversation.status).toBe('draft');
    expect(conversation.createdBy).toBe('ava');
    expect(conversation).toMatchObject({ revision: 0, confirmations: [] });
    const carried = conversation.agenda.filter((item) => item.source === 'carried');
    expect(carried.map((item) => item.carriedAction?.actionId)).toEqual(['a1']);
    expect(conversation.agenda.length).toBe(templateAgenda('career').length + 1);
  });
});

describe('talking points', () => {
  it('go to the talking-points section by default, with their author', () => {
    const { conversation, item } = allowed(addTalkingPoint(draft(), { text: 'Conference budget' }, change));
    expect(item).toMatchObject({ id: 'point.1', sectionId: 'talkingPoints', authorId: 'ava', discussed: false });
    expect(conversation.agenda.at(-1)).toEqual(item);
    expect(conversation.revision).toBe(1);
    expect(conversation.lastChange).toEqual({ ...change, kind: 'agenda.add' });
  });

  it('number on from the highest point so far', () => {
    const first = allowed(addTalkingPoint(draft(), { text: 'One' }, change));
    const second = allowed(addTalkingPoint(first.conversation, { text: 'Two' }, change));
    expect(second.item.id).toBe('point.2');
  });

  it('are refused in a section the agenda does not have, naming the field', () => {
    const decision = addTalkingPoint(draft(), { text: 'Hi', sectionId: 'aspiration' }, change);
    expect(refusal(decision)).toBe('invalidSection');
    expect(decision.ok ? null : decision.violation.field).toBe('sectionId');
  });

  it('are refused once agreed and when the agenda is full', () => {
    expect(refusal(addTalkingPoint(agreed(), { text: 'Late' }, change))).toBe('conversationAgreed');
    let conversation = draft();
    for (let index = 0; index < LIMITS.talkingPoints; index += 1) {
      conversation = allowed(addTalkingPoint(conversation, { text: `Point ${index}` }, change)).conversation;
    }
    expect(refusal(addTalkingPoint(conversation, { text: 'One more' }, change))).toBe('limitReached');
  });
});

describe('ticking the agenda', () => {
  it('records who ticked and when, and unticking forgets both', () => {
    const itemId = draft().agenda[0]!.id;
    const ticked = allowed(tickAgendaItem(draft(), itemId, true, change));
    expect(ticked.item).toMatchObject({ discussed: true, discussedBy: 'ava', discussedAt: change.at });
    const unticked = allowed(tickAgendaItem(ticked.conversation, itemId, false, change));
    expect(unticked.item.discussed).toBe(false);
    expect(unticked.item).not.toHaveProperty('discussedBy');
    expect(unticked.item).not.toHaveProperty('discussedAt');
  });

  it('refuses an unknown item and an agreed conversation', () => {
    expect(refusal(tickAgendaItem(draft(), 'nope', true, change))).toBe('itemNotFound');
    expect(refusal(tickAgendaItem(agreed(), draft().agenda[0]!.id, true, change))).toBe('conversationAgreed');
  });
});

describe('new actions', () => {
  const none = { count: 0, seq: 0 };

  it('are open, unagreed, numbered after every action the conversation ever had', () => {
    const { action: created, conversation } = allowed(
      newAction(
        draft(),
        { count: 4, seq: 4 },
        { title: 'Pair on the release', owner: 'employee', learningKind: 'onTheJob' },
        change,
      ),
    );
    expect(conversation.revision).toBe(1);
    expect(created).toMatchObject({ id: 'a5', status: 'open', agreed: false, createdBy: 'ava', conversationId });
    expect(created).not.toHaveProperty('dueDate');
  });

  it('need a kind of learning in job development, not in career development', () => {
    expect(refusal(newAction(draft(), none, { title: 'Read', owner: 'employee' }, change))).toBe('invalidAction');
    const career = draft({ type: 'career', agenda: templateAgenda('career') });
    expect(allowed(newAction(career, none, { title: 'Talk to Dana', owner: 'employee' }, change)).action.id).toBe('a1');
  });

  it('are refused once agreed and past the cap', () => {
    expect(refusal(newAction(agreed(), none, { title: 'x', owner: 'employee', learningKind: 'formal' }, change))).toBe(
      'conversationAgreed',
    );
    const full = { count: LIMITS.actions, seq: LIMITS.actions };
    expect(refusal(newAction(draft(), full, { title: 'x', owner: 'employee', learningKind: 'formal' }, change))).toBe(
      'limitReached',
    );
  });

  it('count against the cap only the actions the draft holds, and never reuse a removed action’s number', () => {
    const request = { title: 'Pair on the release', owner: 'employee', learningKind: 'onTheJob' } as const;
    // 25 added, two removed: 23 held, 25 numbers handed out.
    const afterRemovals = allowed(
      newAction(draft(), { count: LIMITS.actions - 2, seq: LIMITS.actions }, request, change),
    );
    expect(afterRemovals.action.id).toBe(`a${LIMITS.actions + 1}`);
    const lastRoom = allowed(
      newAction(draft(), { count: LIMITS.actions - 1, seq: LIMITS.actions + 1 }, request, change),
    );
    expect(lastRoom.action.id).toBe(`a${LIMITS.actions + 2}`);
    expect(refusal(newAction(draft(), { count: LIMITS.actions, seq: LIMITS.actions + 2 }, request, change))).toBe(
      'limitReached',
    );
  });
});

describe('editing an action', () => {
  it('merges the fields sent, clears those sent as null and keeps the rest', () => {
    const before = action({ dueDate: '2026-06-30' });
    const edited = allowed(
      editAction(draft(), before, { title: 'Shadow twice', dueDate: null, owner: 'manager' }, change),
    );
    expect(edited.conversation?.revision).toBe(1);
    const after = edited.action;
    expect(after).toMatchObject({ title: 'Shadow twice', owner: 'manager', learningKind: 'fromOthers' });
    expect(after).not.toHaveProperty('dueDate');
    expect(before.title).toBe('Shadow the on-call lead');
  });

  it('keeps a job-development action classified', () => {
    expect(refusal(editAction(draft(), action(), { learningKind: null }, change))).toBe('invalidAction');
  });

  it("changes nothing of an agreed conversation but its actions' statuses, and only by their owner", () => {
    expect(refusal(editAction(agreed(), action({ agreed: true }), { title: 'New' }, change))).toBe(
      'conversationAgreed',
    );
    expect(refusal(editAction(agreed(), action({ agreed: true }), { owner: 'manager' }, change))).toBe(
      'conversationAgreed',
    );
    const done = allowed(editAction(agreed(), action({ agreed: true }), { status: 'done' }, change));
    expect(done.conversation).toBeNull();
    expect(done.action).toMatchObject({ status: 'done', statusChangedBy: 'ava', statusChangedAt: change.at });
    expect(done.action.statusHistory).toEqual([{ status: 'done', by: 'ava', at: change.at }]);
    expect(refusal(editAction(agreed(), action({ agreed: true }), { status: 'dropped' }, byManager))).toBe('notOwner');
    expect(
      refusal(editAction(agreed(), action({ agreed: false, status: 'dropped' }), { status: 'open' }, change)),
    ).toBe('notInAgreedPlan');
  });

  it("keeps or drops a draft's action, but marks none done before the plan is agreed", () => {
    const dropped = allowed(editAction(draft(), action(), { status: 'dropped' }, byManager));
    expect(dropped.action).toMatchObject({ status: 'dropped', statusChangedBy: 'morgan' });
    expect(dropped.conversation?.lastChange?.kind).toBe('action.change');
    expect(refusal(editAction(draft(), action(), { status: 'done' }, change))).toBe('invalidAction');
  });

  it('refuses a status change that changes nothing, unless details change with it', () => {
    expect(refusal(editAction(draft(), action(), { status: 'open' }, change))).toBe('statusUnchanged');
    const retitled = allowed(editAction(draft(), action(), { status: 'open', title: 'Retitled' }, change)).action;
    expect(retitled.title).toBe('Retitled');
    expect(retitled).not.toHaveProperty('statusChangedAt');
  });
});
