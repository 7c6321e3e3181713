import type * as z from 'zod';
import {
  ActionIdSchema,
  ActionResultSchema,
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  AgendaItemIdSchema,
  AgendaItemResultSchema,
  AuditQuerySchema,
  AuditTrailSchema,
  CareerPlanSchema,
  ClientFailureReportSchema,
  ConfirmRequestSchema,
  ConversationChangeSchema,
  ConversationIdSchema,
  ConversationViewSchema,
  DeletePlanQuerySchema,
  ExportQuerySchema,
  ExportSchema,
  GuidSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  InviteAgendaRequestSchema,
  InviteAgendaSchema,
  LinkMeetingRequestSchema,
  LiveAccessSchema,
  MeResponseSchema,
  MeetingPanelSchema,
  MeetingResolutionSchema,
  NextConversationSchema,
  NoteSchema,
  NudgePreferencesSchema,
  PlanViewSchema,
  PreparePointRequestSchema,
  PreparedPointIdSchema,
  PreparedPointsSchema,
  PutCareerPlanRequestSchema,
  PutNextConversationRequestSchema,
  PutNoteRequestSchema,
  PutNudgePreferencesRequestSchema,
  ResolveMeetingQuerySchema,
  StartConversationRequestSchema,
  TeamOverviewSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../contract';

/**
 * What the OpenAPI document says of each route in the route table, by the route's name: words for
 * people, and which of the contract's schemas the route reads and answers. No shape is written
 * here: every schema is the one the handler parses or answers with (functions/src/contract).
 */

export type Tag = 'People' | 'Plans' | 'Conversations' | 'Meetings' | 'Reminders' | 'Client' | 'API description';

export interface ResponseDescription {
  description: string;
  /** The body's schema; none for 204 and 304. */
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  /** The response carries the version as an ETag header: always, or once there is a stored version. */
  etag?: true | 'once stored';
  /** A JSON object that is no contract's shape (the OpenAPI document itself). */
  anyJsonObject?: true;
  /** The same response may be Markdown text instead (an export with format=markdown). */
  orMarkdown?: boolean;
  /** The response names what it made in a Location header. */
  location?: boolean;
}

export interface OperationDescription {
  summary: string;
  description?: string;
  tag: Tag;
  /** The query string, a strict object of the contract: each property is one parameter. */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** `If-Match`: required (428 without), optional (a create, or the first write), or not read. */
  ifMatch?: 'required' | 'optional';
  /** `If-None-Match` with the view's ETag answers 304. */
  ifNoneMatch?: boolean;
  /** `Idempotency-Key` makes a retried create answer the first result. */
  idempotencyKey?: boolean;
  /** Success responses by status. */
  responses: Record<number, ResponseDescription>;
  /** Error statuses this route answers beyond the ones every route with its inputs answers. */
  problems?: number[];
  /** Served without a token. */
  public?: true;
}

/** The schema of each path parameter, by name: a value that does not match is a 404. */
export const PATH_PARAMETERS: Record<string, { schema: z.ZodType; description: string }> = {
  employeeId: { schema: GuidSchema, description: 'The employee whose plan it is (their Entra object id).' },
  conversationId: { schema: ConversationIdSchema, description: 'The conversation (newest first by id).' },
  itemId: { schema: AgendaItemIdSchema, description: 'An agenda item of the conversation.' },
  actionId: { schema: ActionIdSchema, description: 'An action captured in the conversation.' },
  pointId: { schema: PreparedPointIdSchema, description: 'A talking point prepared for the next conversation.' },
};

const changed = (description: string): ResponseDescription => ({
  description,
  schema: ConversationChangeSchema,
  etag: true,
});

export const OPERATIONS: Record<string, OperationDescription> = {
  'me-get': {
    summary: 'Who is calling: the caller, their manager and their direct reports',
    tag: 'People',
    responses: { 200: { description: 'The caller.', schema: MeResponseSchema } },
  },
  'team-get': {
    summary: 'The manager’s team overview',
    description:
      'Last job and career conversation per report, overdue job development, open actions and who holds too many.',
    tag: 'People',
    responses: { 200: { description: 'One entry per direct report.', schema: TeamOverviewSchema } },
  },
  'nudge-preferences-get': {
    summary: 'My own choice of reminders (nudges) and digest day',
    description: 'Everything on, with a null ETag, until I first choose.',
    tag: 'Reminders',
    responses: { 200: { description: 'The choice.', schema: NudgePreferencesSchema, etag: 'once stored' } },
  },
  'nudge-preferences-put': {
    summary: 'Replace my whole choice of reminders',
    description:
      'Without If-Match the first time, then with the ETag read; a stale one is 412 with the current choice.',
    tag: 'Reminders',
    body: PutNudgePreferencesRequestSchema,
    ifMatch: 'optional',
    responses: { 200: { description: 'The choice as stored.', schema: NudgePreferencesSchema, etag: true } },
  },
  'plan-get': {
    summary: 'A plan: the career plan, counters, prepared talking points and the next conversation',
    tag: 'Plans',
    responses: { 200: { description: 'The plan.', schema: PlanViewSchema } },
  },
  'plan-delete': {
    summary: 'The employee deletes their plan and its meeting links',
    description:
      'The plan starts over from now. Employee only (403 for the manager). The caller’s own reminder choices are kept unless `settings=delete`.',
    tag: 'Plans',
    query: DeletePlanQuerySchema,
    responses: { 204: { description: 'Deleted.' } },
  },
  'plan-export': {
    summary: 'Export the whole plan the caller may see',
    description: 'With the caller’s own notes only: JSON, or Markdown with `format=markdown`.',
    tag: 'Plans',
    query: ExportQuerySchema,
    responses: {
      200: {
        description: 'The export (JSON, or Markdown text with format=markdown).',
        schema: ExportSchema,
        orMarkdown: true,
      },
    },
  },
  'prepared-post': {
    summary: 'Prepare a talking point for the next conversation',
    tag: 'Plans',
    body: PreparePointRequestSchema,
    responses: { 201: { description: 'The prepared points, the new one included.', schema: PreparedPointsSchema } },
    problems: [422],
  },
  'prepared-delete': {
    summary: 'Take back a talking point I prepared',
    tag: 'Plans',
    responses: { 200: { description: 'The prepared points left.', schema: PreparedPointsSchema } },
  },
  'plan-audit': {
    summary: 'The employee’s audit trail, newest first, a page at a time',
    tag: 'Plans',
    query: AuditQuerySchema,
    responses: { 200: { description: 'A page of entries.', schema: AuditTrailSchema } },
  },
  'career-plan-put': {
    summary: 'The employee writes their career plan',
    description: 'Aspiration, focus areas (up to 4) and an optional career scenario. Employee only.',
    tag: 'Plans',
    body: PutCareerPlanRequestSchema,
    ifMatch: 'optional',
    responses: { 200: { description: 'The career plan as stored.', schema: CareerPlanSchema, etag: true } },
  },
  'next-conversation-put': {
    summary: 'Set or clear the day of the next conversation',
    description: 'Today up to a year ahead; a null date clears it.',
    tag: 'Plans',
    body: PutNextConversationRequestSchema,
    ifMatch: 'optional',
    responses: { 200: { description: 'The next conversation.', schema: NextConversationSchema, etag: true } },
    problems: [422],
  },
  'conversations-list': {
    summary: 'The plan’s history, newest first',
    tag: 'Conversations',
    query: HistoryQuerySchema,
    responses: { 200: { description: 'A page of conversations.', schema: HistoryPageSchema } },
  },
  'conversations-post': {
    summary: 'Start a conversation of a type',
    description: 'The agenda from the template plus the open actions carried forward.',
    tag: 'Conversations',
    body: StartConversationRequestSchema,
    idempotencyKey: true,
    responses: {
      201: { description: 'The new conversation’s view.', schema: ConversationViewSchema, etag: true, location: true },
      200: { description: 'A retry: the conversation the same key made.', schema: ConversationViewSchema, etag: true },
    },
    problems: [409],
  },
  'conversation-get': {
    summary: 'A conversation as the caller sees it',
    description:
      'Agenda with notes, actions, carried actions, ownership balance, learning mix, the career plan, my private note and the pair’s context.',
    tag: 'Conversations',
    ifNoneMatch: true,
    responses: {
      200: { description: 'The view, with its ETag.', schema: ConversationViewSchema, etag: true },
      304: { description: 'Unchanged since the ETag sent in If-None-Match.', etag: true },
    },
  },
  'agenda-post': {
    summary: 'Add a talking point to a draft’s agenda',
    tag: 'Conversations',
    body: AddTalkingPointRequestSchema,
    ifMatch: 'optional',
    idempotencyKey: true,
    responses: {
      201: {
        description: 'The talking point and the conversation as stored.',
        schema: AgendaItemResultSchema,
        etag: true,
      },
      200: { description: 'A retry: the point the same key made.', schema: AgendaItemResultSchema, etag: true },
    },
    problems: [409, 410, 422],
  },
  'agenda-item-patch': {
    summary: 'Tick, note, reword or propose a review status on an agenda item',
    description: 'One of `discussed`, `note`, `text` (a talking point I added) or `proposal` (a carried action).',
    tag: 'Conversations',
    body: UpdateAgendaItemRequestSchema,
    ifMatch: 'required',
    responses: {
      200: { description: 'The item and the conversation as stored.', schema: AgendaItemResultSchema, etag: true },
    },
    problems: [409, 422],
  },
  'agenda-item-delete': {
    summary: 'Take a talking point I added off a draft’s agenda',
    tag: 'Conversations',
    ifMatch: 'required',
    responses: { 200: changed('The conversation as stored.') },
    problems: [409, 422],
  },
  'actions-post': {
    summary: 'Capture an action',
    description: 'Job development needs a kind of learning.',
    tag: 'Conversations',
    body: AddActionRequestSchema,
    ifMatch: 'optional',
    idempotencyKey: true,
    responses: {
      201: { description: 'The action and the draft as stored.', schema: ActionResultSchema, etag: true },
      200: { description: 'A retry: the action the same key made.', schema: ActionResultSchema, etag: true },
    },
    problems: [409, 422],
  },
  'action-patch': {
    summary: 'Edit a draft’s action, or move an agreed action’s status',
    tag: 'Conversations',
    body: UpdateActionRequestSchema,
    ifMatch: 'required',
    responses: { 200: { description: 'The action as stored.', schema: ActionResultSchema, etag: true } },
    problems: [409, 422],
  },
  'action-delete': {
    summary: 'Remove an action from a draft',
    tag: 'Conversations',
    responses: { 200: changed('The draft as stored.') },
    problems: [409],
  },
  'conversation-agree': {
    summary: 'I agree to the revision of the plan I saw',
    description:
      'A stale revision is 412 with the current plan; the second person’s agreement to the same revision agrees the conversation.',
    tag: 'Conversations',
    body: ConfirmRequestSchema,
    responses: { 200: { description: 'The whole view, as written.', schema: ConversationViewSchema } },
    problems: [409, 422],
  },
  'conversation-agree-delete': {
    summary: 'Take back my agreement to a draft',
    tag: 'Conversations',
    responses: { 200: changed('The draft as stored.') },
    problems: [409],
  },
  'note-put': {
    summary: 'My private note on the conversation',
    tag: 'Conversations',
    body: PutNoteRequestSchema,
    ifMatch: 'optional',
    responses: { 200: { description: 'The note as stored.', schema: NoteSchema, etag: true } },
  },
  'conversation-live-post': {
    summary: 'Where to listen for the conversation’s changes',
    description:
      'A Web PubSub client URL whose token (30 minutes, no roles) joins this conversation’s group alone; both null while live updates are off.',
    tag: 'Conversations',
    responses: { 200: { description: 'The client URL and when it expires.', schema: LiveAccessSchema } },
  },
  'meetings-resolve': {
    summary: 'What the side panel opens in this meeting',
    tag: 'Meetings',
    query: ResolveMeetingQuerySchema,
    responses: {
      200: { description: 'Linked, the recurring series’ plan, or nothing yet.', schema: MeetingResolutionSchema },
    },
  },
  'meetings-panel': {
    summary: 'The side panel in one request',
    description:
      'Me, the meeting’s resolution, the linked conversation’s view, and for an unlinked meeting the suggested plan.',
    tag: 'Meetings',
    query: ResolveMeetingQuerySchema,
    responses: { 200: { description: 'The panel.', schema: MeetingPanelSchema } },
  },
  'meetings-link': {
    summary: 'Open an existing conversation in a meeting',
    tag: 'Meetings',
    body: LinkMeetingRequestSchema,
    responses: { 200: { description: 'The meeting as linked.', schema: MeetingResolutionSchema } },
  },
  'invite-agenda-post': {
    summary: 'What the Outlook add-in puts into a 1:1 invite the caller organizes',
    description:
      'The pair (the caller and exactly one attendee who is their report or their manager), the kind to hold, both kinds’ headings and prepared points, and the career plan for the employee alone. Any other invite is the same 404 as every refusal.',
    tag: 'Meetings',
    body: InviteAgendaRequestSchema,
    problems: [404],
    responses: { 200: { description: 'The agenda for the invite.', schema: InviteAgendaSchema } },
  },
  'client-failure-post': {
    summary: 'The tab reports a page it failed to draw',
    description: 'Names only, no content: one warning in the log, nothing stored.',
    tag: 'Client',
    body: ClientFailureReportSchema,
    responses: { 204: { description: 'Logged.' } },
  },
  'openapi-get': {
    summary: 'This description of the API (OpenAPI 3.1)',
    tag: 'API description',
    public: true,
    responses: { 200: { description: 'The OpenAPI 3.1 document.', anyJsonObject: true } },
  },
  'openapi-3-0-get': {
    summary: 'This description of the API in OpenAPI 3.0.3, for tools that read no 3.1',
    description: 'Copilot API plugins and Power Platform custom connectors, for instance.',
    tag: 'API description',
    public: true,
    responses: { 200: { description: 'The OpenAPI 3.0.3 document.', anyJsonObject: true } },
  },
};
