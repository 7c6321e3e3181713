import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_WORDS,
  JOB_DEVELOPMENT_CADENCE_DAYS,
  NEXT_CONVERSATION_MAX_DAYS,
  discussionProgress,
  isJobDevelopmentOverdue,
  jobDevelopmentCountsFrom,
  jobDevelopmentStatus,
  setNextConversation,
  suggestedPlanOf,
  templateAgenda,
  upcomingConversation,
} from '../../functions/src/domain';
import { byEmployee } from '../support/domain-fixtures';

const NOW = new Date('2026-07-10T09:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe('the job development cadence', () => {
  it('counts from the last agreed job conversation, or from the plan’s start when that is later', () => {
    expect(jobDevelopmentCountsFrom(daysAgo(200), daysAgo(10))).toBe(daysAgo(10));
    expect(jobDevelopmentCountsFrom(daysAgo(10), daysAgo(200))).toBe(daysAgo(10));
    expect(jobDevelopmentCountsFrom(null, daysAgo(5))).toBe(daysAgo(5));
    expect(jobDevelopmentCountsFrom(null, null)).toBeNull();
  });

  it('is not overdue for a new starter on day one, nor on the 120th day; overdue by the days past it after', () => {
    expect(jobDevelopmentStatus(null, daysAgo(0), NOW)).toEqual({ overdue: false, overdueDays: null });
    expect(jobDevelopmentStatus(null, daysAgo(JOB_DEVELOPMENT_CADENCE_DAYS), NOW)).toEqual({
      overdue: false,
      overdueDays: null,
    });
    expect(jobDevelopmentStatus(null, daysAgo(JOB_DEVELOPMENT_CADENCE_DAYS + 1), NOW)).toEqual({
      overdue: true,
      overdueDays: 1,
    });
    // Ben: his last job conversation 210 days ago, his plan older still: 90 days past the cadence.
    expect(jobDevelopmentStatus(daysAgo(210), daysAgo(400), NOW)).toEqual({ overdue: true, overdueDays: 90 });
  });

  it('treats a summary from before starts were recorded as started long ago: overdue, with no days to count', () => {
    expect(jobDevelopmentStatus(null, null, NOW)).toEqual({ overdue: true, overdueDays: null });
    expect(isJobDevelopmentOverdue(undefined, NOW)).toBe(true);
    expect(isJobDevelopmentOverdue(daysAgo(30), NOW)).toBe(false);
    expect(isJobDevelopmentOverdue(null, NOW, daysAgo(30))).toBe(false);
  });
});

describe('the count of discussed items', () => {
  it('counts the items that can be ticked, the review of carried actions aside, the same everywhere', () => {
    const agenda = [
      ...templateAgenda('job').map((item, index) => ({ ...item, discussed: index < 4 })),
      { source: 'carried' as const, discussed: false },
      { source: 'carried' as const, discussed: true },
    ];
    expect(discussionProgress(agenda)).toEqual({ discussed: 4, total: templateAgenda('job').length });
    expect(discussionProgress([])).toEqual({ discussed: 0, total: 0 });
  });
});

describe('the next conversation', () => {
  it('may be set from today up to a year ahead, and cleared', () => {
    expect(setNextConversation({ date: '2026-07-10', type: null }, byEmployee, NOW)).toEqual({
      ok: true,
      value: { date: '2026-07-10', type: null, by: byEmployee.by, role: 'employee', at: byEmployee.at },
    });
    const latest = new Date(NOW.getTime() + NEXT_CONVERSATION_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
    expect(setNextConversation({ date: latest, type: 'job' }, byEmployee, NOW).ok).toBe(true);
    expect(setNextConversation({ date: null, type: 'job' }, byEmployee, NOW)).toEqual({ ok: true, value: null });
  });

  it('refuses a day that has passed or lies more than a year ahead, naming the field', () => {
    for (const date of ['2026-07-09', '2027-07-12', '2030-01-01']) {
      const decision = setNextConversation({ date, type: null }, byEmployee, NOW);
      expect(decision.ok ? null : decision.violation).toMatchObject({ code: 'nextConversationDate', field: 'date' });
    }
  });

  it('shows as none once its day has passed', () => {
    const next = { date: '2026-07-10', type: 'career' as const };
    expect(upcomingConversation(next, NOW)).toEqual(next);
    expect(upcomingConversation(next, new Date('2026-07-11T00:00:00.000Z'))).toBeNull();
    expect(upcomingConversation(null, NOW)).toBeNull();
  });
});

describe('the suggested partner in a meeting', () => {
  const morgan = { id: 'morgan', managerId: 'sam', reportIds: ['ava', 'ben', 'chloe'] };
  it('is the one report in the chat for a manager, and the caller’s own plan for an employee with their manager', () => {
    expect(suggestedPlanOf(morgan, ['morgan', 'ava'])).toBe('ava');
    expect(suggestedPlanOf(morgan, ['MORGAN', 'Ava', 'someone-else'])).toBe('ava');
    expect(suggestedPlanOf({ id: 'ava', managerId: 'morgan', reportIds: [] }, ['morgan', 'ava'])).toBe('ava');
    // Morgan's own manager is in the chat with him: Morgan's plan.
    expect(suggestedPlanOf(morgan, ['morgan', 'sam'])).toBe('morgan');
  });

  it('is nothing when unknown, when the caller is not in the chat, or when more than one fits', () => {
    expect(suggestedPlanOf(morgan, null)).toBeNull();
    expect(suggestedPlanOf(morgan, ['ava', 'ben'])).toBeNull();
    expect(suggestedPlanOf(morgan, ['ava'])).toBeNull();
    expect(suggestedPlanOf(morgan, ['morgan', 'ava', 'ben'])).toBeNull();
    expect(suggestedPlanOf(morgan, ['morgan', 'ava', 'sam'])).toBeNull();
    expect(suggestedPlanOf(morgan, ['morgan', 'dana'])).toBeNull();
    expect(suggestedPlanOf(morgan, ['morgan'])).toBeNull();
  });
});

describe('the audit trail’s words', () => {
  it('say each kind once, with a confirmation and an agreement told apart', () => {
    expect(Object.keys(AUDIT_ACTION_WORDS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(new Set(Object.values(AUDIT_ACTION_WORDS)).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTION_WORDS['conversation.confirm']).toBe('confirmed a version of a conversation');
    expect(AUDIT_ACTION_WORDS['conversation.agree']).toBe('agreed a conversation: both confirmed the same version');
    expect(AUDIT_ACTION_WORDS['agenda.edit']).toBe('edited a talking point');
    expect(AUDIT_ACTION_WORDS['agenda.remove']).toBe('removed a talking point');
  });
});
