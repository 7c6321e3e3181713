import { describe, expect, it } from 'vitest';
import {
  CHANGE_KINDS,
  LIMITS,
  addTalkingPoint,
  editTalkingPoint,
  removeTalkingPoint,
  startDraft,
  withRevisionChange,
  type Conversation,
} from '../../functions/src/domain';
import {
  agreedConversation,
  allowed,
  byEmployee,
  byManager,
  draftConversation,
  refusal,
} from '../support/domain-fixtures';

/** A draft with one talking point by Ava (point.1) and one by Morgan (point.2), both having confirmed. */
function withPoints(): Conversation {
  const first = allowed(addTalkingPoint(draftConversation(), { text: 'Mentoring the new joiners' }, byEmployee));
  const second = allowed(addTalkingPoint(first.conversation, { text: 'The conference budget' }, byManager));
  return {
    ...second.conversation,
    confirmations: [
      { role: 'employee', by: byEmployee.by, at: byEmployee.at, revision: second.conversation.revision },
      { role: 'manager', by: byManager.by, at: byManager.at, revision: second.conversation.revision },
    ],
  };
}

describe('a talking point’s author', () => {
  it('rewords their own point while a draft: the revision moves on and confirmations given before are withdrawn', () => {
    const before = withPoints();
    const { conversation, item } = allowed(
      editTalkingPoint(before, 'point.1', 'Mentoring two new joiners', byEmployee),
    );
    expect(item).toMatchObject({ id: 'point.1', text: 'Mentoring two new joiners', authorId: byEmployee.by });
    expect(conversation.revision).toBe(before.revision + 1);
    expect(conversation.confirmations).toEqual([]);
    expect(conversation.withdrawal).toMatchObject({ roles: ['employee', 'manager'], kind: 'agenda.edit' });
    expect(CHANGE_KINDS['agenda.edit']).toBe('edited a talking point');
    // The same words again change nothing: nobody's confirmation is withdrawn for it.
    const same = allowed(editTalkingPoint(before, 'point.1', 'Mentoring the new joiners', byEmployee));
    expect(same.conversation).toBe(before);
  });

  it('removes their own point while a draft, with the same effect on confirmations', () => {
    const before = withPoints();
    const after = allowed(removeTalkingPoint(before, 'point.2', byManager));
    expect(after.agenda.map((item) => item.id)).not.toContain('point.2');
    expect(after.agenda.filter((item) => item.source === 'talkingPoint').map((item) => item.id)).toEqual(['point.1']);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.withdrawal).toMatchObject({ roles: ['employee', 'manager'], kind: 'agenda.remove' });
    expect(CHANGE_KINDS['agenda.remove']).toBe('removed a talking point');
  });

  it('never hands a removed point’s id to another', () => {
    const before = withPoints();
    const removed = allowed(removeTalkingPoint(before, 'point.2', byManager));
    const added = allowed(addTalkingPoint(removed, { text: 'Another thought' }, byEmployee));
    expect(added.item.id).toBe('point.3');
    // Even when the newest is removed and the draft was stored without the counter (before it existed).
    const { talkingPointSeq: _forgotten, ...older } = removed;
    const legacy = allowed(addTalkingPoint(older, { text: 'x' }, byEmployee));
    expect(legacy.item.id).toBe('point.2');
    const again = allowed(
      addTalkingPoint(
        allowed(removeTalkingPoint(added.conversation, 'point.3', byEmployee)),
        { text: 'y' },
        byEmployee,
      ),
    );
    expect(again.item.id).toBe('point.4');
  });

  it('counts against the cap the points the agenda holds, not the numbers handed out', () => {
    let conversation = draftConversation();
    for (let index = 0; index < LIMITS.talkingPoints; index += 1) {
      conversation = allowed(addTalkingPoint(conversation, { text: `Point ${index + 1}` }, byEmployee)).conversation;
    }
    expect(refusal(addTalkingPoint(conversation, { text: 'One too many' }, byEmployee))).toBe('limitReached');
    for (const id of ['point.3', 'point.7']) conversation = allowed(removeTalkingPoint(conversation, id, byEmployee));
    const first = allowed(addTalkingPoint(conversation, { text: 'Room again' }, byManager));
    const second = allowed(addTalkingPoint(first.conversation, { text: 'And again' }, byManager));
    expect([first.item.id, second.item.id]).toEqual([
      `point.${LIMITS.talkingPoints + 1}`,
      `point.${LIMITS.talkingPoints + 2}`,
    ]);
    expect(refusal(addTalkingPoint(second.conversation, { text: 'Full again' }, byManager))).toBe('limitReached');
  });

  it('counts prepared points among the numbers given, and lets their author change them', () => {
    const started = startDraft(
      { id: '8000000000000abcdef', employeeId: 'ava', managerId: 'morgan', type: 'job' },
      [],
      byManager,
      [
        {
          id: 'p00000001',
          text: 'Prepared by Ava',
          by: byEmployee.by,
          role: 'employee',
          at: byEmployee.at,
          type: null,
        },
      ],
    );
    expect(started.talkingPointSeq).toBe(1);
    expect(allowed(editTalkingPoint(started, 'point.1', 'Reworded', byEmployee)).item).toMatchObject({
      text: 'Reworded',
      prepared: true,
    });
    expect(refusal(editTalkingPoint(started, 'point.1', 'Not mine', byManager))).toBe('notOwner');
    expect(allowed(addTalkingPoint(started, { text: 'Next' }, byManager)).item.id).toBe('point.2');
  });
});

describe('a talking point is not changed', () => {
  it('by the other person (notOwner, 403) — in the words people read', () => {
    const decision = editTalkingPoint(withPoints(), 'point.1', 'Changed by Morgan', byManager);
    expect(refusal(decision)).toBe('notOwner');
    expect(decision.ok ? null : decision.violation.title).toBe(
      'Only the person who added a talking point can change it',
    );
    expect(refusal(removeTalkingPoint(withPoints(), 'point.2', byEmployee))).toBe('notOwner');
  });

  it('when it is a template prompt or a carried action (422), missing (404), or the conversation is agreed (409)', () => {
    expect(refusal(editTalkingPoint(withPoints(), 'goals.learn', 'Mine now', byEmployee))).toBe('notTalkingPoint');
    const carried = withRevisionChange(
      {
        ...withPoints(),
        agenda: [
          ...withPoints().agenda,
          {
            id: 'carried.1',
            sectionId: 'review',
            text: 'Earlier action',
            source: 'carried',
            optional: false,
            carriedAction: { conversationId: '8100000000000aaaaaa', actionId: 'a1' },
            discussed: false,
          },
        ],
      },
      byEmployee,
      'agenda.add',
    );
    expect(refusal(removeTalkingPoint(carried, 'carried.1', byEmployee))).toBe('notTalkingPoint');
    expect(refusal(removeTalkingPoint(withPoints(), 'point.9', byEmployee))).toBe('itemNotFound');
    const agreed = agreedConversation({ agenda: withPoints().agenda });
    expect(refusal(editTalkingPoint(agreed, 'point.1', 'Late change', byEmployee))).toBe('conversationAgreed');
    expect(refusal(removeTalkingPoint(agreed, 'point.1', byEmployee))).toBe('conversationAgreed');
  });
});
