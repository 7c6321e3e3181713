/**
 * Nudges: the Teams activity-feed notifications that keep the cadence and the agreed actions
 * moving. Pure decisions: given what one plan (or one manager's team) looks like today, each
 * person's preferences and the nudges already sent, which notifications to send now.
 *
 * Every notification goes to the employee or their current manager — the only people who see the
 * plan — and carries only what that person already sees in the app: names, dates, counts, and the
 * titles of agreed actions (both of them see those). Notes, private or shared, never reach it.
 * Each one has an idempotency key, unique per item, period and recipient, so a retried or repeated
 * run sends nothing twice.
 */
import * as z from 'zod';
import {
  JOB_DEVELOPMENT_CADENCE_DAYS,
  addDays,
  calendarDay,
  daysBetween,
  isJobDevelopmentOverdue,
  jobDevelopmentCountsFrom,
  managerHoldsTooMuch,
} from './cadence';
import { CONVERSATION_TYPE_NAMES, type Action, type Conversation, type ConversationType, type Owner } from './model';
import {
  CONFIRMATION_NUDGE_DELAY_MS,
  DUE_SOON_DAYS,
  OVERDUE_NUDGE_WINDOW_DAYS,
  WEEKDAYS,
  type NudgeKind,
} from './vocabulary';

// The kinds, weekdays and timings are vocabulary (zod-free, so the tab can name them); they are part of the nudges.
export {
  CONFIRMATION_NUDGE_DELAY_MS,
  DUE_SOON_DAYS,
  NUDGE_KINDS,
  OVERDUE_NUDGE_WINDOW_DAYS,
  WEEKDAYS,
  type NudgeKind,
  type Weekday,
} from './vocabulary';

/**
 * What the manifest declares for each activity type: the description Teams shows in the person's
 * notification settings, and the template Teams fills with the parameters. The manifest must say
 * exactly this (a unit test compares the two); the text also serves as the notification's preview.
 */
export const NUDGE_ACTIVITY_TYPES: Record<NudgeKind, { description: string; templateText: string }> = {
  actionDueSoon: {
    description: 'An action you own in a development plan is due in the next few days',
    templateText: 'Your action "{actionTitle}" is due {dueIn}',
  },
  actionOverdue: {
    description: 'An action you own in a development plan is past its due date',
    templateText: 'Your action "{actionTitle}" was due on {dueDate}: mark it done, or bring it to your next 1:1',
  },
  jobDevelopmentOverdue: {
    description: 'A report has had no agreed job development conversation for too long',
    templateText: 'Job development with {employeeName} is overdue (last agreed: {lastAgreed})',
  },
  jobDevelopmentReminder: {
    description: 'Your next job development conversation is due',
    templateText: 'A job development conversation is due: bring what you want to learn to your next 1:1',
  },
  prepareTalkingPoints: {
    description: 'Your next conversation is tomorrow: prepare your talking points',
    templateText: 'Your {conversation} is tomorrow: add the talking points you want to bring',
  },
  confirmationWaiting: {
    description: 'The other person agreed a plan and your confirmation is waiting',
    templateText: '{personName} agreed the {conversationType} plan: your confirmation is waiting',
  },
  weeklyDigest: {
    description: 'A weekly summary of your team, on the day you choose',
    templateText: 'Your team this week: {summary}',
  },
};

/**
 * One person's choices, stored with the person: each kind on or off (everything on until they say
 * otherwise) and, for a manager, the day the weekly digest comes. Parsing `{}` gives the defaults.
 */
export const NudgePreferencesModel = z.object({
  actionDueSoon: z.boolean().default(true),
  actionOverdue: z.boolean().default(true),
  jobDevelopmentOverdue: z.boolean().default(true),
  jobDevelopmentReminder: z.boolean().default(true),
  prepareTalkingPoints: z.boolean().default(true),
  confirmationWaiting: z.boolean().default(true),
  weeklyDigest: z.boolean().default(true),
  digestDay: z.enum(WEEKDAYS).default('monday'),
});
export type NudgePreferences = z.infer<typeof NudgePreferencesModel>;

export function defaultNudgePreferences(): NudgePreferences {
  return NudgePreferencesModel.parse({});
}

/** Where the notification leads: a personal tab, and for a plan the employee it belongs to (the tab's subPageId). */
export const NudgeLinkModel = z.object({
  page: z.enum(['myplan', 'team']),
  subPageId: z.string().optional(),
});
export type NudgeLink = z.infer<typeof NudgeLinkModel>;

const nudge = <Kind extends NudgeKind, Parameters extends z.ZodRawShape>(kind: Kind, parameters: Parameters) =>
  z.object({
    /** Unique per item, period and recipient: a key already sent is never sent again. */
    key: z.string(),
    recipientId: z.string(),
    activityType: z.literal(kind),
    templateParameters: z.object(parameters),
    link: NudgeLinkModel,
  });

/** One activity-feed notification to send, with the template parameters of its activity type. */
export const NudgeNotificationModel = z.discriminatedUnion('activityType', [
  nudge('actionDueSoon', { actionTitle: z.string(), dueIn: z.string() }),
  nudge('actionOverdue', { actionTitle: z.string(), dueDate: z.string() }),
  nudge('jobDevelopmentOverdue', { employeeName: z.string(), lastAgreed: z.string() }),
  nudge('jobDevelopmentReminder', {}),
  nudge('prepareTalkingPoints', { conversation: z.string() }),
  nudge('confirmationWaiting', { personName: z.string(), conversationType: z.string() }),
  nudge('weeklyDigest', { summary: z.string() }),
]);
export type NudgeNotification = z.infer<typeof NudgeNotificationModel>;

/** The digest names this many people per list, then says how many more. */
export const DIGEST_NAMES_SHOWN = 3;
/** Action titles are clipped to this many characters in a notification, so the line stays readable. */
export const NUDGE_TITLE_CHARS = 80;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface NudgePerson {
  id: string;
  displayName: string;
}

/** An action as the nudges need it: due dates are calendar days (YYYY-MM-DD), as the API accepts them. */
export type NudgeAction = Pick<Action, 'id' | 'conversationId' | 'title' | 'owner' | 'status' | 'agreed' | 'dueDate'>;

/** A draft as the nudges need it: who has confirmed which revision. */
export type NudgeDraft = Pick<Conversation, 'id' | 'type' | 'status' | 'managerId' | 'revision' | 'confirmations'>;

/** Everything the nudges of one employee's plan depend on, read from the plan and the people. */
export interface PlanNudgeInputs {
  now: Date;
  employee: NudgePerson;
  /** The employee's current manager; null when they have none (nothing then goes to a manager). */
  manager: NudgePerson | null;
  /** The plan's actions; only agreed, open actions with a due date are nudged. */
  actions: readonly NudgeAction[];
  /** When each type of conversation was last agreed (the plan counters' `lastAgreed`). */
  lastAgreed: Readonly<Record<ConversationType, string | null>>;
  /** When the plan started (the counters' `startedAt`): the cadence counts from here until a job talk is agreed. */
  startedAt: string | null;
  /** The plan's drafts in progress (at most one of each type). */
  drafts: readonly NudgeDraft[];
  /** The next conversation either person set for the plan (a calendar day), if any. */
  nextConversation: { date: string; type: ConversationType | null } | null;
  /** Each person's preferences by id; anyone missing has the defaults. */
  preferences: ReadonlyMap<string, NudgePreferences>;
  /** Keys of the nudges already sent. */
  alreadySent: ReadonlySet<string>;
}

function clip(text: string, max: number): string {
  // Characters as the contract counts them: code points.
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

function dueInWords(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

function conversationTypeWords(type: ConversationType): string {
  return CONVERSATION_TYPE_NAMES[type].toLowerCase();
}

/**
 * The notifications one employee's plan calls for today: due-soon and overdue actions to their
 * owner, job development overdue to the manager and a gentle reminder to the employee, a prompt to
 * prepare (to both) the day before the next conversation either set, and a waiting confirmation to the person
 * who has not confirmed yet. Kinds a recipient turned off and keys already sent are left out.
 */
export function planNudges(inputs: PlanNudgeInputs): NudgeNotification[] {
  const { employee, manager, now } = inputs;
  const today = calendarDay(now);
  const notifications: NudgeNotification[] = [];
  const preferencesOf = (personId: string) => inputs.preferences.get(personId) ?? defaultNudgePreferences();
  const add = (notification: NudgeNotification) => {
    if (inputs.alreadySent.has(notification.key)) return;
    if (!preferencesOf(notification.recipientId)[notification.activityType]) return;
    notifications.push(notification);
  };
  const planLink: NudgeLink = { page: 'myplan', subPageId: employee.id };
  const holder: Record<Owner, NudgePerson | null> = { employee, manager };

  for (const action of inputs.actions) {
    if (!action.agreed || action.status !== 'open' || !action.dueDate || !DATE_ONLY.test(action.dueDate)) continue;
    // The owner is a role: a manager-owned action is held by whoever manages the employee now.
    const owner = holder[action.owner];
    if (!owner) continue;
    const days = daysBetween(today, action.dueDate);
    const item = `${action.conversationId}.${action.id}`;
    const actionTitle = clip(action.title, NUDGE_TITLE_CHARS);
    if (days >= 0 && days <= DUE_SOON_DAYS) {
      add({
        key: `actionDueSoon:${item}:${action.dueDate}:${owner.id}`,
        recipientId: owner.id,
        activityType: 'actionDueSoon',
        templateParameters: { actionTitle, dueIn: dueInWords(days) },
        link: planLink,
      });
    } else if (days < 0 && -days <= OVERDUE_NUDGE_WINDOW_DAYS) {
      add({
        key: `actionOverdue:${item}:${action.dueDate}:${owner.id}`,
        recipientId: owner.id,
        activityType: 'actionOverdue',
        templateParameters: { actionTitle, dueDate: action.dueDate },
        link: planLink,
      });
    }
  }

  // A job conversation in progress means they are already at it; without a manager there is nobody to hold it with.
  const jobDraftOpen = inputs.drafts.some((draft) => draft.type === 'job' && draft.status === 'draft');
  const lastJob = inputs.lastAgreed.job;
  if (manager && !jobDraftOpen && isJobDevelopmentOverdue(lastJob, now, inputs.startedAt)) {
    // Once per overdue period: the period is named by the last agreed date, which only a new agreement moves on.
    const period = lastJob ? calendarDay(new Date(lastJob)) : 'never';
    add({
      key: `jobDevelopmentOverdue:${employee.id}:${period}:${manager.id}`,
      recipientId: manager.id,
      activityType: 'jobDevelopmentOverdue',
      templateParameters: { employeeName: employee.displayName, lastAgreed: lastJob ? period : 'never' },
      link: planLink,
    });
    add({
      key: `jobDevelopmentReminder:${employee.id}:${period}:${employee.id}`,
      recipientId: employee.id,
      activityType: 'jobDevelopmentReminder',
      templateParameters: {},
      link: planLink,
    });
  }

  const next = inputs.nextConversation;
  if (next && manager && DATE_ONLY.test(next.date) && daysBetween(today, next.date) === 1) {
    // Either person can prepare: each is prompted, under a key of their own, to bring their points.
    const conversation = next.type ? `${conversationTypeWords(next.type)} conversation` : '1:1 conversation';
    for (const [recipient, other] of [
      [employee, manager],
      [manager, employee],
    ] as const) {
      add({
        key: `prepareTalkingPoints:${employee.id}:${next.date}:${recipient.id}`,
        recipientId: recipient.id,
        activityType: 'prepareTalkingPoints',
        templateParameters: { conversation: `${conversation} with ${other.displayName}` },
        link: planLink,
      });
    }
  }

  for (const draft of inputs.drafts) {
    // A draft begun with a former manager concerns someone who no longer sees the plan: nobody is nudged.
    if (draft.status !== 'draft' || draft.managerId !== manager?.id) continue;
    const current = draft.confirmations.filter((entry) => entry.revision === draft.revision);
    if (current.length !== 1) continue;
    const [confirmation] = current;
    if (!confirmation) continue;
    // Written so that a confirmation time that does not parse (NaN) never counts as long enough ago.
    const waitedLongEnough = now.getTime() - Date.parse(confirmation.at) >= CONFIRMATION_NUDGE_DELAY_MS;
    if (!waitedLongEnough) continue;
    const confirmer = confirmation.role === 'employee' ? employee : manager;
    const waiting = confirmation.role === 'employee' ? manager : employee;
    add({
      key: `confirmationWaiting:${draft.id}.r${draft.revision}:${waiting.id}`,
      recipientId: waiting.id,
      activityType: 'confirmationWaiting',
      templateParameters: { personName: confirmer.displayName, conversationType: conversationTypeWords(draft.type) },
      link: planLink,
    });
  }

  return notifications;
}

/** One direct report as the digest sees it: the plan counters the team overview reads. */
export interface DigestReport {
  employee: NudgePerson;
  lastAgreed: Readonly<Pick<Record<ConversationType, string | null>, 'job'>>;
  /** When the report's plan started (see `PlanNudgeInputs.startedAt`). */
  startedAt: string | null;
  /** Open agreed actions per owner. */
  openActions: Readonly<Record<Owner, number>>;
}

export interface TeamDigestInputs {
  now: Date;
  manager: NudgePerson;
  /** The manager's current direct reports. */
  reports: readonly DigestReport[];
  preferences: NudgePreferences;
  alreadySent: ReadonlySet<string>;
}

function namesList(people: readonly NudgePerson[]): string {
  const shown = people.slice(0, DIGEST_NAMES_SHOWN).map((person) => person.displayName);
  const more = people.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * The digest's one line: only the parts that have someone in them ("job development is overdue
 * with Ben Okafor; you hold too many actions in Ava Patel's plan"), never "nobody".
 */
export function digestSummary(overdue: readonly NudgePerson[], holding: readonly NudgePerson[]): string {
  const parts: string[] = [];
  if (overdue.length > 0) parts.push(`job development is overdue with ${namesList(overdue)}`);
  if (holding.length > 0) {
    parts.push(
      `you hold too many actions in ${holding.length === 1 ? 'the plan' : 'the plans'} of ${namesList(holding)}`,
    );
  }
  return parts.join('; ');
}

/** Whether today (UTC) is the manager's digest day and the digest is on. */
export function digestDue(preferences: NudgePreferences, now: Date): boolean {
  return preferences.weeklyDigest && WEEKDAYS[(now.getUTCDay() + 6) % 7] === preferences.digestDay;
}

/**
 * The start of every weekly digest's key: a digest is sent to a manager as a manager, so its sent
 * record is theirs, kept with their own choice of nudges (a deletion of their own plan keeps both).
 */
export const TEAM_DIGEST_KEY_PREFIX = 'weeklyDigest:team:';

/**
 * The manager's weekly digest, on the weekday they chose: which reports are overdue for job
 * development and in whose plans the manager holds too many open actions. Nothing when the team
 * has nothing to report, the digest is off, it is not the day, or today's was already sent.
 */
export function teamDigestNudges(inputs: TeamDigestInputs): NudgeNotification[] {
  const { manager, now, preferences } = inputs;
  if (!digestDue(preferences, now)) return [];
  const overdue = inputs.reports.filter((report) =>
    isJobDevelopmentOverdue(report.lastAgreed.job, now, report.startedAt),
  );
  const holding = inputs.reports.filter((report) => managerHoldsTooMuch(report.openActions));
  if (overdue.length === 0 && holding.length === 0) return [];
  const key = `${TEAM_DIGEST_KEY_PREFIX}${calendarDay(now)}:${manager.id}`;
  if (inputs.alreadySent.has(key)) return [];
  return [
    {
      key,
      recipientId: manager.id,
      activityType: 'weeklyDigest',
      templateParameters: {
        summary: digestSummary(
          overdue.map((report) => report.employee),
          holding.map((report) => report.employee),
        ),
      },
      link: { page: 'team' },
    },
  ];
}

/** The notification's text as Teams renders its template: the preview line, and what the local preview shows. */
export function nudgeText(notification: NudgeNotification): string {
  const parameters: Record<string, string> = notification.templateParameters;
  return NUDGE_ACTIVITY_TYPES[notification.activityType].templateText.replace(
    /\{(\w+)\}/g,
    (placeholder, name: string) => parameters[name] ?? placeholder,
  );
}

/** A plan with nothing ahead: looked at again only when something changes it (an agreement or a confirmation). */
export const NO_CHECK_NEEDED = '9999-12-31';

/**
 * The first day after today on which the plan could call for a nudge, as far as today's data tells:
 * an action coming into its due-soon window or passing its due date, job development falling
 * overdue, a confirmation waiting long enough, the day before the next conversation. The
 * timer looks at the plan again on that day; any change that matters marks it for a look sooner.
 */
export function nextNudgeCheck(inputs: Omit<PlanNudgeInputs, 'preferences' | 'alreadySent'>): string {
  const today = calendarDay(inputs.now);
  const candidates: string[] = [];
  for (const action of inputs.actions) {
    if (!action.agreed || action.status !== 'open' || !action.dueDate || !DATE_ONLY.test(action.dueDate)) continue;
    const days = daysBetween(today, action.dueDate);
    if (days > DUE_SOON_DAYS) candidates.push(addDays(action.dueDate, -DUE_SOON_DAYS));
    else if (days >= 0) candidates.push(addDays(action.dueDate, 1));
  }
  const jobDraftOpen = inputs.drafts.some((draft) => draft.type === 'job' && draft.status === 'draft');
  const countsFrom = jobDevelopmentCountsFrom(inputs.lastAgreed.job, inputs.startedAt);
  if (inputs.manager && !jobDraftOpen && countsFrom && !isJobDevelopmentOverdue(countsFrom, inputs.now)) {
    candidates.push(addDays(calendarDay(new Date(countsFrom)), JOB_DEVELOPMENT_CADENCE_DAYS + 1));
  }
  for (const draft of inputs.drafts) {
    const waiting = draft.confirmations.filter((entry) => entry.revision === draft.revision);
    const [confirmation] = waiting;
    if (draft.status !== 'draft' || waiting.length !== 1 || !confirmation) continue;
    const nudgeFrom = Date.parse(confirmation.at) + CONFIRMATION_NUDGE_DELAY_MS;
    // Still within the wait: the next run after it ends, tomorrow at the earliest (today's may have been).
    if (nudgeFrom > inputs.now.getTime()) {
      const day = calendarDay(new Date(nudgeFrom));
      candidates.push(day > today ? day : addDays(today, 1));
    }
  }
  const next = inputs.nextConversation;
  if (next && DATE_ONLY.test(next.date)) candidates.push(addDays(next.date, -1));
  const ahead = candidates.filter((day) => day > today).sort();
  return ahead[0] ?? NO_CHECK_NEEDED;
}
