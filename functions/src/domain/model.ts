/** The shapes of the product, shared by the API and the tab. Pure data, no I/O. */
import * as z from 'zod';
import {
  ACTION_STATUSES,
  AGENDA_ITEM_SOURCES,
  AUDIT_ACTIONS,
  ASPIRATIONS,
  CHANGE_KINDS,
  CONVERSATION_STATUSES,
  CONVERSATION_TYPES,
  LEARNING_KINDS,
  OWNERS,
  PLAN_ROLES,
  type ChangeKind,
} from './vocabulary';

// The vocabulary lives in its own zod-free module, so the tab can import it without zod; it is still part of the model.
export {
  ACTION_STATUSES,
  AGENDA_ITEM_SOURCES,
  ASPIRATIONS,
  AUDIT_ACTIONS,
  AUDIT_ACTION_WORDS,
  ASPIRATION_NAMES,
  CHANGE_KINDS,
  CONVERSATION_STATUSES,
  CONVERSATION_TYPES,
  CONVERSATION_TYPE_NAMES,
  LEARNING_KINDS,
  LEARNING_KIND_NAMES,
  LIVE_CHANGE_KINDS,
  OWNERS,
  PLAN_ROLES,
} from './vocabulary';
export type {
  ActionStatus,
  AgendaItemSource,
  Aspiration,
  AuditAction,
  ChangeKind,
  ConversationStatus,
  ConversationType,
  LearningKind,
  LiveChangeKind,
  Owner,
  PlanRole,
} from './vocabulary';

/*
 * The shapes below are declared once, as zod schemas: the domain works with the inferred types,
 * and the contract extends the same schemas (with ETags, names) for what the API sends.
 */

/** An earlier action a review item points at: where it was captured, and its id. */
export const CarriedActionRefModel = z.object({ conversationId: z.string(), actionId: z.string() });
export type CarriedActionRef = z.infer<typeof CarriedActionRefModel>;

export const AgendaItemModel = z.object({
  id: z.string(),
  sectionId: z.string(),
  text: z.string(),
  source: z.enum(AGENDA_ITEM_SOURCES),
  /** Optional prompts (such as a concrete career scenario) never block anything. */
  optional: z.boolean(),
  /** Who added a talking point; absent for template and carried items. */
  authorId: z.string().optional(),
  /** For carried items: the earlier action under review. */
  carriedAction: CarriedActionRefModel.optional(),
  discussed: z.boolean(),
  discussedBy: z.string().optional(),
  discussedAt: z.string().optional(),
  /** For carried items: the status one person proposes; it takes effect when both agree the conversation. */
  proposal: z.object({ status: z.enum(ACTION_STATUSES), by: z.string(), at: z.string() }).optional(),
  /** What was said about this item: at most one note per person, each edited by its author alone. */
  notes: z.array(z.object({ role: z.enum(PLAN_ROLES), by: z.string(), at: z.string(), text: z.string() })).optional(),
  /** A talking point one of them prepared before the conversation started. */
  prepared: z.boolean().optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemModel>;

export const ActionModel = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** The kind of conversation that captured it: open actions carry into the next one of the same kind. */
  conversationType: z.enum(CONVERSATION_TYPES).optional(),
  title: z.string(),
  owner: z.enum(OWNERS),
  learningKind: z.enum(LEARNING_KINDS).optional(),
  dueDate: z.string().optional(),
  /** The career-plan focus area this action serves, if it names one. */
  focusArea: z.string().optional(),
  status: z.enum(ACTION_STATUSES),
  /** True once the conversation that captured it was agreed. */
  agreed: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  statusChangedAt: z.string().optional(),
  statusChangedBy: z.string().optional(),
  /** Each status change after agreement: who moved it, to what, and when (the latest few). */
  statusHistory: z.array(z.object({ status: z.enum(ACTION_STATUSES), by: z.string(), at: z.string() })).optional(),
});
export type Action = z.infer<typeof ActionModel>;

const ChangeKindModel = z.enum(Object.keys(CHANGE_KINDS) as [ChangeKind, ...ChangeKind[]]);

/** One person's agreement to one revision of a draft. */
export const ConfirmationModel = z.object({
  role: z.enum(PLAN_ROLES),
  by: z.string(),
  at: z.string(),
  revision: z.number(),
});
export type Confirmation = z.infer<typeof ConfirmationModel>;

/** The latest change to a draft: who, in which role, what kind, when. */
export const ChangeRecordModel = z.object({
  by: z.string(),
  role: z.enum(PLAN_ROLES),
  at: z.string(),
  kind: ChangeKindModel,
});

/** Who makes a change, in which role, and when: every change records all three. */
export type Change = Omit<z.infer<typeof ChangeRecordModel>, 'kind'>;

/** A change that withdrew confirmations: whose, and the change that did it. */
export const WithdrawalModel = ChangeRecordModel.extend({ roles: z.array(z.enum(PLAN_ROLES)) });

/** The career plan as it stood on the day a conversation was agreed. */
export const CareerPlanSnapshotModel = z.object({
  aspiration: z.enum(ASPIRATIONS).nullable(),
  focusAreas: z.array(z.string()),
  careerScenario: z.string().nullable(),
});
export type CareerPlanSnapshot = z.infer<typeof CareerPlanSnapshotModel>;

/** What changed since the previous agreed conversation of the same type. */
export const SnapshotChangesModel = z.object({
  previousConversationId: z.string().nullable(),
  careerPlan: z.array(
    z.object({
      field: z.enum(['aspiration', 'focusAreas', 'careerScenario']),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
  actionsAdded: z.array(z.string()),
  done: z.array(z.string()),
  dropped: z.array(z.string()),
  carried: z.array(z.string()),
});
export type SnapshotChanges = z.infer<typeof SnapshotChangesModel>;

/** What both people agreed that day; never changes afterwards. */
export const AgreedSnapshotModel = z.object({
  conversationId: z.string(),
  agreedAt: z.string(),
  careerPlan: CareerPlanSnapshotModel,
  actions: z.array(ActionModel.pick({ id: true, title: true, owner: true, learningKind: true, dueDate: true })),
  /** The ownership balance of the agreed actions: frozen with them. */
  ownership: z.object({ employee: z.number(), manager: z.number() }),
  /** The earlier actions reviewed, with the status the review left them in. */
  review: z.array(
    z.object({
      conversationId: z.string(),
      actionId: z.string(),
      title: z.string(),
      owner: z.enum(OWNERS),
      status: z.enum(ACTION_STATUSES),
    }),
  ),
  changes: SnapshotChangesModel,
});
export type AgreedSnapshot = z.infer<typeof AgreedSnapshotModel>;

export const ConversationModel = z.object({
  id: z.string(),
  employeeId: z.string(),
  managerId: z.string(),
  type: z.enum(CONVERSATION_TYPES),
  status: z.enum(CONVERSATION_STATUSES),
  agenda: z.array(AgendaItemModel),
  createdBy: z.string(),
  createdAt: z.string(),
  agreedAt: z.string().optional(),
  agreedBy: z.string().optional(),
  /** Moves on with every change to the draft's content; a confirmation names the revision it agrees to. */
  revision: z.number(),
  /**
   * The highest talking point number ever handed out here, so that a removed point's id is never
   * given to another (a retried request, or an open screen, still names the one it meant).
   */
  talkingPointSeq: z.number().optional(),
  /** At most one per person, each for the revision that person saw. */
  confirmations: z.array(ConfirmationModel),
  lastChange: ChangeRecordModel.optional(),
  /** Confirmations the latest change withdrew, until those people agree again. */
  withdrawal: WithdrawalModel.optional(),
  /** Present once agreed: the record of that day. */
  snapshot: AgreedSnapshotModel.optional(),
});
export type Conversation = z.infer<typeof ConversationModel>;

/** The employee's career plan: the employee writes it, the manager reads it. */
export const CareerPlanModel = z.object({
  aspiration: z.enum(ASPIRATIONS).nullable(),
  focusAreas: z.array(z.string()),
  careerScenario: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CareerPlanRecord = z.infer<typeof CareerPlanModel>;

/** A talking point one person prepares for the next conversation (of a kind, or either kind). */
export const PreparedPointModel = z.object({
  id: z.string(),
  text: z.string(),
  by: z.string(),
  role: z.enum(PLAN_ROLES),
  at: z.string(),
  type: z.enum(CONVERSATION_TYPES).nullable(),
});
export type PreparedPoint = z.infer<typeof PreparedPointModel>;

/** A private note: its author alone reads it. */
export const NoteModel = z.object({
  conversationId: z.string(),
  authorId: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof NoteModel>;

/** The date of the pair's next conversation, as either of them set it (calendar day, UTC). */
export const NextConversationModel = z.object({
  /** YYYY-MM-DD. */
  date: z.string(),
  type: z.enum(CONVERSATION_TYPES).nullable(),
  by: z.string(),
  role: z.enum(PLAN_ROLES),
  at: z.string(),
});
export type NextConversation = z.infer<typeof NextConversationModel>;

/** An entry of the audit trail: who did what to a plan, and when, never the content. */
export const AuditEntryModel = z.object({
  at: z.string(),
  actorId: z.string(),
  /** The actor's role on the plan at the time; none for a refused access. */
  actorRole: z.enum([...PLAN_ROLES, 'none']),
  action: z.enum(AUDIT_ACTIONS),
  /** The conversation, action or item concerned, by id. */
  target: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntryModel>;

/** Entra object and tenant ids, in the lower case the API keeps them in. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Conversation ids sort newest first: 13 digits of inverted time, then 6 random characters. */
export const CONVERSATION_ID_PATTERN = /^\d{13}[a-z0-9]{6}$/;

export const OwnershipBalanceModel = z.object({
  employee: z.number(),
  manager: z.number(),
  /** The employee owns strictly more of the agreed actions than the manager. */
  satisfied: z.boolean(),
  /** Why the rule fails, in plain words; absent when it holds. */
  reason: z.string().optional(),
});
export type OwnershipBalance = z.infer<typeof OwnershipBalanceModel>;

const PerLearningKind = z.record(z.enum(LEARNING_KINDS), z.number());

export const LearningMixModel = z.object({
  /** Actions that name a kind of learning (dropped ones aside). */
  classified: z.number(),
  unclassified: z.number(),
  counts: PerLearningKind,
  /** Shares of the classified actions, 0..1, summing to 1 when any exist. */
  shares: PerLearningKind,
  /** Every classified action is formal learning: a class is not the only way to grow. */
  allFormal: z.boolean(),
  advice: z.string().optional(),
});
export type LearningMix = z.infer<typeof LearningMixModel>;
