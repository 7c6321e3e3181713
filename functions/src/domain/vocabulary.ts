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
  'agenda.edit': 'edited a talking point',
  'agenda.remove': 'removed a talking point',
  'action.add': 'added an action',
  'action.change': 'changed an action',
  'action.remove': 'removed an action',
  'review.propose': 'proposed a status for an earlier action',
  'careerPlan.change': 'changed the career plan',
  'agenda.note': 'wrote a note',
  'carried.status': 'changed the status of an action from last time',
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/** Who did what to a plan, and when: never the content. Each kind is recorded by the audit trail. */
export const AUDIT_ACTIONS = [
  'careerPlan.write',
  'plan.prepare',
  'plan.next',
  'conversation.start',
  'conversation.confirm',
  'conversation.withdraw',
  'conversation.agree',
  'agenda.add',
  'agenda.edit',
  'agenda.remove',
  'agenda.tick',
  'agenda.note',
  'action.add',
  'action.change',
  'action.remove',
  'review.propose',
  'note.write',
  'meeting.link',
  'plan.export',
  'plan.delete',
  'access.refused',
  'nudges.preferences',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One wording per kind of audit entry, as the trail reads after the person's name ("Ava Patel
 * edited a talking point"). The tab and the server say the same.
 */
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  'careerPlan.write': 'changed the career plan',
  'plan.prepare': 'prepared a talking point',
  'plan.next': 'set the date of the next conversation',
  'conversation.start': 'started a conversation',
  'conversation.confirm': 'confirmed a version of a conversation',
  'conversation.withdraw': 'took back a confirmation',
  'conversation.agree': 'agreed a conversation: both confirmed the same version',
  'agenda.add': 'added a talking point',
  'agenda.edit': 'edited a talking point',
  'agenda.remove': 'removed a talking point',
  'agenda.tick': 'ticked an agenda item',
  'agenda.note': 'wrote a shared note',
  'action.add': 'added an action',
  'action.change': 'changed an action',
  'action.remove': 'removed an action',
  'review.propose': 'proposed a status for an earlier action',
  'note.write': 'wrote a private note',
  'meeting.link': 'linked a meeting',
  'plan.export': 'exported the plan',
  'plan.delete': 'deleted the plan',
  'access.refused': 'tried to open the plan and was refused',
  'nudges.preferences': 'changed which reminders they receive',
};

/**
 * The changes to a conversation that live updates announce to the people who have it open, named as
 * the audit trail names them. A notice says which change happened, never what it says.
 */
export const LIVE_CHANGE_KINDS = [
  'agenda.add',
  'agenda.tick',
  'agenda.note',
  'agenda.edit',
  'agenda.remove',
  'review.propose',
  'action.add',
  'action.change',
  'action.remove',
  'conversation.confirm',
  'conversation.withdraw',
  'conversation.agree',
  'careerPlan.write',
  'plan.next',
] as const satisfies readonly AuditAction[];
export type LiveChangeKind = (typeof LIVE_CHANGE_KINDS)[number];

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
