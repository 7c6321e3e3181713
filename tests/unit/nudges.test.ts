import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NUDGE_ACTIVITY_TYPES,
  NUDGE_KINDS,
  NudgeNotificationModel,
  NudgePreferencesModel,
  NO_CHECK_NEEDED,
  defaultNudgePreferences,
  digestDue,
  nextNudgeCheck,
  nudgeText,
  planNudges,
  teamDigestNudges,
  type Conversation,
  type DigestReport,
  type NudgeAction,
  type NudgeKind,
  type NudgeNotification,
  type NudgePreferences,
  type PlanNudgeInputs,
} from '../../functions/src/domain';
import { anAction, draftConversation } from '../support/domain-fixtures';

const ava = { id: 'ava', displayName: 'Ava Patel' };
const morgan = { id: 'morgan', displayName: 'Morgan Lee' };
const dana = { id: 'dana', displayName: 'Dana Kim' };

/** Tuesday 10 March 2026, 06:00 UTC: when the daily timer runs. */
const TUESDAY = new Date('2026-03-10T06:00:00.000Z');
const MONDAY = new Date('2026-03-09T06:00:00.000Z');
const AGREED = '8000000000000abcdef';
const DRAFT = '7900000000000ghijkl';
const planLink = { page: 'myplan', subPageId: 'ava' } as const;

function agreedAction(id: string, owner: NudgeAction['owner'], dueDate: string | undefined, overrides = {}) {
  return anAction(id, owner, {
    conversationId: AGREED,
    agreed: true,
    title: `Action ${id}`,
    ...(dueDate ? { dueDate } : {}),
    ...overrides,
  });
}

function inputs(overrides: Partial<PlanNudgeInputs> = {}): PlanNudgeInputs {
  return {
    now: TUESDAY,
    employee: ava,
    manager: morgan,
    actions: [],
    // Agreed 40 days before: within the 120-day cadence.
    lastAgreed: { job: '2026-01-29T10:00:00.000Z', career: null },
    // Summaries from before starts were recorded: started long ago.
    startedAt: null,
    drafts: [],
    nextConversation: null,
    preferences: new Map(),
    alreadySent: new Set(),
    ...overrides,
  };
}

function off(...kinds: NudgeKind[]): NudgePreferences {
  return NudgePreferencesModel.parse(Object.fromEntries(kinds.map((kind) => [kind, false])));
}

const halfAgreed = draftConversation({
  id: DRAFT,
  type: 'career',
  revision: 4,
  confirmations: [{ role: 'employee', by: 'ava', at: '2026-03-09T15:00:00.000Z', revision: 4 }],
});

/** A plan with something of every kind due on Tuesday 10 March. */
function busyPlan(overrides: Partial<PlanNudgeInputs> = {}): PlanNudgeInputs {
  return inputs({
    actions: [
      agreedAction('a1', 'employee', '2026-03-13'),
      agreedAction('a2', 'manager', '2026-03-10'),
      agreedAction('a3', 'employee', '2026-03-09'),
      agreedAction('a4', 'employee', '2026-03-14'),
      agreedAction('a5', 'employee', '2026-03-11', { status: 'done' }),
      agreedAction('a6', 'employee', '2026-03-11', { agreed: false }),
      agreedAction('a7', 'employee', undefined),
      agreedAction('a8', 'manager', '2026-02-18'),
    ],
    lastAgreed: { job: '2025-10-01T10:00:00.000Z', career: '2026-01-15T10:00:00.000Z' },
    drafts: [halfAgreed],
    nextConversation: { date: '2026-03-11', type: 'career' },
    ...overrides,
  });
}

const busyPlanNudges: NudgeNotification[] = [
  {
    key: `actionDueSoon:${AGREED}.a1:2026-03-13:ava`,
    recipientId: 'ava',
    activityType: 'actionDueSoon',
    templateParameters: { actionTitle: 'Action a1', dueIn: 'in 3 days' },
    link: planLink,
  },
  {
    key: `actionDueSoon:${AGREED}.a2:2026-03-10:morgan`,
    recipientId: 'morgan',
    activityType: 'actionDueSoon',
    templateParameters: { actionTitle: 'Action a2', dueIn: 'today' },
    link: planLink,
  },
  {
    key: `actionOverdue:${AGREED}.a3:2026-03-09:ava`,
    recipientId: 'ava',
    activityType: 'actionOverdue',
    templateParameters: { actionTitle: 'Action a3', dueDate: '2026-03-09' },
    link: planLink,
  },
  {
    key: 'jobDevelopmentOverdue:ava:2025-10-01:morgan',
    recipientId: 'morgan',
    activityType: 'jobDevelopmentOverdue',
    templateParameters: { employeeName: 'Ava Patel', lastAgreed: '2025-10-01' },
    link: planLink,
  },
  {
    key: 'jobDevelopmentReminder:ava:2025-10-01:ava',
    recipientId: 'ava',
    activityType: 'jobDevelopmentReminder',
    templateParameters: {},
    link: planLink,
  },
  {
    key: 'prepareTalkingPoints:ava:2026-03-11:ava',
    recipientId: 'ava',
    activityType: 'prepareTalkingPoints',
    templateParameters: { conversation: 'career development conversation with Morgan Lee' },
    link: planLink,
  },
  {
    key: 'prepareTalkingPoints:ava:2026-03-11:morgan',
    recipientId: 'morgan',
    activityType: 'prepareTalkingPoints',
    templateParameters: { conversation: 'career development conversation with Ava Patel' },
    link: planLink,
  },
  {
    key: `confirmationWaiting:${DRAFT}.r4:morgan`,
    recipientId: 'morgan',
    activityType: 'confirmationWaiting',
    templateParameters: { personName: 'Ava Patel', conversationType: 'career development' },
    link: planLink,
  },
];

describe('the nudges of one plan', () => {
  it('sends each kind that is due, to its recipient, with the parameters its template names', () => {
    const nudges = planNudges(busyPlan());
    expect(nudges).toEqual(busyPlanNudges);
    for (const notification of nudges) expect(NudgeNotificationModel.parse(notification)).toEqual(notification);
    expect(nudges.map(nudgeText)).toEqual([
      'Your action "Action a1" is due in 3 days',
      'Your action "Action a2" is due today',
      'Your action "Action a3" was due on 2026-03-09: mark it done, or bring it to your next 1:1',
      'Job development with Ava Patel is overdue (last agreed: 2025-10-01)',
      'A job development conversation is due: bring what you want to learn to your next 1:1',
      'Your career development conversation with Morgan Lee is tomorrow: add the talking points you want to bring',
      'Your career development conversation with Ava Patel is tomorrow: add the talking points you want to bring',
      'Ava Patel agreed the career development plan: your confirmation is waiting',
    ]);
  });

  it('sends nothing a second time: a retried run finds every key sent, and the next day brings only what is new', () => {
    const first = planNudges(busyPlan());
    const sent = new Set(first.map((notification) => notification.key));
    expect(planNudges(busyPlan({ alreadySent: sent }))).toEqual([]);
    const wednesday = planNudges(busyPlan({ alreadySent: sent, now: new Date('2026-03-11T06:00:00.000Z') }));
    expect(wednesday.map(nudgeText)).toEqual([
      'Your action "Action a2" was due on 2026-03-10: mark it done, or bring it to your next 1:1',
      'Your action "Action a4" is due in 3 days',
    ]);
  });

  it('sends due soon once and overdue once over the life of an action, not every day', () => {
    const sent = new Set<string>();
    const received: string[] = [];
    for (let day = 1; day <= 31; day += 1) {
      const now = new Date(Date.UTC(2026, 2, day, 6));
      for (const notification of planNudges(
        inputs({ now, actions: [agreedAction('a1', 'employee', '2026-03-13')], alreadySent: sent }),
      )) {
        sent.add(notification.key);
        received.push(`${now.toISOString().slice(0, 10)} ${nudgeText(notification)}`);
      }
    }
    expect(received).toEqual([
      '2026-03-10 Your action "Action a1" is due in 3 days',
      '2026-03-14 Your action "Action a1" was due on 2026-03-13: mark it done, or bring it to your next 1:1',
    ]);
  });

  it('catches up on a missed run: an action falling due inside the window is still nudged, once', () => {
    const nudges = planNudges(inputs({ actions: [agreedAction('a1', 'employee', '2026-03-11')] }));
    expect(nudges.map((notification) => notification.templateParameters)).toEqual([
      { actionTitle: 'Action a1', dueIn: 'tomorrow' },
    ]);
  });

  it('leaves out what the recipient turned off, and nothing else', () => {
    const everythingOff = off(...NUDGE_KINDS);
    expect(
      planNudges(
        busyPlan({
          preferences: new Map([
            ['ava', everythingOff],
            ['morgan', everythingOff],
          ]),
        }),
      ),
    ).toEqual([]);
    const avaNoDueSoon = planNudges(busyPlan({ preferences: new Map([['ava', off('actionDueSoon')]]) }));
    expect(avaNoDueSoon).toEqual(busyPlanNudges.filter((notification) => notification.key !== busyPlanNudges[0]!.key));
    const morganNoOverdue = planNudges(busyPlan({ preferences: new Map([['morgan', off('jobDevelopmentOverdue')]]) }));
    expect(morganNoOverdue.map((notification) => notification.activityType)).toContain('jobDevelopmentReminder');
    expect(morganNoOverdue.map((notification) => notification.activityType)).not.toContain('jobDevelopmentOverdue');
  });

  it('names the overdue period "never" when no job conversation was ever agreed, and once per period', () => {
    const never = planNudges(inputs({ lastAgreed: { job: null, career: null } }));
    expect(never.map((notification) => notification.key)).toEqual([
      'jobDevelopmentOverdue:ava:never:morgan',
      'jobDevelopmentReminder:ava:never:ava',
    ]);
    expect(never[0]!.templateParameters).toEqual({ employeeName: 'Ava Patel', lastAgreed: 'never' });
    // A new agreement that lapses again is a new period: a new key.
    const again = planNudges(inputs({ lastAgreed: { job: '2025-11-01T09:00:00.000Z', career: null } }));
    expect(again.map((notification) => notification.key)).toEqual([
      'jobDevelopmentOverdue:ava:2025-11-01:morgan',
      'jobDevelopmentReminder:ava:2025-11-01:ava',
    ]);
  });

  it('does not call job development overdue within the cadence, or while a job conversation is in progress', () => {
    expect(planNudges(inputs({ lastAgreed: { job: '2025-11-11T09:00:00.000Z', career: null } }))).toEqual([]);
    const jobDraft = draftConversation({ id: DRAFT, type: 'job' });
    expect(planNudges(inputs({ lastAgreed: { job: null, career: null }, drafts: [jobDraft] }))).toEqual([]);
  });

  it('prompts both people for talking points only on the day before the next conversation either set', () => {
    const next = (date: string) => inputs({ nextConversation: { date, type: null } });
    expect(
      planNudges(next('2026-03-11')).map((notification) => [notification.recipientId, nudgeText(notification)]),
    ).toEqual([
      ['ava', 'Your 1:1 conversation with Morgan Lee is tomorrow: add the talking points you want to bring'],
      ['morgan', 'Your 1:1 conversation with Ava Patel is tomorrow: add the talking points you want to bring'],
    ]);
    expect(planNudges(next('2026-03-10'))).toEqual([]);
    expect(planNudges(next('2026-03-12'))).toEqual([]);
    expect(planNudges(next('not a date'))).toEqual([]);
    // Each turns it off for themselves alone; without a manager there is no conversation to prepare for.
    const avaOff = planNudges({ ...next('2026-03-11'), preferences: new Map([['ava', off('prepareTalkingPoints')]]) });
    expect(avaOff.map((notification) => notification.recipientId)).toEqual(['morgan']);
    expect(planNudges({ ...next('2026-03-11'), manager: null })).toEqual([]);
  });

  it('counts the cadence from the plan’s start when it is later than the last agreed job conversation', () => {
    // Never agreed, started 30 days ago: not overdue; started 121 days ago: overdue.
    expect(
      planNudges(inputs({ lastAgreed: { job: null, career: null }, startedAt: '2026-02-08T09:00:00.000Z' })),
    ).toEqual([]);
    const late = planNudges(inputs({ lastAgreed: { job: null, career: null }, startedAt: '2025-11-08T09:00:00.000Z' }));
    expect(late.map((notification) => notification.activityType)).toEqual([
      'jobDevelopmentOverdue',
      'jobDevelopmentReminder',
    ]);
    // A plan deleted and begun again counts from its new start, whatever was agreed before it.
    expect(
      planNudges(
        inputs({
          lastAgreed: { job: '2025-06-01T09:00:00.000Z', career: null },
          startedAt: '2026-03-01T00:00:00.000Z',
        }),
      ),
    ).toEqual([]);
  });

  it('nudges the other person about a half-agreed plan once per revision, and not while they may still be in the meeting', () => {
    const managerConfirmed = draftConversation({
      id: DRAFT,
      type: 'job',
      revision: 7,
      confirmations: [{ role: 'manager', by: 'morgan', at: '2026-03-09T16:00:00.000Z', revision: 7 }],
    });
    expect(planNudges(inputs({ drafts: [managerConfirmed] }))).toEqual([
      {
        key: `confirmationWaiting:${DRAFT}.r7:ava`,
        recipientId: 'ava',
        activityType: 'confirmationWaiting',
        templateParameters: { personName: 'Morgan Lee', conversationType: 'job development' },
        link: planLink,
      },
    ]);
    const justNow = draftConversation({
      ...managerConfirmed,
      confirmations: [{ role: 'manager', by: 'morgan', at: '2026-03-10T05:30:00.000Z', revision: 7 }],
    });
    expect(planNudges(inputs({ drafts: [justNow] }))).toEqual([]);
    const staleConfirmation = draftConversation({ ...managerConfirmed, revision: 8 });
    expect(planNudges(inputs({ drafts: [staleConfirmation] }))).toEqual([]);
    const nobody = draftConversation({ id: DRAFT, revision: 7 });
    expect(planNudges(inputs({ drafts: [nobody] }))).toEqual([]);
  });

  it('clips a long action title so the notification stays one readable line', () => {
    const title =
      'Shadow the on-call lead for a full rotation and write up what the runbooks are missing, section by section, for the team';
    const [notification] = planNudges(inputs({ actions: [agreedAction('a1', 'employee', '2026-03-12', { title })] }));
    const clipped = notification?.activityType === 'actionDueSoon' ? notification.templateParameters.actionTitle : '';
    expect(Array.from(clipped)).toHaveLength(80);
    expect(clipped.endsWith('…')).toBe(true);
  });
});

describe('who may receive what', () => {
  it('sends only to the employee and their current manager', () => {
    const recipients = new Set(planNudges(busyPlan()).map((notification) => notification.recipientId));
    expect([...recipients].sort()).toEqual(['ava', 'morgan']);
  });

  it('without a current manager, sends nothing to any manager and leaves manager-owned actions with nobody', () => {
    const nudges = planNudges(busyPlan({ manager: null }));
    expect(nudges.map((notification) => notification.recipientId)).toEqual(['ava', 'ava']);
    expect(nudges.map((notification) => notification.activityType)).toEqual(['actionDueSoon', 'actionOverdue']);
  });

  it('after a change of manager, tells the new manager about the actions they now hold and the former one nothing', () => {
    // The half-agreed draft was begun with Dana, who no longer manages Ava and no longer sees the plan.
    const withDana = draftConversation({
      ...halfAgreed,
      managerId: 'dana',
      confirmations: [{ role: 'manager', by: 'dana', at: '2026-03-01T10:00:00.000Z', revision: 4 }],
    });
    const nudges = planNudges(busyPlan({ drafts: [withDana] }));
    expect(nudges.some((notification) => notification.recipientId === dana.id)).toBe(false);
    expect(nudges.some((notification) => notification.activityType === 'confirmationWaiting')).toBe(false);
    expect(nudges.find((notification) => notification.key.includes('.a2:'))?.recipientId).toBe('morgan');
  });

  it('never carries a note, shared or private, whatever the plan holds', () => {
    const secret = 'SECRET: thinking of leaving in the summer';
    const agenda = halfAgreed.agenda.map((item, index) =>
      index === 0
        ? { ...item, notes: [{ role: 'employee' as const, by: 'ava', at: '2026-03-09T15:00:00.000Z', text: secret }] }
        : item,
    );
    // Whole domain objects, as a caller might pass them: the nudges read only the fields they need.
    const withNotes: Conversation = { ...halfAgreed, agenda };
    const nudges = planNudges(busyPlan({ drafts: [withNotes] }));
    expect(nudges).toHaveLength(busyPlanNudges.length);
    expect(JSON.stringify(nudges)).not.toMatch(/SECRET|leaving/);
    expect(nudges.map(nudgeText).join('\n')).not.toMatch(/SECRET|leaving/);
  });

  it('nudges an action’s owner alone: the employee for theirs, the current manager for the manager’s', () => {
    const byAction = planNudges(busyPlan())
      .filter((notification) => notification.activityType.startsWith('action'))
      .map((notification) => [notification.key.split(':')[1], notification.recipientId]);
    expect(byAction).toEqual([
      [`${AGREED}.a1`, 'ava'],
      [`${AGREED}.a2`, 'morgan'],
      [`${AGREED}.a3`, 'ava'],
    ]);
  });
});

describe('the weekly team digest', () => {
  const report = (
    id: string,
    displayName: string,
    job: string | null,
    openActions: DigestReport['openActions'],
    startedAt: string | null = null,
  ): DigestReport => ({ employee: { id, displayName }, lastAgreed: { job }, startedAt, openActions });
  const team = [
    report('ava', 'Ava Patel', '2026-02-01T10:00:00.000Z', { employee: 3, manager: 1 }),
    report('ben', 'Ben Okafor', '2025-09-01T10:00:00.000Z', { employee: 1, manager: 2 }),
    report('chloe', 'Chloe Martin', null, { employee: 0, manager: 0 }),
    // A new starter, first seen a week ago: not overdue.
    report('dev', 'Dev Singh', null, { employee: 0, manager: 0 }, '2026-03-02T09:00:00.000Z'),
  ];
  const digest = (overrides: Partial<Parameters<typeof teamDigestNudges>[0]> = {}) =>
    teamDigestNudges({
      now: MONDAY,
      manager: morgan,
      reports: team,
      preferences: defaultNudgePreferences(),
      alreadySent: new Set(),
      ...overrides,
    });

  it('comes on the manager’s day (Monday unless they chose another) and names who is overdue and where they hold too much', () => {
    expect(digest()).toEqual([
      {
        key: 'weeklyDigest:team:2026-03-09:morgan',
        recipientId: 'morgan',
        activityType: 'weeklyDigest',
        templateParameters: {
          summary:
            'job development is overdue with Ben Okafor, Chloe Martin; you hold too many actions in the plan of Ben Okafor',
        },
        link: { page: 'team' },
      },
    ]);
    expect(nudgeText(digest()[0]!)).toBe(
      'Your team this week: job development is overdue with Ben Okafor, Chloe Martin; you hold too many actions in the plan of Ben Okafor',
    );
    expect(digest({ now: TUESDAY })).toEqual([]);
    const friday = NudgePreferencesModel.parse({ digestDay: 'friday' });
    expect(digest({ preferences: friday })).toEqual([]);
    expect(digest({ preferences: friday, now: new Date('2026-03-13T06:00:00.000Z') })).toHaveLength(1);
  });

  it('is not sent when turned off, already sent today, or when the team has nothing to report', () => {
    expect(digest({ preferences: off('weeklyDigest') })).toEqual([]);
    expect(digest({ alreadySent: new Set(['weeklyDigest:team:2026-03-09:morgan']) })).toEqual([]);
    expect(digest({ reports: [team[0]!] })).toEqual([]);
  });

  it('names three people and counts the rest', () => {
    const many = ['Ana', 'Bo', 'Cy', 'Di', 'Ed'].map((name) =>
      report(name.toLowerCase(), name, null, { employee: 1, manager: 0 }),
    );
    expect(digest({ reports: many })[0]?.templateParameters).toEqual({
      summary: 'job development is overdue with Ana, Bo, Cy and 2 more',
    });
  });

  it('says only the parts that have someone in them, never "nobody"', () => {
    const holdingOnly = digest({
      reports: [report('ben', 'Ben Okafor', '2026-02-01T10:00:00.000Z', { employee: 1, manager: 1 })],
    });
    expect(holdingOnly.map(nudgeText)).toEqual([
      'Your team this week: you hold too many actions in the plan of Ben Okafor',
    ]);
    expect(JSON.stringify(digest())).not.toMatch(/nobody/);
  });
});

describe('the nudge preferences', () => {
  it('default to everything on and the digest on Monday, and keep what a person chose', () => {
    expect(defaultNudgePreferences()).toEqual({
      actionDueSoon: true,
      actionOverdue: true,
      jobDevelopmentOverdue: true,
      jobDevelopmentReminder: true,
      prepareTalkingPoints: true,
      confirmationWaiting: true,
      weeklyDigest: true,
      digestDay: 'monday',
    });
    expect(NudgePreferencesModel.parse({ actionOverdue: false, digestDay: 'thursday' })).toMatchObject({
      actionOverdue: false,
      actionDueSoon: true,
      digestDay: 'thursday',
    });
    expect(NudgePreferencesModel.safeParse({ digestDay: 'someday' }).success).toBe(false);
  });
});

describe('the activity types', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest/manifest.json'), 'utf8')) as {
    activities: { activityTypes: { type: string; description: string; templateText: string }[] };
  };

  it('are declared in the manifest exactly as the nudges use them, within the schema’s limits', () => {
    expect(manifest.activities.activityTypes).toEqual(
      NUDGE_KINDS.map((type) => ({ type, ...NUDGE_ACTIVITY_TYPES[type] })),
    );
    for (const { type, description, templateText } of manifest.activities.activityTypes) {
      expect(type.length).toBeLessThanOrEqual(64);
      expect(description.length).toBeLessThanOrEqual(128);
      expect(templateText.length).toBeLessThanOrEqual(128);
    }
  });

  it('name in their template exactly the parameters each notification carries', () => {
    for (const option of NudgeNotificationModel.options) {
      const kind = option.shape.activityType.value;
      const placeholders = [...NUDGE_ACTIVITY_TYPES[kind].templateText.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(placeholders.sort(), kind).toEqual(Object.keys(option.shape.templateParameters.shape).sort());
    }
  });
});

describe('when the run looks at a plan again', () => {
  it('is the day an action enters its due-soon window, or the day after it falls due', () => {
    // Due in 6 days: due-soon starts 3 days before.
    expect(nextNudgeCheck(inputs({ actions: [agreedAction('a1', 'employee', '2026-03-16')] }))).toBe('2026-03-13');
    // Due in 2 days: already due soon; the overdue nudge is the day after.
    expect(nextNudgeCheck(inputs({ actions: [agreedAction('a1', 'employee', '2026-03-12')] }))).toBe('2026-03-13');
    // Open actions only, agreed only.
    expect(
      nextNudgeCheck(
        inputs({
          actions: [
            agreedAction('a1', 'employee', '2026-03-16', { status: 'done' }),
            agreedAction('a2', 'employee', '2026-03-16', { agreed: false }),
          ],
        }),
      ),
    ).toBe('2026-05-30');
  });

  it('is the day job development falls overdue, unless a job conversation is under way', () => {
    // Agreed on 29 January: 120 days later it is overdue, from the day after.
    expect(nextNudgeCheck(inputs())).toBe('2026-05-30');
    const jobDraft = draftConversation({ id: DRAFT, type: 'job' });
    expect(nextNudgeCheck(inputs({ drafts: [jobDraft] }))).toBe(NO_CHECK_NEEDED);
    expect(nextNudgeCheck(inputs({ manager: null }))).toBe(NO_CHECK_NEEDED);
  });

  it('waits for a confirmation to have waited an hour, tomorrow at the earliest', () => {
    const justNow = draftConversation({
      id: DRAFT,
      type: 'career',
      revision: 2,
      confirmations: [{ role: 'employee', by: 'ava', at: '2026-03-10T05:30:00.000Z', revision: 2 }],
    });
    expect(nextNudgeCheck(inputs({ manager: null, drafts: [justNow] }))).toBe('2026-03-11');
    // Waited long enough already: today's run sends it; nothing more is ahead.
    expect(nextNudgeCheck(inputs({ manager: null, drafts: [halfAgreed] }))).toBe(NO_CHECK_NEEDED);
  });

  it('takes the earliest of everything ahead', () => {
    expect(
      nextNudgeCheck(
        inputs({
          actions: [agreedAction('a1', 'employee', '2026-04-20'), agreedAction('a2', 'manager', '2026-03-20')],
          nextConversation: { date: '2026-03-15', type: 'job' },
        }),
      ),
    ).toBe('2026-03-14');
  });
});

describe('the digest day', () => {
  it('is the weekday the manager chose, when the digest is on', () => {
    expect(digestDue(defaultNudgePreferences(), MONDAY)).toBe(true);
    expect(digestDue(defaultNudgePreferences(), TUESDAY)).toBe(false);
    expect(digestDue({ ...defaultNudgePreferences(), digestDay: 'tuesday' }, TUESDAY)).toBe(true);
    expect(digestDue({ ...defaultNudgePreferences(), weeklyDigest: false }, MONDAY)).toBe(false);
  });
});
