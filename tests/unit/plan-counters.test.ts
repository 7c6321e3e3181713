import { describe, expect, it } from 'vitest';
import {
  countersAfterAgree,
  countersAfterStart,
  countersAfterStatusChange,
  emptyCounters,
  type Action,
  type Agreement,
  type Conversation,
} from '../../functions/src/domain';
import { anAction, draftConversation } from '../support/domain-fixtures';

const conversation = draftConversation;
const action = (owner: Action['owner'], overrides: Partial<Action> = {}): Action =>
  anAction('a1', owner, { agreed: true, ...overrides });

/** An agreement as the domain records it, for the counters to follow. */
function agreement(agreed: Conversation, agreedActions: Action[], reviewedActions: Action[] = []): Agreement {
  return { conversation: agreed, agreedActions, removedActions: [], reviewedActions };
}

describe('the plan counters', () => {
  it('record a new draft as the draft of its type, and refuse a second one naming the first', () => {
    const started = countersAfterStart(emptyCounters(), conversation());
    expect(started.ok && started.value.drafts).toEqual({ job: '8000000000000abcdef', career: null });
    if (!started.ok) throw new Error('expected the first draft to be allowed');
    const second = countersAfterStart(started.value, conversation({ id: '7000000000000abcdef' }));
    expect(second.ok).toBe(false);
    expect(second.ok ? null : second.violation).toMatchObject({
      code: 'draftExists',
      existingConversationId: '8000000000000abcdef',
    });
    const career = countersAfterStart(started.value, conversation({ id: '7000000000000abcdef', type: 'career' }));
    expect(career.ok).toBe(true);
  });

  it('close the draft, date the type and count open actions per owner on agreement', () => {
    const counters = {
      ...emptyCounters('2026-01-01T09:00:00.000Z'),
      drafts: { job: '8000000000000abcdef', career: null },
    };
    const agreed = conversation({ status: 'agreed', agreedAt: '2026-02-01T10:00:00.000Z' });
    const after = countersAfterAgree(
      counters,
      agreement(agreed, [
        action('employee'),
        action('employee', { id: 'a2' }),
        action('manager', { id: 'a3' }),
        action('manager', { id: 'a4', status: 'dropped' }),
      ]),
      [],
    );
    expect(after).toEqual({
      agreedConversations: 1,
      lastAgreed: { job: '2026-02-01T10:00:00.000Z', career: null },
      lastAgreedIds: { job: '8000000000000abcdef', career: null },
      drafts: { job: null, career: null },
      openActions: { employee: 2, manager: 1 },
      // The plan's start stays where it was: agreeing does not start it again.
      startedAt: '2026-01-01T09:00:00.000Z',
    });
  });

  it('leave another draft of the same type in place when agreeing', () => {
    const counters = { ...emptyCounters(), drafts: { job: '7000000000000zzzzzz', career: null } };
    const after = countersAfterAgree(
      counters,
      agreement(conversation({ agreedAt: '2026-02-01T10:00:00.000Z' }), []),
      [],
    );
    expect(after.drafts.job).toBe('7000000000000zzzzzz');
  });

  it("follow the review: earlier actions closed or reopened at agreement move their owner's count", () => {
    const earlierId = '8100000000000aaaaaa';
    const before = [
      action('manager', { id: 'a1', conversationId: earlierId }),
      action('employee', { id: 'a2', conversationId: earlierId, status: 'done' }),
    ];
    const reviewed = [
      action('manager', { id: 'a1', conversationId: earlierId, status: 'done' }),
      action('employee', { id: 'a2', conversationId: earlierId, status: 'open' }),
    ];
    const counters = { ...emptyCounters(), openActions: { employee: 0, manager: 1 } };
    const after = countersAfterAgree(
      counters,
      agreement(conversation({ agreedAt: '2026-02-01T10:00:00.000Z' }), [], reviewed),
      before,
    );
    expect(after.openActions).toEqual({ employee: 1, manager: 0 });
  });

  it('move the open count of the owner when an agreed action is done or reopened, never below zero', () => {
    const done = countersAfterStatusChange(action('manager'), action('manager', { status: 'done' }));
    expect(done).not.toBeNull();
    const base = { ...emptyCounters(), openActions: { employee: 2, manager: 1 } };
    expect(done?.(base).openActions).toEqual({ employee: 2, manager: 0 });
    expect(done?.(emptyCounters()).openActions.manager).toBe(0);
    const reopened = countersAfterStatusChange(action('employee', { status: 'dropped' }), action('employee'));
    expect(reopened?.(base).openActions).toEqual({ employee: 3, manager: 1 });
  });

  it('do not move for drafts, unchanged statuses, or done to dropped', () => {
    expect(
      countersAfterStatusChange(action('employee', { agreed: false }), action('employee', { status: 'done' })),
    ).toBeNull();
    expect(countersAfterStatusChange(action('employee'), action('employee'))).toBeNull();
    expect(
      countersAfterStatusChange(action('employee', { status: 'done' }), action('employee', { status: 'dropped' })),
    ).toBeNull();
  });
});
