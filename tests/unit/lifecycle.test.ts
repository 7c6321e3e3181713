import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  carryForward,
  checkActionShape,
  checkCanAddAction,
  checkCanAddTalkingPoint,
  checkEditable,
  checkStatusChange,
} from '../../functions/src/domain';
import { anAction, draftConversation } from '../support/domain-fixtures';

const draft = draftConversation;
const action = anAction;

describe('the conversation lifecycle', () => {
  it('freezes the agenda and the action list after agreement', () => {
    const agreed = draft({ status: 'agreed', agreedAt: '2026-02-01T10:00:00.000Z' });
    expect(checkEditable(agreed)?.code).toBe('conversationAgreed');
    expect(checkEditable(agreed)?.detail).toMatch(/2026-02-01/);
    expect(checkCanAddTalkingPoint(agreed)?.code).toBe('conversationAgreed');
    expect(checkCanAddAction(agreed, 0)?.code).toBe('conversationAgreed');
  });

  it('still lets an agreed action move to done or dropped, and back to open', () => {
    const agreed = action('a1', 'employee', { agreed: true });
    expect(checkStatusChange(agreed, 'done')).toBeNull();
    expect(checkStatusChange(agreed, 'dropped')).toBeNull();
    expect(checkStatusChange({ status: 'done' }, 'open')).toBeNull();
    expect(checkStatusChange(agreed, 'open')?.code).toBe('statusUnchanged');
  });

  it('asks for a kind of learning on job-development actions only', () => {
    expect(checkActionShape('job', {})?.code).toBe('invalidAction');
    expect(checkActionShape('job', { learningKind: 'formal' })).toBeNull();
    expect(checkActionShape('career', {})).toBeNull();
  });

  it('caps talking points and actions so agreement fits in one transaction', () => {
    const points = Array.from({ length: LIMITS.talkingPoints }, (_, index) => ({
      id: `point.${index + 1}`,
      sectionId: 'talkingPoints',
      text: 'x',
      source: 'talkingPoint' as const,
      optional: false,
      discussed: false,
    }));
    expect(checkCanAddTalkingPoint(draft({ agenda: points }))?.code).toBe('limitReached');
    expect(checkCanAddAction(draft(), LIMITS.actions)?.code).toBe('limitReached');
    expect(checkCanAddAction(draft(), LIMITS.actions - 1)).toBeNull();
    // Agreement writes the conversation, its actions, the reviewed earlier actions, the other open draft
    // when it lists one of them, the counters, the audit entry and the clock in one transaction: it must
    // fit Table Storage's 100 operations.
    expect(1 + LIMITS.actions + LIMITS.carriedActions + 1 + 1 + 1 + 1).toBeLessThanOrEqual(100);
  });
});

describe('carry-forward', () => {
  it('brings agreed open actions onto the review section, newest first, and nothing else', () => {
    const earlier = [
      action('a1', 'employee', { agreed: true, conversationId: '8100000000000aaaaaa' }),
      action('a2', 'manager', { agreed: true, status: 'done', conversationId: '8100000000000aaaaaa' }),
      action('a3', 'employee', { agreed: true, status: 'dropped', conversationId: '8100000000000aaaaaa' }),
      action('a4', 'employee', { agreed: false, conversationId: '8200000000000aaaaaa' }),
      action('a1', 'manager', { agreed: true, conversationId: '8300000000000aaaaaa' }),
    ];
    const { items, leftOut } = carryForward(earlier, 'job');
    expect(leftOut).toBe(0);
    expect(items.map((item) => item.carriedAction)).toEqual([
      { conversationId: '8100000000000aaaaaa', actionId: 'a1' },
      { conversationId: '8300000000000aaaaaa', actionId: 'a1' },
    ]);
    expect(items.every((item) => item.sectionId === 'review' && item.source === 'carried' && !item.discussed)).toBe(
      true,
    );
  });

  it('carries an action only into the next conversation of its own type', () => {
    const earlier = [
      action('a1', 'employee', { agreed: true, conversationType: 'job' }),
      action('a2', 'employee', { agreed: true, conversationType: 'career', conversationId: '8100000000000aaaaaa' }),
    ];
    expect(carryForward(earlier, 'job').items.map((item) => item.carriedAction?.actionId)).toEqual(['a1']);
    expect(carryForward(earlier, 'career').items.map((item) => item.carriedAction?.conversationId)).toEqual([
      '8100000000000aaaaaa',
    ]);
  });

  it('keeps the newest when more are open than the agenda holds', () => {
    const many = Array.from({ length: LIMITS.carriedActions + 3 }, (_, index) =>
      action(`a${index + 1}`, 'employee', { agreed: true }),
    );
    const { items, leftOut } = carryForward(many, 'job');
    expect(items).toHaveLength(LIMITS.carriedActions);
    expect(leftOut).toBe(3);
    expect(items[0]?.carriedAction?.actionId).toBe('a1');
  });
});
