import { describe, expect, it } from 'vitest';
import {
  addTalkingPoint,
  editAction,
  editTalkingPoint,
  proposeReview,
  removeAction,
  startDraft,
  tickAgendaItem,
  writeItemNote,
  type Action,
  type Decision,
  type ActionEdit,
  type AgendaItem,
  type Conversation,
  type PreparedPoint,
} from '../../functions/src/domain';
import {
  CONVERSATION_ID,
  agreedConversation,
  allowed,
  anAction,
  byEmployee,
  byManager,
  draftConversation,
} from '../support/domain-fixtures';

/*
 * The edits of a draft touch what they name and nothing else, move the revision with the kind of
 * change people are told about, and say in words why they are refused. After agreement, nothing but
 * an action's status moves: a status sent together with any other field is refused whole.
 */

const EARLIER = '8100000000000aaaaaa';

/** The agenda of `after` equals that of `before` but for the item `itemId`. */
function expectOnlyChanged(before: Conversation, after: Conversation, itemId: string): void {
  const others = (conversation: Conversation) => conversation.agenda.filter((item) => item.id !== itemId);
  expect(others(after)).toEqual(others(before));
  expect(after.agenda.map((item) => item.id)).toEqual(before.agenda.map((item) => item.id));
}

function violationOf(decision: Decision<unknown>) {
  return decision.ok ? null : decision.violation;
}

describe('a new draft', () => {
  it('adds prepared points as required, undiscussed talking points of their authors, and counts them', () => {
    const prepared: PreparedPoint[] = [
      { id: 'p00000001', text: 'Certification', by: 'ava', role: 'employee', at: byEmployee.at, type: null },
    ];
    const draft = startDraft(
      { id: CONVERSATION_ID, employeeId: 'ava', managerId: 'morgan', type: 'job' },
      [],
      byManager,
      prepared,
    );
    expect(draft.agenda.at(-1)).toEqual({
      id: 'point.1',
      sectionId: 'talkingPoints',
      text: 'Certification',
      source: 'talkingPoint',
      optional: false,
      authorId: 'ava',
      discussed: false,
      prepared: true,
    });
    expect(draft.talkingPointSeq).toBe(1);
  });

  it('puts carried actions up for review as required, undiscussed items numbered from 1', () => {
    const earlier = [anAction('a7', 'manager', { conversationId: EARLIER, agreed: true, title: 'Book the course' })];
    const draft = startDraft(
      { id: CONVERSATION_ID, employeeId: 'ava', managerId: 'morgan', type: 'job' },
      earlier,
      byManager,
    );
    expect(draft.agenda.filter((item) => item.source === 'carried')).toEqual([
      {
        id: 'carried.1',
        sectionId: 'review',
        text: 'Book the course',
        source: 'carried',
        optional: false,
        carriedAction: { conversationId: EARLIER, actionId: 'a7' },
        discussed: false,
      },
    ]);
    expect(draft).not.toHaveProperty('talkingPointSeq');
  });
});

describe('talking points', () => {
  it('number on from the talking points alone, whatever the carried items are numbered', () => {
    const earlier = ['a1', 'a2', 'a3'].map((id) => anAction(id, 'employee', { conversationId: EARLIER, agreed: true }));
    const draft = startDraft(
      { id: CONVERSATION_ID, employeeId: 'ava', managerId: 'morgan', type: 'job' },
      earlier,
      byManager,
    );
    expect(allowed(addTalkingPoint(draft, { text: 'Budget' }, byEmployee)).item.id).toBe('point.1');
  });

  it('are added as required items, and refused in a section the agenda lacks, in words', () => {
    const { item } = allowed(addTalkingPoint(draftConversation(), { text: 'Budget', sectionId: 'formal' }, byEmployee));
    expect(item).toMatchObject({ sectionId: 'formal', optional: false });
    expect(violationOf(addTalkingPoint(draftConversation(), { text: 'x', sectionId: 'review' }, byEmployee))).toEqual({
      code: 'invalidSection',
      title: 'No such section',
      detail: 'A job-development agenda has no section "review".',
      field: 'sectionId',
    });
  });

  it('are reworded in place, the rest of the agenda as it was', () => {
    const added = allowed(addTalkingPoint(draftConversation(), { text: 'Budget' }, byEmployee)).conversation;
    const edited = allowed(editTalkingPoint(added, 'point.1', 'Training budget', byEmployee)).conversation;
    expectOnlyChanged(added, edited, 'point.1');
    expect(edited.agenda.find((item) => item.id === 'point.1')?.text).toBe('Training budget');
  });

  it('say why a template prompt, someone else’s point or a missing item cannot be changed', () => {
    const added = allowed(addTalkingPoint(draftConversation(), { text: 'Budget' }, byEmployee)).conversation;
    const prompt = added.agenda[0]!.id;
    expect(violationOf(editTalkingPoint(added, prompt, 'x', byEmployee))).toMatchObject({
      code: 'notTalkingPoint',
      title: 'Only talking points can be changed',
      detail: expect.stringMatching(/^This item comes from the agenda template/) as unknown,
    });
    expect(violationOf(editTalkingPoint(added, 'point.1', 'x', byManager))).toMatchObject({
      code: 'notOwner',
      detail: 'The other person added this talking point. Ask them to change it, or add one of your own.',
    });
    expect(violationOf(editTalkingPoint(added, 'point.9', 'x', byEmployee))).toEqual({
      code: 'itemNotFound',
      title: 'Not found',
      detail: 'There is no such agenda item here.',
    });
  });
});

describe('ticks and notes', () => {
  it('change the item ticked alone', () => {
    const before = draftConversation();
    const itemId = before.agenda[1]!.id;
    const ticked = allowed(tickAgendaItem(before, itemId, true, byEmployee)).conversation;
    expectOnlyChanged(before, ticked, itemId);
    expect(ticked.agenda[1]).toMatchObject({ id: itemId, discussed: true, discussedBy: 'ava' });
  });

  it('change the item written under alone, and leave no empty list when the last note goes', () => {
    const before = draftConversation();
    const itemId = before.agenda[1]!.id;
    const written = allowed(writeItemNote(before, itemId, 'Said a lot', byManager)).conversation;
    expectOnlyChanged(before, written, itemId);
    expect(written.agenda[1]?.notes?.map((note) => note.text)).toEqual(['Said a lot']);
    const cleared = allowed(writeItemNote(written, itemId, '', byManager));
    expect(cleared.item).not.toHaveProperty('notes');
    expect(cleared.item).toEqual(before.agenda[1]);
  });

  it("keep the employee's note first whoever writes first, and each person's own note in its place when edited", () => {
    const before = draftConversation();
    const itemId = before.agenda[1]!.id;
    const roles = (conversation: typeof before) => conversation.agenda[1]?.notes?.map((note) => note.role);
    const managerFirst = allowed(writeItemNote(before, itemId, 'Her view', byManager)).conversation;
    const both = allowed(writeItemNote(managerFirst, itemId, 'My view', byEmployee)).conversation;
    expect(roles(both)).toEqual(['employee', 'manager']);
    const edited = allowed(writeItemNote(both, itemId, 'Her view, revised', byManager)).conversation;
    expect(roles(edited)).toEqual(['employee', 'manager']);
    expect(edited.agenda[1]?.notes?.map((note) => note.text)).toEqual(['My view', 'Her view, revised']);
  });
});

describe('a proposal for a carried action', () => {
  const carried: AgendaItem = {
    id: 'carried.1',
    sectionId: 'review',
    text: 'Book the course',
    source: 'carried',
    optional: false,
    carriedAction: { conversationId: EARLIER, actionId: 'a1' },
    discussed: false,
  };
  const withCarried = (): Conversation => {
    const draft = draftConversation();
    return { ...draft, agenda: [...draft.agenda, carried] };
  };

  it('is refused on an item that is not a carried action, naming the field', () => {
    const prompt = draftConversation().agenda[0]!.id;
    expect(violationOf(proposeReview(withCarried(), prompt, 'done', byEmployee))).toEqual({
      code: 'notCarried',
      title: 'Only earlier actions take a proposal',
      detail: 'A status can be proposed for the actions carried from last time; this item is not one of them.',
      field: 'proposal',
    });
  });

  it('moves the revision when it changes, tells who proposed, and changes nothing when it is the same again', () => {
    const proposed = allowed(proposeReview(withCarried(), 'carried.1', 'done', byEmployee)).conversation;
    expect(proposed.lastChange).toEqual({ ...byEmployee, kind: 'review.propose' });
    const again = allowed(proposeReview(proposed, 'carried.1', 'done', byManager));
    expect(again.conversation).toBe(proposed);
    expect(again.item.proposal?.by).toBe('ava');
    const nothing = allowed(proposeReview(withCarried(), 'carried.1', null, byEmployee));
    expect(nothing.conversation.revision).toBe(0);
  });
});

describe('an action of a draft', () => {
  const full = (): Action =>
    anAction('a1', 'employee', { learningKind: 'formal', dueDate: '2026-05-01', focusArea: 'Design', title: 'Course' });
  const careerDraft = () => draftConversation({ type: 'career' });

  it('keeps every field not sent', () => {
    const edited = allowed(editAction(careerDraft(), full(), { status: 'dropped' }, byEmployee)).action;
    expect(edited).toEqual({ ...full(), status: 'dropped', statusChangedAt: byEmployee.at, statusChangedBy: 'ava' });
  });

  it('sets each field sent', () => {
    const edit: ActionEdit = { learningKind: 'onTheJob', dueDate: '2026-06-01', focusArea: 'Delivery' };
    expect(allowed(editAction(careerDraft(), full(), edit, byEmployee)).action).toEqual({ ...full(), ...edit });
  });

  it('clears each optional field sent as null, where the conversation’s type allows', () => {
    const edit: ActionEdit = { learningKind: null, dueDate: null, focusArea: null };
    const cleared = allowed(editAction(careerDraft(), full(), edit, byEmployee)).action;
    const { learningKind: _kind, dueDate: _due, focusArea: _area, ...rest } = full();
    expect(cleared).toEqual(rest);
    expect(cleared).not.toHaveProperty('learningKind');
    expect(cleared).not.toHaveProperty('dueDate');
    expect(cleared).not.toHaveProperty('focusArea');
  });

  it('is not marked done before agreement, and the refusal names the field', () => {
    expect(violationOf(editAction(careerDraft(), full(), { status: 'done' }, byEmployee))).toEqual({
      code: 'invalidAction',
      title: 'Not agreed yet',
      detail: 'An action can be marked done once both of you have agreed the plan. Until then, keep it or drop it.',
      field: 'status',
    });
  });

  it('is removed while a draft: the revision moves on and says so', () => {
    const confirmed = draftConversation({ confirmations: [{ ...byManager, revision: 0 }] });
    const removed = allowed(removeAction(confirmed, byEmployee));
    expect(removed).toMatchObject({
      revision: 1,
      confirmations: [],
      lastChange: { ...byEmployee, kind: 'action.remove' },
    });
    expect(removed.withdrawal?.roles).toEqual(['manager']);
    expect(violationOf(removeAction(agreedConversation(), byEmployee))).toMatchObject({ code: 'conversationAgreed' });
  });
});

describe('an action of an agreed conversation', () => {
  const agreedAction = anAction('a1', 'employee', { agreed: true, learningKind: 'formal' });

  it.each<[string, ActionEdit]>([
    ['a title', { title: 'Retitled' }],
    ['an owner', { owner: 'manager' }],
    ['a kind of learning', { learningKind: 'onTheJob' }],
    ['a due date', { dueDate: '2026-09-01' }],
    ['a focus area', { focusArea: 'Design' }],
  ])('refuses %s sent with a status, though its owner may move the status', (_field, edit) => {
    expect(
      violationOf(editAction(agreedConversation(), agreedAction, { ...edit, status: 'done' }, byEmployee)),
    ).toMatchObject({ code: 'conversationAgreed', title: 'This conversation is already agreed' });
  });

  it('refuses an edit that changes nothing at all', () => {
    expect(violationOf(editAction(agreedConversation(), agreedAction, {}, byEmployee))).toMatchObject({
      code: 'conversationAgreed',
    });
  });

  it('says on which day it was agreed, or that it was an earlier day when that is not known', () => {
    const dated = violationOf(editAction(agreedConversation(), agreedAction, { title: 'x' }, byEmployee));
    expect(dated).toMatchObject({
      detail: expect.stringMatching(/^It was agreed on 2026-02-01, so it is a record now/) as unknown,
    });
    const undated = agreedConversation();
    delete undated.agreedAt;
    expect(violationOf(editAction(undated, agreedAction, { title: 'x' }, byEmployee))).toMatchObject({
      detail: expect.stringMatching(/^It was agreed on an earlier day, so/) as unknown,
    });
  });
});
