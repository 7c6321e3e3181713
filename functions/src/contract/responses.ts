import * as z from 'zod';
import {
  ActionModel,
  AgendaItemModel,
  AgendaSectionModel,
  AuditEntryModel,
  CONVERSATION_TYPES,
  CareerPlanModel,
  INVITE_KIND_REASONS,
  ConversationModel,
  LIVE_CHANGE_KINDS,
  LearningMixModel,
  NoteModel,
  NudgePreferencesModel,
  OwnershipBalanceModel,
  PLAN_ROLES,
  PreparedPointModel,
} from '../domain';

export const PersonSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.string().optional(),
  email: z.string().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const MeResponseSchema = z.object({
  tenantId: z.string(),
  user: PersonSchema,
  manager: PersonSchema.nullable(),
  directReports: z.array(PersonSchema),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const PlanRoleSchema = z.enum(PLAN_ROLES);

/** What the API sends of a stored entity: the entity and the ETag to send back with a change. */
const etag = { etag: z.string() };

export const AgendaItemSchema = AgendaItemModel;
export const SectionSchema = AgendaSectionModel;

export const ActionSchema = ActionModel.extend(etag);
export type ActionView = z.infer<typeof ActionSchema>;

export const ConversationSchema = ConversationModel.extend(etag);
export type ConversationRecord = z.infer<typeof ConversationSchema>;

export const OwnershipSchema = OwnershipBalanceModel;
export const LearningMixSchema = LearningMixModel;

export const NoteSchema = NoteModel.pick({ text: true, updatedAt: true }).extend(etag);
export type NoteView = z.infer<typeof NoteSchema>;

export const CareerPlanSchema = CareerPlanModel.pick({
  aspiration: true,
  focusAreas: true,
  careerScenario: true,
}).extend({
  updatedAt: z.string().nullable(),
  etag: z.string().nullable(),
});
export type CareerPlan = z.infer<typeof CareerPlanSchema>;

/** The next conversation as people see it: null when none is set or its day has passed. */
export const UpcomingConversationSchema = z.object({
  /** YYYY-MM-DD (UTC). */
  date: z.string(),
  type: z.enum(CONVERSATION_TYPES).nullable(),
});
export type UpcomingConversation = z.infer<typeof UpcomingConversationSchema>;

/** The pair's context beside a conversation, from what the plan already records. */
export const ConversationContextSchema = z.object({
  jobDevelopment: z.object({
    /** When a job development conversation was last agreed; null when never. */
    lastAgreedAt: z.string().nullable(),
    /** Over the cadence, counted from the last agreed job conversation or the plan's start, whichever is later. */
    overdue: z.boolean(),
    /** Days past the cadence; null when not overdue (or, for plans from before starts were recorded, not countable). */
    overdueDays: z.number().nullable(),
  }),
  /** Open agreed actions per owner across the plan. */
  openActions: z.object({ employee: z.number(), manager: z.number() }),
  /** The manager holds at least as many open actions as the employee (and at least one). */
  managerHoldsTooMuch: z.boolean(),
  nextConversation: UpcomingConversationSchema.nullable(),
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

export const ConversationViewSchema = z.object({
  role: PlanRoleSchema,
  employee: PersonSchema,
  manager: PersonSchema,
  conversation: ConversationSchema,
  sections: z.array(SectionSchema),
  actions: z.array(ActionSchema),
  carriedActions: z.array(ActionSchema),
  ownership: OwnershipSchema,
  learningMix: LearningMixSchema,
  myNote: NoteSchema.nullable(),
  /** The employee's career plan as it is now: in the room, where the agenda asks about it. */
  careerPlan: CareerPlanSchema,
  /** Where the pair stands: job development cadence, open actions, the next conversation. */
  context: ConversationContextSchema,
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const ConversationSummarySchema = z.object({
  conversation: ConversationSchema.omit({ agenda: true }).extend({
    /** Items that can be ticked (the review of carried actions aside), as the side panel counts them. */
    agendaItems: z.number(),
    discussedItems: z.number(),
  }),
  actions: z.array(ActionSchema),
  ownership: OwnershipSchema,
  learningMix: LearningMixSchema,
  /** What was said: the items both people wrote notes under, with the notes. */
  notes: z.array(AgendaItemModel.pick({ id: true, text: true, notes: true })),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const HistoryPageSchema = z.object({
  items: z.array(ConversationSummarySchema),
  continuation: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** The career plan as people see it; before the employee first writes it, every field is empty. */

export const PlanSummarySchema = z.object({
  conversations: z.number(),
  lastAgreed: z.object({ job: z.string().nullable(), career: z.string().nullable() }),
  drafts: z.object({ job: z.string().nullable(), career: z.string().nullable() }),
  openActions: z.object({ employee: z.number(), manager: z.number() }),
  /** When the plan started (ISO time); null for plans from before starts were recorded. */
  startedAt: z.string().nullable(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const PreparedPointsSchema = z.object({ points: z.array(PreparedPointModel) });
export type PreparedPoints = z.infer<typeof PreparedPointsSchema>;

/** The next conversation as stored, with the ETag to change it: every field null before anyone set one. */
export const NextConversationSchema = z.object({
  /** YYYY-MM-DD (UTC); null when none is set, or its day has passed. */
  date: z.string().nullable(),
  type: z.enum(CONVERSATION_TYPES).nullable(),
  /** Who set it, and when; null while none is set (who cleared it is in the audit trail). */
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  etag: z.string().nullable(),
});
export type NextConversationView = z.infer<typeof NextConversationSchema>;

export const PlanViewSchema = z.object({
  role: PlanRoleSchema,
  employee: PersonSchema,
  manager: PersonSchema.nullable(),
  careerPlan: CareerPlanSchema,
  summary: PlanSummarySchema,
  /** Talking points either person prepared for the next conversation. */
  prepared: z.array(PreparedPointModel),
  /** When the pair meets next, as either of them set it. */
  nextConversation: NextConversationSchema,
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export const TeamMemberSchema = z.object({
  person: PersonSchema,
  lastJobConversationAt: z.string().nullable(),
  lastCareerConversationAt: z.string().nullable(),
  daysSinceJobConversation: z.number().nullable(),
  daysSinceCareerConversation: z.number().nullable(),
  jobDevelopmentOverdue: z.boolean(),
  /** Days past the cadence; null when not overdue (or, for plans from before starts were recorded, not countable). */
  jobDevelopmentOverdueDays: z.number().nullable(),
  openActions: z.object({ employee: z.number(), manager: z.number() }),
  managerHoldsTooMuch: z.boolean(),
  drafts: z.object({ job: z.string().nullable(), career: z.string().nullable() }),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamOverviewSchema = z.object({
  cadenceDays: z.number(),
  members: z.array(TeamMemberSchema),
});
export type TeamOverview = z.infer<typeof TeamOverviewSchema>;

export const MeetingResolutionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('linked'),
    employeeId: z.string(),
    managerId: z.string(),
    conversationId: z.string(),
    conversationType: z.enum(CONVERSATION_TYPES),
  }),
  z.object({
    /** Another occurrence of a recurring series whose chat already holds a plan. */
    status: z.literal('series'),
    employeeId: z.string(),
    managerId: z.string(),
    lastConversationId: z.string(),
    lastConversationType: z.enum(CONVERSATION_TYPES),
  }),
  z.object({ status: z.literal('unlinked') }),
]);
export type MeetingResolution = z.infer<typeof MeetingResolutionSchema>;

/** What the meeting side panel opens with, in one request. */
export const MeetingPanelSchema = z.object({
  me: MeResponseSchema,
  meeting: MeetingResolutionSchema,
  /** This meeting's conversation when it is linked, with its validator for the poll. */
  conversation: ConversationViewSchema.nullable(),
  conversationEtag: z.string().nullable(),
  /**
   * For a meeting not linked yet: whose plan it most likely is, from the meeting chat's members —
   * the one other member who is the caller's report (that report) or manager (the caller). Null
   * when not known, not the caller's chat, or not exactly one.
   */
  suggestedEmployeeId: z.string().nullable(),
});
export type MeetingPanel = z.infer<typeof MeetingPanelSchema>;

export const ExportSchema = z.object({
  exportedAt: z.string(),
  role: PlanRoleSchema,
  employee: PersonSchema,
  careerPlan: CareerPlanSchema,
  conversations: z.array(
    z.object({ conversation: ConversationSchema, actions: z.array(ActionSchema), myNote: NoteSchema.nullable() }),
  ),
});
export type PlanExport = z.infer<typeof ExportSchema>;

/**
 * What a write to a conversation answers: the conversation as stored after it, with the ETag to send
 * with the next write, so the tab applies it without reading the conversation again.
 */
export const ConversationChangeSchema = z.object({ conversation: ConversationSchema });
export type ConversationChange = z.infer<typeof ConversationChangeSchema>;

export const AgendaItemResultSchema = ConversationChangeSchema.extend({
  item: AgendaItemSchema,
  conversationEtag: z.string(),
});
export type AgendaItemResult = z.infer<typeof AgendaItemResultSchema>;

/** An action as written; a draft's action comes with the draft's new revision. */
export const ActionResultSchema = z.object({
  action: ActionSchema,
  conversation: ConversationSchema.optional(),
  conversationEtag: z.string().optional(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

export const AuditEntrySchema = AuditEntryModel.extend({ actorName: z.string() });
export const AuditTrailSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Where the next page starts; null on the last page. */
  continuation: z.string().nullable(),
});
export type AuditTrail = z.infer<typeof AuditTrailSchema>;

/** The caller's own choice of nudges: everything on, with no ETag, until they first choose. */
export const NudgePreferencesSchema = z.object({
  preferences: NudgePreferencesModel,
  etag: z.string().nullable(),
});
export type NudgePreferencesView = z.infer<typeof NudgePreferencesSchema>;

/**
 * Where the tab listens for a conversation's changes: a Web PubSub client URL (its access token
 * inside) that joins that conversation's group alone, and when the token expires. Both null when
 * live updates are off: the tab keeps asking every few seconds instead.
 */
export const LiveAccessSchema = z.object({
  url: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type LiveAccess = z.infer<typeof LiveAccessSchema>;

/**
 * What the API publishes to a conversation's group after a change is stored: which conversation,
 * its revision and row ETag after the change, the kind of change, the agenda item or action it
 * touched, and who made it. Never content — nothing both people would not see in the conversation
 * anyway, and no text at all — so the tab reads the conversation to see what changed.
 * `etag` is null when the conversation's row did not change (an agreed action's status moved);
 * `revision` is 0 as well in a notice to a draft about a change elsewhere in the plan (the career
 * plan, the next conversation, the status of an action it carries), which the draft's view shows.
 */
export const LiveMessageSchema = z.strictObject({
  conversationId: z.string(),
  revision: z.number().int().nonnegative(),
  etag: z.string().nullable(),
  kind: z.enum(LIVE_CHANGE_KINDS),
  itemId: z.string().nullable(),
  by: z.string(),
});
export type LiveMessage = z.infer<typeof LiveMessageSchema>;

/** One kind's agenda as an invite lists it: its title, its headings and the prepared points it would take. */
export const InviteKindAgendaSchema = z.object({
  kind: z.enum(CONVERSATION_TYPES),
  title: z.string(),
  headings: z.array(z.string()),
  prepared: z.array(PreparedPointModel),
});
export type InviteKindAgenda = z.infer<typeof InviteKindAgendaSchema>;

/**
 * What the Outlook add-in shows for a 1:1 invite: the pair, the kind to hold and why, both kinds' agendas (the
 * organizer may choose the other) and, for the employee alone, their career plan — which goes into an invite only
 * when they tick it. Never a note.
 */
export const InviteAgendaSchema = z.object({
  role: PlanRoleSchema,
  employee: PersonSchema,
  manager: PersonSchema,
  suggested: z.object({ kind: z.enum(CONVERSATION_TYPES), reason: z.enum(INVITE_KIND_REASONS) }),
  jobDevelopment: z.object({ overdue: z.boolean(), overdueDays: z.number().nullable() }),
  nextConversation: UpcomingConversationSchema.nullable(),
  agendas: z.array(InviteKindAgendaSchema),
  /** The employee's career plan, to the employee only (null to the manager). */
  careerPlan: CareerPlanSchema.nullable(),
});
export type InviteAgenda = z.infer<typeof InviteAgendaSchema>;
