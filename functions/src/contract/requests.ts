import * as z from 'zod';
import {
  ASPIRATIONS,
  ACTION_STATUSES,
  CONVERSATION_ID_PATTERN,
  CONVERSATION_TYPES,
  LEARNING_KINDS,
  LIMITS,
  MAX_INVITE_ATTENDEES,
  OWNERS,
  WEEKDAYS,
  type NudgePreferences,
} from '../domain';
import {
  ConversationIdSchema,
  DateOnlySchema,
  GuidSchema,
  SectionIdSchema,
  TeamsIdSchema,
  lineText,
  longText,
} from './fields';
import { TEXT_LIMITS } from './text-limits';

/** The largest request body the API reads; every schema below fits well inside it. */
export const MAX_BODY_BYTES = 32 * 1024;

export const StartConversationRequestSchema = z.strictObject({
  type: z.enum(CONVERSATION_TYPES, 'Choose career or job development.'),
  meetingId: TeamsIdSchema.optional(),
  chatId: TeamsIdSchema.optional(),
});
export type StartConversationRequest = z.infer<typeof StartConversationRequestSchema>;

export const AddTalkingPointRequestSchema = z.strictObject({
  text: lineText(TEXT_LIMITS.talkingPoint),
  sectionId: SectionIdSchema.optional(),
});
export type AddTalkingPointRequest = z.infer<typeof AddTalkingPointRequestSchema>;

export const UpdateAgendaItemRequestSchema = z
  .strictObject({
    discussed: z.boolean('Say true or false.').optional(),
    /** For an action carried from last time: the status proposed for it (null takes the proposal back). */
    proposal: z.enum(ACTION_STATUSES, 'Propose open, done or dropped.').nullable().optional(),
    /** The caller's own note under the item (empty takes it away). */
    note: longText(TEXT_LIMITS.itemNote).optional(),
    /** For a talking point the caller added: its new words (the same policy and cap as adding one). */
    text: lineText(TEXT_LIMITS.talkingPoint).optional(),
  })
  .refine(
    (body) => [body.discussed, body.proposal, body.note, body.text].filter((field) => field !== undefined).length === 1,
    'Send one of "discussed", "proposal", "note" or "text".',
  );
export type UpdateAgendaItemRequest = z.infer<typeof UpdateAgendaItemRequestSchema>;

export const AddActionRequestSchema = z.strictObject({
  title: lineText(TEXT_LIMITS.actionTitle),
  owner: z.enum(OWNERS, 'Choose who owns the action: employee or manager.'),
  learningKind: z.enum(LEARNING_KINDS, 'Choose formal, fromOthers or onTheJob.').optional(),
  dueDate: DateOnlySchema.optional(),
  focusArea: lineText(TEXT_LIMITS.focusArea).optional(),
});
export type AddActionRequest = z.infer<typeof AddActionRequestSchema>;

export const UpdateActionRequestSchema = z
  .strictObject({
    title: lineText(TEXT_LIMITS.actionTitle).optional(),
    owner: z.enum(OWNERS, 'Choose who owns the action: employee or manager.').optional(),
    learningKind: z.enum(LEARNING_KINDS, 'Choose formal, fromOthers or onTheJob.').nullable().optional(),
    dueDate: DateOnlySchema.nullable().optional(),
    focusArea: lineText(TEXT_LIMITS.focusArea).nullable().optional(),
    status: z.enum(ACTION_STATUSES, 'Choose open, done or dropped.').optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.');
export type UpdateActionRequest = z.infer<typeof UpdateActionRequestSchema>;

export const PutNoteRequestSchema = z.strictObject({
  text: longText(TEXT_LIMITS.note),
});
export type PutNoteRequest = z.infer<typeof PutNoteRequestSchema>;

export const PutCareerPlanRequestSchema = z.strictObject({
  aspiration: z.enum(ASPIRATIONS, 'Choose one of the listed aspirations.').nullable(),
  focusAreas: z
    .array(lineText(TEXT_LIMITS.focusArea))
    .max(LIMITS.focusAreas, `Keep to at most ${LIMITS.focusAreas} focus areas.`),
  careerScenario: lineText(TEXT_LIMITS.careerScenario).nullable(),
});
export type PutCareerPlanRequest = z.infer<typeof PutCareerPlanRequestSchema>;

export const LinkMeetingRequestSchema = z.strictObject({
  meetingId: TeamsIdSchema,
  chatId: TeamsIdSchema.optional(),
  employeeId: GuidSchema,
  conversationId: ConversationIdSchema,
});
export type LinkMeetingRequest = z.infer<typeof LinkMeetingRequestSchema>;

export const ResolveMeetingQuerySchema = z.strictObject({
  meetingId: TeamsIdSchema,
  chatId: TeamsIdSchema.optional(),
});
export type ResolveMeetingQuery = z.infer<typeof ResolveMeetingQuerySchema>;

export const HistoryQuerySchema = z.strictObject({
  type: z.enum(CONVERSATION_TYPES, 'Choose career or job development.').optional(),
  pageSize: z.coerce.number('Use a number.').int().min(1).max(50).default(10).meta({ format: 'int32' }),
  continuation: z
    .string()
    .regex(CONVERSATION_ID_PATTERN, 'This continuation token is not valid.')
    .meta({ maxLength: 19 })
    .optional(),
});

export const ExportQuerySchema = z.strictObject({
  format: z.enum(['json', 'markdown'], 'Choose json or markdown.').default('json'),
});

/**
 * Deleting one's plan: the person's own settings (their choice of reminders, a manager's digest day)
 * are kept unless they ask for those to go too.
 */
export const DeletePlanQuerySchema = z.strictObject({
  settings: z.enum(['keep', 'delete'], 'Say keep (the default) or delete.').default('keep'),
});
export type DeletePlanQuery = z.input<typeof DeletePlanQuerySchema>;

/** One person agrees to the revision of the plan they saw. */
export const ConfirmRequestSchema = z.strictObject({
  revision: z
    .number('Send the revision you agree to.')
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .meta({ format: 'int64' }),
});
export type ConfirmRequest = z.infer<typeof ConfirmRequestSchema>;

export const AuditQuerySchema = z.strictObject({
  pageSize: z.coerce.number('Use a number.').int().min(1).max(200).default(100).meta({ format: 'int32' }),
  continuation: z
    .string()
    .regex(/^z_\d{13}[0-9a-f]{8}$/, 'This continuation token is not valid.')
    .meta({ maxLength: 23 })
    .optional(),
});

/** A talking point prepared for the next conversation: of one kind, or either (null). */
export const PreparePointRequestSchema = z.strictObject({
  text: lineText(TEXT_LIMITS.talkingPoint),
  type: z.enum(CONVERSATION_TYPES, 'Choose career, job, or leave it out for either.').nullable().default(null),
});
export type PreparePointRequest = z.input<typeof PreparePointRequestSchema>;

/**
 * The date of the pair's next conversation (a calendar day, UTC), and of which kind if known; a null
 * date clears it (the type is then not kept).
 */
export const PutNextConversationRequestSchema = z.strictObject({
  date: DateOnlySchema.nullable(),
  type: z.enum(CONVERSATION_TYPES, 'Choose career, job, or null when either.').nullable(),
});
export type PutNextConversationRequest = z.infer<typeof PutNextConversationRequestSchema>;

const onOrOff = z.boolean('Say true (on) or false (off).');

/**
 * The caller's own choice of nudges, whole: every kind and the digest day. No field defaults, so a
 * replace under If-Match stores exactly what the person saw and changed, nothing filled in for them.
 */
export const PutNudgePreferencesRequestSchema = z.strictObject({
  actionDueSoon: onOrOff,
  actionOverdue: onOrOff,
  jobDevelopmentOverdue: onOrOff,
  jobDevelopmentReminder: onOrOff,
  prepareTalkingPoints: onOrOff,
  confirmationWaiting: onOrOff,
  weeklyDigest: onOrOff,
  digestDay: z.enum(WEEKDAYS, 'Choose a day of the week, monday to sunday.'),
}) satisfies z.ZodType<NudgePreferences>;
export type PutNudgePreferencesRequest = z.infer<typeof PutNudgePreferencesRequestSchema>;

/**
 * What the tab reports when a page fails to draw: its kind and where, never content. Names only (an error's
 * constructor name, React component names), so nothing a person wrote can travel in it.
 */
const CodeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_$]{0,59}$/, 'A name of letters and digits, up to 60.')
  .meta({ maxLength: 60 });
export const ClientFailureReportSchema = z.strictObject({
  surface: z.enum(['sidepanel', 'myplan', 'team', 'config'], 'Name the surface that failed.'),
  errorName: CodeName,
  components: z.array(CodeName).max(8, 'Name at most 8 components.'),
});
export type ClientFailureReport = z.infer<typeof ClientFailureReportSchema>;

/**
 * The invite an organizer writes in Outlook: its attendees' mail addresses, as Outlook gives them (required and
 * optional alike: everyone who would read the invite). Only addresses: who is who comes from the directory.
 */
export const InviteAgendaRequestSchema = z.strictObject({
  attendees: z
    .array(
      z
        .string('Give each attendee as a mail address.')
        .trim()
        .max(320, 'A mail address is at most 320 characters.')
        .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'Give each attendee as a mail address.'),
    )
    .max(MAX_INVITE_ATTENDEES, `Look at most ${MAX_INVITE_ATTENDEES} attendees.`),
});
export type InviteAgendaRequest = z.infer<typeof InviteAgendaRequestSchema>;
