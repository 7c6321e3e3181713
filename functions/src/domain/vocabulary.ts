/**
 * The product's vocabulary: the kinds of things, their fixed ids and the names people read. Plain data with no
 * zod, so the tab can import it without bringing zod into its bundle; `model.ts` builds the shapes on it.
 */

export const CONVERSATION_TYPES = ['career', 'job'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export const CONVERSATION_TYPE_NAMES: Record<ConversationType, string> = {
  career: 'Career development',
  job: 'Job development',
};

export const OWNERS = ['employee', 'manager'] as const;
export type Owner = (typeof OWNERS)[number];

/** Ordered as the talk flows: formal learning first, then other people, then practice. */
export const LEARNING_KINDS = ['formal', 'fromOthers', 'onTheJob'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export const LEARNING_KIND_NAMES: Record<LearningKind, string> = {
  formal: 'Formal learning (10)',
  fromOthers: 'Learning from others (20)',
  onTheJob: 'Learning on the job (70)',
};

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const CONVERSATION_STATUSES = ['draft', 'agreed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Every aspiration is valid; none ranks above another. */
export const ASPIRATIONS = ['growInRole', 'moveSideways', 'moveUp', 'changePace', 'explore'] as const;
export type Aspiration = (typeof ASPIRATIONS)[number];

export const ASPIRATION_NAMES: Record<Aspiration, string> = {
  growInRole: 'Grow in my current role',
  moveSideways: 'Move sideways to pick up new skills',
  moveUp: 'Move up',
  changePace: 'Change pace or scope',
  explore: 'Still exploring',
};

export const AGENDA_ITEM_SOURCES = ['template', 'talkingPoint', 'carried'] as const;
export type AgendaItemSource = (typeof AGENDA_ITEM_SOURCES)[number];

export const PLAN_ROLES = ['employee', 'manager'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

/** What a change to a draft did, as the other person reads it ("Ava changed an action: agree again"). */
export const CHANGE_KINDS = {
  'agenda.tick': 'ticked an agenda item',
  'agenda.add': 'added a talking point',
  'action.add': 'added an action',
  'action.change': 'changed an action',
  'action.remove': 'removed an action',
  'review.propose': 'proposed a status for an earlier action',
  'careerPlan.change': 'changed the career plan',
  'agenda.note': 'wrote a note',
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/** The section that lists last time's open actions; both templates have it. */
export const REVIEW_SECTION_ID = 'review';
/** Where talking points go when the person does not choose a section. */
export const TALKING_POINTS_SECTION_ID = 'talkingPoints';

/** The kinds of nudge; each is an activity type declared in the Teams manifest under the same name. */
export const NUDGE_KINDS = [
  'actionDueSoon',
  'actionOverdue',
  'jobDevelopmentOverdue',
  'jobDevelopmentReminder',
  'prepareTalkingPoints',
  'confirmationWaiting',
  'weeklyDigest',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** Days of the week, Monday first, as the nudge preferences name them. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** An action is "due soon" from this many days before its due date until the day itself. */
export const DUE_SOON_DAYS = 3;
/**
 * An action overdue for longer than this gets no overdue nudge: it was nudged when it fell due, or
 * it fell due before nudges existed, and a first run should not flood anyone with old news.
 */
export const OVERDUE_NUDGE_WINDOW_DAYS = 14;
/** A half-agreed plan waits this long before the other person is nudged: they may still be in the meeting. */
export const CONFIRMATION_NUDGE_DELAY_MS = 60 * 60 * 1000;
