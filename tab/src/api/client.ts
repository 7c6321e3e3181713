import type {
  AddActionRequest,
  ClientFailureReport,
  InviteAgenda,
  AddTalkingPointRequest,
  ConfirmRequest,
  DeletePlanQuery,
  PreparePointRequest,
  PutNoteRequest,
  UpdateAgendaItemRequest,
  LinkMeetingRequest,
  StartConversationRequest,
  ConversationView,
  PutCareerPlanRequest,
  PutNudgePreferencesRequest,
  PutNextConversationRequest,
  Problem,
  UpdateActionRequest,
} from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain';
import { answerSchema, checkAnswer, type AnswerSchema } from './contract-check';

// The contract's schemas by reference: answers are checked against them in development and tests only.
const ActionResultSchema = answerSchema((contract) => contract.ActionResultSchema);
const AgendaItemResultSchema = answerSchema((contract) => contract.AgendaItemResultSchema);
const AuditTrailSchema = answerSchema((contract) => contract.AuditTrailSchema);
const CareerPlanSchema = answerSchema((contract) => contract.CareerPlanSchema);
const ConversationChangeSchema = answerSchema((contract) => contract.ConversationChangeSchema);
const ConversationViewSchema = answerSchema((contract) => contract.ConversationViewSchema);
const HistoryPageSchema = answerSchema((contract) => contract.HistoryPageSchema);
const LiveAccessSchema = answerSchema((contract) => contract.LiveAccessSchema);
const InviteAgendaSchema = answerSchema((contract) => contract.InviteAgendaSchema);
const MeResponseSchema = answerSchema((contract) => contract.MeResponseSchema);
const MeetingPanelSchema = answerSchema((contract) => contract.MeetingPanelSchema);
const MeetingResolutionSchema = answerSchema((contract) => contract.MeetingResolutionSchema);
const NextConversationSchema = answerSchema((contract) => contract.NextConversationSchema);
const NoteSchema = answerSchema((contract) => contract.NoteSchema);
const NudgePreferencesSchema = answerSchema((contract) => contract.NudgePreferencesSchema);
const PlanViewSchema = answerSchema((contract) => contract.PlanViewSchema);
const PreparedPointsSchema = answerSchema((contract) => contract.PreparedPointsSchema);
const TeamOverviewSchema = answerSchema((contract) => contract.TeamOverviewSchema);

/** Problem details as the API sends them; checked by hand, because the words people read come from here. */
function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, title, status, detail } = body as Record<string, unknown>;
  return (
    typeof type === 'string' && typeof title === 'string' && typeof status === 'number' && typeof detail === 'string'
  );
}

/** An answer of the API that is not a success, with the message people read. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }
}

/** The API could not be reached at all. */
export class ApiUnreachable extends Error {
  constructor() {
    super('Career Conversations cannot reach its service right now. Check your connection; nothing you typed is lost.');
    this.name = 'ApiUnreachable';
  }
}

export interface Versioned<T> {
  data: T;
  etag: string | null;
}

type TokenSource = () => Promise<string>;

interface Call {
  method?: string;
  body?: unknown;
  ifMatch?: string | null;
  ifNoneMatch?: string | null;
  /** One key per intended create: a retry with the same key makes no second record. */
  idempotencyKey?: string;
}

/** The typed client of the API: answers are typed by the contract the server uses (and checked in development). */
export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly baseUrl = '/api',
  ) {}

  private async send(path: string, call: Call): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.ifMatch) headers['if-match'] = call.ifMatch;
    if (call.ifNoneMatch) headers['if-none-match'] = call.ifNoneMatch;
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/${path}`, {
        method: call.method ?? 'GET',
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
    } catch {
      throw new ApiUnreachable();
    }
    if (!response.ok && response.status !== 304) {
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : null;
      throw new ApiProblem(
        response.status,
        isProblem(body)
          ? body
          : {
              type: 'about:blank',
              title: 'Something went wrong',
              status: response.status,
              detail: 'The service answered in a way the app did not expect. Try again.',
            },
      );
    }
    return response;
  }

  /** An answer checked against its schema, with its ETag; null for 304 Not Modified. */
  private async fetchVersioned<T>(
    path: string,
    schema: AnswerSchema<T>,
    call: Call = {},
  ): Promise<Versioned<T> | null> {
    const response = await this.send(path, call);
    if (response.status === 304) return null;
    const text = await response.text();
    return { data: checkAnswer(schema, text ? JSON.parse(text) : null), etag: response.headers.get('etag') };
  }

  /** An answer checked against its schema; a 304 here is a bug, since no validator was sent. */
  private async fetchBody<T>(path: string, schema: AnswerSchema<T>, call: Call = {}): Promise<T> {
    const result = await this.fetchVersioned(path, schema, call);
    if (!result) throw new Error(`Unexpected 304 from ${path}.`);
    return result.data;
  }

  me() {
    return this.fetchBody('me', MeResponseSchema);
  }

  team() {
    return this.fetchBody('team', TeamOverviewSchema);
  }

  /** My own choice of nudges: everything on, with no ETag, until I first choose. */
  nudgePreferences() {
    return this.fetchBody('me/nudges', NudgePreferencesSchema);
  }

  /** Saves my whole choice of nudges: created without an ETag, then replaced under the one I last read. */
  putNudgePreferences(body: PutNudgePreferencesRequest, etag: string | null) {
    return this.fetchBody('me/nudges', NudgePreferencesSchema, { method: 'PUT', body, ifMatch: etag });
  }

  plan(employeeId: string) {
    return this.fetchBody(`plans/${employeeId}`, PlanViewSchema);
  }

  putCareerPlan(employeeId: string, body: PutCareerPlanRequest, etag: string | null) {
    return this.fetchBody(`plans/${employeeId}/career-plan`, CareerPlanSchema, { method: 'PUT', body, ifMatch: etag });
  }

  /** Sets (or, with a null date, clears) when the pair meets next: created without an ETag, then under the one read. */
  putNextConversation(employeeId: string, body: PutNextConversationRequest, etag: string | null) {
    return this.fetchBody(`plans/${employeeId}/next-conversation`, NextConversationSchema, {
      method: 'PUT',
      body,
      ifMatch: etag,
    });
  }

  history(
    employeeId: string,
    options: { continuation?: string | null; type?: ConversationType; pageSize?: number } = {},
  ) {
    const query = new URLSearchParams({ pageSize: String(options.pageSize ?? 10) });
    if (options.continuation) query.set('continuation', options.continuation);
    if (options.type) query.set('type', options.type);
    return this.fetchBody(`plans/${employeeId}/conversations?${query}`, HistoryPageSchema);
  }

  startConversation(employeeId: string, body: StartConversationRequest, idempotencyKey: string) {
    return this.fetchBody(`plans/${employeeId}/conversations`, ConversationViewSchema, {
      method: 'POST',
      body,
      idempotencyKey,
    });
  }

  /** Null when the view is unchanged since `ifNoneMatch`. */
  conversation(
    employeeId: string,
    conversationId: string,
    ifNoneMatch: string | null = null,
  ): Promise<Versioned<ConversationView> | null> {
    return this.fetchVersioned(`plans/${employeeId}/conversations/${conversationId}`, ConversationViewSchema, {
      ifNoneMatch,
    });
  }

  addTalkingPoint(view: ConversationView, text: string, sectionId: string | undefined, idempotencyKey: string) {
    return this.fetchBody(`${conversationPath(view)}/agenda`, AgendaItemResultSchema, {
      method: 'POST',
      body: (sectionId ? { text, sectionId } : { text }) satisfies AddTalkingPointRequest,
      ifMatch: view.conversation.etag,
      idempotencyKey,
    });
  }

  setDiscussed(view: ConversationView, itemId: string, discussed: boolean) {
    return this.fetchBody(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, AgendaItemResultSchema, {
      method: 'PATCH',
      body: { discussed } satisfies UpdateAgendaItemRequest,
      ifMatch: view.conversation.etag,
    });
  }

  addAction(view: ConversationView, body: AddActionRequest, idempotencyKey: string) {
    return this.fetchBody(`${conversationPath(view)}/actions`, ActionResultSchema, {
      method: 'POST',
      body,
      ifMatch: view.conversation.etag,
      idempotencyKey,
    });
  }

  updateAction(
    employeeId: string,
    action: { conversationId: string; id: string; etag: string },
    body: UpdateActionRequest,
  ) {
    return this.fetchBody(
      `plans/${employeeId}/conversations/${action.conversationId}/actions/${action.id}`,
      ActionResultSchema,
      {
        method: 'PATCH',
        body,
        ifMatch: action.etag,
      },
    );
  }

  /** I agree to the revision of the plan I see; the second person's agreement agrees the conversation. */
  agree(view: ConversationView) {
    return this.fetchBody(`${conversationPath(view)}/agree`, ConversationViewSchema, {
      method: 'POST',
      body: { revision: view.conversation.revision } satisfies ConfirmRequest,
    });
  }

  /** I take back my agreement to a draft; answers the conversation as stored after it. */
  withdrawAgreement(view: ConversationView) {
    return this.fetchBody(`${conversationPath(view)}/agree`, ConversationChangeSchema, { method: 'DELETE' });
  }

  /** Proposes a status for an action carried from last time (null takes the proposal back). */
  proposeReview(view: ConversationView, itemId: string, proposal: UpdateAgendaItemRequest['proposal']) {
    return this.fetchBody(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, AgendaItemResultSchema, {
      method: 'PATCH',
      body: { proposal } satisfies UpdateAgendaItemRequest,
      ifMatch: view.conversation.etag,
    });
  }

  /** Access to the conversation's live channel: a client URL that joins its group only (null where it is off). */
  liveAccess(employeeId: string, conversationId: string) {
    return this.fetchBody(`plans/${employeeId}/conversations/${conversationId}/live`, LiveAccessSchema, {
      method: 'POST',
    });
  }

  /** The author corrects their own talking point (while a draft). */
  editTalkingPoint(view: ConversationView, itemId: string, text: string) {
    return this.fetchBody(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, AgendaItemResultSchema, {
      method: 'PATCH',
      body: { text },
      ifMatch: view.conversation.etag,
    });
  }

  /** The author takes their own talking point off the agenda (while a draft). */
  removeTalkingPoint(view: ConversationView, itemId: string) {
    return this.fetchBody(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, ConversationChangeSchema, {
      method: 'DELETE',
      ifMatch: view.conversation.etag,
    });
  }

  /** Writes my own note under an agenda item (an empty text takes it away). */
  writeItemNote(view: ConversationView, itemId: string, note: string) {
    return this.fetchBody(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, AgendaItemResultSchema, {
      method: 'PATCH',
      body: { note } satisfies UpdateAgendaItemRequest,
      ifMatch: view.conversation.etag,
    });
  }

  /** Prepares a talking point for the next conversation (of one kind, or either). */
  preparePoint(employeeId: string, body: PreparePointRequest) {
    return this.fetchBody(`plans/${employeeId}/prepared`, PreparedPointsSchema, { method: 'POST', body });
  }

  /** Takes one of my prepared points away. */
  withdrawPreparedPoint(employeeId: string, pointId: string) {
    return this.fetchBody(`plans/${employeeId}/prepared/${encodeURIComponent(pointId)}`, PreparedPointsSchema, {
      method: 'DELETE',
    });
  }

  /** Removes an action from a draft; answers the conversation with its new revision. */
  removeAction(view: ConversationView, actionId: string) {
    return this.fetchBody(
      `${conversationPath(view)}/actions/${encodeURIComponent(actionId)}`,
      ConversationChangeSchema,
      {
        method: 'DELETE',
      },
    );
  }

  putNote(view: ConversationView, text: string) {
    return this.fetchBody(`${conversationPath(view)}/note`, NoteSchema, {
      method: 'PUT',
      body: { text } satisfies PutNoteRequest,
      ifMatch: view.myNote?.etag ?? null,
    });
  }

  /** The plan as a file to save: JSON (complete) or Markdown (to read). */
  async exportPlan(employeeId: string, format: 'json' | 'markdown'): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send(`plans/${employeeId}/export?format=${format}`, {});
    const filename =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
      `career-plan.${format === 'json' ? 'json' : 'md'}`;
    return { blob: await response.blob(), filename };
  }

  /** Deletes the plan; the person's own choice of reminders stays unless `settings` is 'delete'. */
  async deletePlan(employeeId: string, { settings = 'keep' }: DeletePlanQuery): Promise<void> {
    await this.send(`plans/${employeeId}?${new URLSearchParams({ settings })}`, { method: 'DELETE' });
  }

  audit(employeeId: string) {
    return this.fetchBody(`plans/${employeeId}/audit`, AuditTrailSchema);
  }

  /** Everything the side panel opens with: who I am, what this meeting resolves to and its conversation. */
  panel(meetingId: string, chatId: string | null) {
    const query = new URLSearchParams({ meetingId });
    if (chatId) query.set('chatId', chatId);
    return this.fetchBody(`meetings/panel?${query}`, MeetingPanelSchema);
  }

  resolveMeeting(meetingId: string, chatId: string | null) {
    const query = new URLSearchParams({ meetingId });
    if (chatId) query.set('chatId', chatId);
    return this.fetchBody(`meetings/resolve?${query}`, MeetingResolutionSchema);
  }

  /** Tells the service a page failed to draw: its kind and where, never content. */
  /** The Outlook add-in: the agenda for the 1:1 invite being written, from everyone it goes to (404 when not a 1:1). */
  inviteAgenda(attendees: string[]): Promise<InviteAgenda> {
    return this.fetchBody('invites/agenda', InviteAgendaSchema, { method: 'POST', body: { attendees } });
  }

  async reportFailure(report: ClientFailureReport): Promise<void> {
    await this.send('client-failures', { method: 'POST', body: report });
  }

  linkMeeting(body: LinkMeetingRequest) {
    return this.fetchBody('meetings/link', MeetingResolutionSchema, { method: 'PUT', body });
  }
}

function conversationPath(view: ConversationView): string {
  return `plans/${view.conversation.employeeId}/conversations/${view.conversation.id}`;
}

/** The words to show a person for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiProblem) return error.problem.detail;
  if (error instanceof ApiUnreachable) return error.message;
  return 'Something went wrong. Try again in a moment.';
}
