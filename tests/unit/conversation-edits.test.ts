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
  type Conversation,
  type Decision,
} from '../../functions/src/domain';

const conversationId = '8000000000000abcdef';
const change = { by: 'ava', at: '2026-03-01T10:00:00.000Z' };

function draft(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: conversationId,
    employeeId: 'ava',
    managerId: 'morgan',
    type: 'job',
    status: 'draft',
    agenda: templateAgenda('job'),
    createdBy: 'morgan',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const agreed = (): Conversation => draft({ status: 'agreed', agreedAt: '2026-02-01T10:00:00.000Z' });

function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 'a1',
    conversationId,
    title: 'Shadow the on-call lead',
    owner: 'employee',
    learningKind: 'fromOthers',
    status: 'open',
    agreed: false,
    createdBy: 'morgan',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function allowed<T>(decision: Decision<T>): T {
  if (!decision.ok) throw new Error(`Expected the rule to allow it, got ${decision.violation.code}`);
  return decision.value;
}

function refusal<T>(decision: Decision<T>): string {
  if (decision.ok) throw new Error('Expected the rule to refuse it');
  return decision.violation.code;
}

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
  it('are open, unagreed, numbered after every action the conversation ever had', () => {
    const created = allowed(
      newAction(draft(), 4, { title: 'Pair on the release', owner: 'employee', learningKind: 'onTheJob' }, change),
    );
    expect(created).toMatchObject({ id: 'a5', status: 'open', agreed: false, createdBy: 'ava', conversationId });
    expect(created).not.toHaveProperty('dueDate');
  });

  it('need a kind of learning in job development, not in career development', () => {
    expect(refusal(newAction(draft(), 0, { title: 'Read', owner: 'employee' }, change))).toBe('invalidAction');
    const career = draft({ type: 'career', agenda: templateAgenda('career') });
    expect(allowed(newAction(career, 0, { title: 'Talk to Dana', owner: 'employee' }, change)).id).toBe('a1');
  });

  it('are refused once agreed and past the cap', () => {
    expect(refusal(newAction(agreed(), 0, { title: 'x', owner: 'employee', learningKind: 'formal' }, change))).toBe(
      'conversationAgreed',
    );
    const full = newAction(draft(), LIMITS.actions, { title: 'x', owner: 'employee', learningKind: 'formal' }, change);
    expect(refusal(full)).toBe('limitReached');
  });
});

describe('editing an action', () => {
  it('merges the fields sent, clears those sent as null and keeps the rest', () => {
    const before = action({ dueDate: '2026-06-30' });
    const after = allowed(
      editAction(draft(), before, { title: 'Shadow twice', dueDate: null, owner: 'manager' }, change),
    );
    expect(after).toMatchObject({ title: 'Shadow twice', owner: 'manager', learningKind: 'fromOthers' });
    expect(after).not.toHaveProperty('dueDate');
    expect(before.title).toBe('Shadow the on-call lead');
  });

  it('keeps a job-development action classified', () => {
    expect(refusal(editAction(draft(), action(), { learningKind: null }, change))).toBe('invalidAction');
  });

  it('changes details only while a draft, but the status at any time, recording who and when', () => {
    expect(refusal(editAction(agreed(), action({ agreed: true }), { title: 'New' }, change))).toBe(
      'conversationAgreed',
    );
    const done = allowed(editAction(agreed(), action({ agreed: true }), { status: 'done' }, change));
    expect(done).toMatchObject({ status: 'done', statusChangedBy: 'ava', statusChangedAt: change.at });
  });

  it('refuses a status change that changes nothing, unless details change with it', () => {
    expect(refusal(editAction(draft(), action(), { status: 'open' }, change))).toBe('statusUnchanged');
    const retitled = allowed(editAction(draft(), action(), { status: 'open', title: 'Retitled' }, change));
    expect(retitled.title).toBe('Retitled');
    expect(retitled).not.toHaveProperty('statusChangedAt');
  });
});
