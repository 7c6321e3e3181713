import { describe, expect, it } from 'vitest';
import {
  NO_CHECK_NEEDED,
  NUDGE_TITLE_CHARS,
  NudgeNotificationModel,
  defaultNudgePreferences,
  nextNudgeCheck,
  planNudges,
  teamDigestNudges,
  type Confirmation,
  type NudgeAction,
  type NudgeDraft,
  type NudgeNotification,
  type PlanNudgeInputs,
} from '../../functions/src/domain';
import { anAction } from '../support/domain-fixtures';

/*
 * The edges of the nudges' timing: the day an action is last nudged as overdue, the hour a
 * confirmation has waited, which drafts count, and the first day the timer looks at a plan again.
 */

const ava = { id: 'ava', displayName: 'Ava Patel' };
const morgan = { id: 'morgan', displayName: 'Morgan Lee' };
/** Tuesday 10 March 2026, 06:00 UTC: when the daily timer runs. */
const NOW = new Date('2026-03-10T06:00:00.000Z');
const AGREED = '8000000000000abcdef';
const DRAFT = '7900000000000ghijkl';

function due(dueDate: string, overrides: Partial<NudgeAction> = {}): NudgeAction {
  return anAction('a1', 'employee', { conversationId: AGREED, agreed: true, dueDate, ...overrides });
}

function inputs(overrides: Partial<PlanNudgeInputs> = {}): PlanNudgeInputs {
  return {
    now: NOW,
    employee: ava,
    manager: morgan,
    actions: [],
    // Agreed 40 days before: within the cadence, which falls overdue on 30 May.
    lastAgreed: { job: '2026-01-29T10:00:00.000Z', career: null },
    startedAt: null,
    drafts: [],
    nextConversation: null,
    preferences: new Map(),
    alreadySent: new Set(),
    ...overrides,
  };
}

function draft(overrides: Partial<NudgeDraft> = {}): NudgeDraft {
  return {
    id: DRAFT,
    type: 'career',
    status: 'draft',
    managerId: 'morgan',
    revision: 3,
    confirmations: [],
    ...overrides,
  };
}

const confirmedAt = (at: string, revision = 3): Confirmation => ({ role: 'employee', by: 'ava', at, revision });

const kinds = (nudges: NudgeNotification[]) => nudges.map((nudge) => nudge.activityType);

describe('the nudges of one plan, at their edges', () => {
  it('keep an action title of exactly the readable length whole', () => {
    const title = 'x'.repeat(NUDGE_TITLE_CHARS);
    const [nudge] = planNudges(inputs({ actions: [due('2026-03-11', { title })] }));
    expect(nudge?.templateParameters).toEqual({ actionTitle: title, dueIn: 'tomorrow' });
  });

  it('nudge an overdue action up to 14 days after its due date, not after', () => {
    expect(kinds(planNudges(inputs({ actions: [due('2026-02-24')] })))).toEqual(['actionOverdue']);
    expect(planNudges(inputs({ actions: [due('2026-02-23')] }))).toEqual([]);
  });

  it('call job development overdue while only a career conversation is in progress', () => {
    const overdue = inputs({ lastAgreed: { job: '2025-10-01T10:00:00.000Z', career: null } });
    expect(kinds(planNudges({ ...overdue, drafts: [draft({ type: 'career' })] }))).toEqual([
      'jobDevelopmentOverdue',
      'jobDevelopmentReminder',
    ]);
    expect(planNudges({ ...overdue, drafts: [draft({ type: 'job' })] })).toEqual([]);
  });

  it('tell the other person of a confirmation once it has waited exactly an hour', () => {
    const waited = draft({ confirmations: [confirmedAt('2026-03-10T05:00:00.000Z')] });
    expect(kinds(planNudges(inputs({ drafts: [waited] })))).toEqual(['confirmationWaiting']);
    const notYet = draft({ confirmations: [confirmedAt('2026-03-10T05:00:00.001Z')] });
    expect(planNudges(inputs({ drafts: [notYet] }))).toEqual([]);
  });

  it('tell nobody of a confirmation on a draft begun with a former manager, or when both confirmed', () => {
    const yesterday = '2026-03-09T10:00:00.000Z';
    const formerManagers = draft({ managerId: 'dana', confirmations: [confirmedAt(yesterday)] });
    expect(planNudges(inputs({ drafts: [formerManagers] }))).toEqual([]);
    const both = draft({
      confirmations: [confirmedAt(yesterday), { role: 'manager', by: 'morgan', at: yesterday, revision: 3 }],
    });
    expect(planNudges(inputs({ drafts: [both] }))).toEqual([]);
  });
});

describe('the weekly digest’s words', () => {
  const MONDAY = new Date('2026-03-09T06:00:00.000Z');
  const holding = (employee: typeof ava) => ({
    employee,
    lastAgreed: { job: '2026-03-01T00:00:00.000Z' },
    startedAt: null,
    openActions: { employee: 0, manager: 2 },
  });

  it('say "the plan" for one report and "the plans" for several', () => {
    const digest = (reports: ReturnType<typeof holding>[]) =>
      teamDigestNudges({
        now: MONDAY,
        manager: morgan,
        reports,
        preferences: defaultNudgePreferences(),
        alreadySent: new Set(),
      })[0]?.templateParameters;
    expect(digest([holding(ava)])).toEqual({ summary: 'you hold too many actions in the plan of Ava Patel' });
    const [notification] = teamDigestNudges({
      now: MONDAY,
      manager: morgan,
      reports: [holding(ava)],
      preferences: defaultNudgePreferences(),
      alreadySent: new Set(),
    });
    expect(notification?.link).toEqual({ page: 'team' });
    expect(NudgeNotificationModel.parse(notification)).toEqual(notification);
    expect(digest([holding(ava), holding({ id: 'ben', displayName: 'Ben Okafor' })])).toEqual({
      summary: 'you hold too many actions in the plans of Ava Patel, Ben Okafor',
    });
  });
});

describe('the next look at a plan, at its edges', () => {
  it('is never for a plan with nothing ahead: its day sorts after every calendar day', () => {
    expect(NO_CHECK_NEEDED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['2026-03-11', NO_CHECK_NEEDED, '9999-12-30'].sort().at(-1)).toBe(NO_CHECK_NEEDED);
    expect(nextNudgeCheck(inputs({ manager: null }))).toBe(NO_CHECK_NEEDED);
  });

  /** Job development is not overdue until 30 May: every answer before it comes from the case at hand. */
  const CADENCE_DAY = '2026-05-30';

  it('is the day after the due date for an action already in its window, from three days before', () => {
    expect(nextNudgeCheck(inputs({ actions: [due('2026-03-13')] }))).toBe('2026-03-14');
    expect(nextNudgeCheck(inputs({ actions: [due('2026-03-10')] }))).toBe('2026-03-11');
  });

  it('is not held back by a career conversation in progress, only by a job one', () => {
    expect(nextNudgeCheck(inputs({ drafts: [draft({ type: 'career' })] }))).toBe(CADENCE_DAY);
    expect(nextNudgeCheck(inputs({ drafts: [draft({ type: 'job', status: 'agreed' })] }))).toBe(CADENCE_DAY);
    expect(nextNudgeCheck(inputs({ drafts: [draft({ type: 'job' })] }))).toBe(NO_CHECK_NEEDED);
  });

  it('waits only for a confirmation of the current revision of a draft still in progress', () => {
    const recent = '2026-03-10T05:30:00.000Z';
    const noManager = { manager: null };
    expect(nextNudgeCheck(inputs({ ...noManager, drafts: [draft({ confirmations: [confirmedAt(recent)] })] }))).toBe(
      '2026-03-11',
    );
    const olderRevision = draft({ revision: 4, confirmations: [confirmedAt(recent, 3)] });
    expect(nextNudgeCheck(inputs({ ...noManager, drafts: [olderRevision] }))).toBe(NO_CHECK_NEEDED);
    const agreed = draft({ status: 'agreed', confirmations: [confirmedAt(recent)] });
    expect(nextNudgeCheck(inputs({ ...noManager, drafts: [agreed] }))).toBe(NO_CHECK_NEEDED);
  });

  it('needs no later look for a confirmation whose hour ends right now', () => {
    const endsNow = draft({ confirmations: [confirmedAt('2026-03-10T05:00:00.000Z')] });
    expect(nextNudgeCheck(inputs({ manager: null, drafts: [endsNow] }))).toBe(NO_CHECK_NEEDED);
  });

  it('looks only at days after today: the prompt for tomorrow’s conversation is today’s run', () => {
    expect(nextNudgeCheck(inputs({ manager: null, nextConversation: { date: '2026-03-11', type: null } }))).toBe(
      NO_CHECK_NEEDED,
    );
    expect(nextNudgeCheck(inputs({ manager: null, nextConversation: { date: '2026-03-12', type: null } }))).toBe(
      '2026-03-11',
    );
  });
});
