import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../functions/src/contract';
import { actionKey, itemKey, newsBetween } from '../../tab/src/api/news';

const EMPLOYEE = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
const MANAGER = '494b5923-1c8f-4e15-8c83-791534de2497';
const AT = '2026-12-07T10:00:00.000Z';

/** A draft as the manager sees it, with one template item and nothing else. */
function view(change: (view: ConversationView) => void = () => undefined): ConversationView {
  const base = {
    role: 'manager',
    employee: { id: EMPLOYEE, displayName: 'Ava Patel' },
    manager: { id: MANAGER, displayName: 'Morgan Lee' },
    conversation: {
      id: '8254023516398abc123',
      employeeId: EMPLOYEE,
      managerId: MANAGER,
      type: 'job',
      status: 'draft',
      agenda: [
        {
          id: 'goals.objectives',
          sectionId: 'goals',
          text: 'Which goals?',
          source: 'template',
          optional: false,
          discussed: false,
        },
      ],
      createdBy: MANAGER,
      createdAt: AT,
      revision: 1,
      confirmations: [],
      etag: 'W/"1"',
    },
    actions: [],
  } as unknown as ConversationView;
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const point = (id: string, authorId: string, text = 'The on-call rota') => ({
  id,
  sectionId: 'talkingPoints',
  text,
  source: 'talkingPoint' as const,
  optional: false,
  authorId,
  discussed: false,
});

const action = (id: string, createdBy: string, title = 'Book the course') => ({
  id,
  conversationId: '8254023516398abc123',
  title,
  owner: 'employee' as const,
  status: 'open' as const,
  agreed: false,
  createdBy,
  createdAt: AT,
  etag: `W/"${id}"`,
});

describe('what the other person just did', () => {
  it('marks the talking points, notes and actions the other person added, and nothing of the person’s own', () => {
    const before = view();
    const after = view((next) => {
      next.conversation.agenda.push(point('point.1', EMPLOYEE), point('point.2', MANAGER, 'Mine'));
      next.conversation.agenda[0]!.notes = [
        { role: 'employee', by: EMPLOYEE, at: AT, text: 'Billing first.' },
        { role: 'manager', by: MANAGER, at: AT, text: 'My own note.' },
      ];
      next.actions.push(action('a1', EMPLOYEE), action('a2', MANAGER, 'Mine too'));
    });
    expect(newsBetween(before, after).sort()).toEqual(
      [
        itemKey('point.1'),
        itemKey('goals.objectives'),
        actionKey({ conversationId: '8254023516398abc123', id: 'a1' }),
      ].sort(),
    );
  });

  it('marks an action the other person changed, and a note they rewrote, but not a tick or an unchanged view', () => {
    const before = view((next) => {
      next.actions.push(action('a1', MANAGER));
      next.conversation.agenda[0]!.notes = [{ role: 'employee', by: EMPLOYEE, at: AT, text: 'First.' }];
    });
    expect(newsBetween(before, structuredClone(before))).toEqual([]);
    const after = structuredClone(before);
    after.actions[0]!.title = 'Book the automation course';
    after.conversation.lastChange = { by: EMPLOYEE, role: 'employee', at: AT, kind: 'action.change' };
    after.conversation.agenda[0]!.notes = [
      { role: 'employee', by: EMPLOYEE, at: '2026-12-07T10:05:00.000Z', text: 'Second.' },
    ];
    after.conversation.agenda[0]!.discussed = true;
    expect(newsBetween(before, after).sort()).toEqual(
      [itemKey('goals.objectives'), actionKey({ conversationId: '8254023516398abc123', id: 'a1' })].sort(),
    );
    // The same change made by the person looking is no news to them.
    after.conversation.lastChange = { by: MANAGER, role: 'manager', at: AT, kind: 'action.change' };
    expect(newsBetween(before, after)).toEqual([itemKey('goals.objectives')]);
  });

  it('says nothing across two different conversations', () => {
    const other = view((next) => {
      next.conversation.id = '8254023516398xyz789';
      next.conversation.agenda.push(point('point.1', EMPLOYEE));
    });
    expect(newsBetween(view(), other)).toEqual([]);
  });
});
