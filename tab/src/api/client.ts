import type { z } from 'zod';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  CareerPlanSchema,
  ConversationViewSchema,
  HistoryPageSchema,
  MeResponseSchema,
  MeetingResolutionSchema,
  NoteSchema,
  PlanViewSchema,
  ProblemSchema,
  TeamOverviewSchema,
  type AddActionRequest,
  type ConversationView,
  type PutCareerPlanRequest,
  type Problem,
  type UpdateActionRequest,
} from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain';

/** An answer of the API that is not a success, with the message people read. */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
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
}

/** The typed client of the API: every answer is checked against the contract the server uses. */
export class ApiClient {
  constructor(private readonly token: TokenSource, private readonly baseUrl = '/api') {}

  private async request<S extends z.ZodType>(path: string, schema: S, call: Call = {}): Promise<Versioned<z.output<S>> | null> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.ifMatch) headers['if-match'] = call.ifMatch;
    if (call.ifNoneMatch) headers['if-none-match'] = call.ifNoneMatch;
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
    if (response.status === 304) return null;
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const parsed = ProblemSchema.safeParse(json);
      throw new ApiProblem(
        response.status,
        parsed.success ? parsed.data : { type: 'about:blank', title: 'Something went wrong', status: response.status, detail: 'The service answered in a way the app did not expect. Try again.' },
      );
    }
    return { data: schema.parse(json), etag: response.headers.get('etag') };
  }

  private async must<S extends z.ZodType>(path: string, schema: S, call: Call = {}): Promise<z.output<S>> {
    const result = await this.request(path, schema, call);
    if (!result) throw new Error(`Unexpected 304 from ${path}.`);
    return result.data;
  }

  me() {
    return this.must('me', MeResponseSchema);
  }

  team() {
    return this.must('team', TeamOverviewSchema);
  }

  plan(employeeId: string) {
    return this.must(`plans/${employeeId}`, PlanViewSchema);
  }

  putCareerPlan(employeeId: string, body: PutCareerPlanRequest, etag: string | null) {
    return this.must(`plans/${employeeId}/career-plan`, CareerPlanSchema, { method: 'PUT', body, ifMatch: etag });
  }

  history(employeeId: string, options: { continuation?: string | null; type?: ConversationType; pageSize?: number } = {}) {
    const query = new URLSearchParams({ pageSize: String(options.pageSize ?? 10) });
    if (options.continuation) query.set('continuation', options.continuation);
    if (options.type) query.set('type', options.type);
    return this.must(`plans/${employeeId}/conversations?${query}`, HistoryPageSchema);
  }

  startConversation(employeeId: string, body: { type: ConversationType; meetingId?: string; chatId?: string }) {
    return this.must(`plans/${employeeId}/conversations`, ConversationViewSchema, { method: 'POST', body });
  }

  /** Null when the view is unchanged since `ifNoneMatch`. */
  conversation(employeeId: string, conversationId: string, ifNoneMatch: string | null = null): Promise<Versioned<ConversationView> | null> {
    return this.request(`plans/${employeeId}/conversations/${conversationId}`, ConversationViewSchema, { ifNoneMatch });
  }

  addTalkingPoint(view: ConversationView, text: string, sectionId?: string) {
    return this.must(`${conversationPath(view)}/agenda`, AgendaItemResultSchema, {
      method: 'POST',
      body: sectionId ? { text, sectionId } : { text },
      ifMatch: view.conversation.etag,
    });
  }

  setDiscussed(view: ConversationView, itemId: string, discussed: boolean) {
    return this.must(`${conversationPath(view)}/agenda/${encodeURIComponent(itemId)}`, AgendaItemResultSchema, {
      method: 'PATCH',
      body: { discussed },
      ifMatch: view.conversation.etag,
    });
  }

  addAction(view: ConversationView, body: AddActionRequest) {
    return this.must(`${conversationPath(view)}/actions`, ActionResultSchema, { method: 'POST', body, ifMatch: view.conversation.etag });
  }

  updateAction(employeeId: string, action: { conversationId: string; id: string; etag: string }, body: UpdateActionRequest) {
    return this.must(`plans/${employeeId}/conversations/${action.conversationId}/actions/${action.id}`, ActionResultSchema, {
      method: 'PATCH',
      body,
      ifMatch: action.etag,
    });
  }

  agree(view: ConversationView) {
    return this.must(`${conversationPath(view)}/agree`, ConversationViewSchema, { method: 'POST', ifMatch: view.conversation.etag });
  }

  putNote(view: ConversationView, text: string) {
    return this.must(`${conversationPath(view)}/note`, NoteSchema, { method: 'PUT', body: { text }, ifMatch: view.myNote?.etag ?? null });
  }

  resolveMeeting(meetingId: string, chatId: string | null) {
    const query = new URLSearchParams({ meetingId });
    if (chatId) query.set('chatId', chatId);
    return this.must(`meetings/resolve?${query}`, MeetingResolutionSchema);
  }

  linkMeeting(body: { meetingId: string; chatId?: string; employeeId: string; conversationId: string }) {
    return this.must('meetings/link', MeetingResolutionSchema, { method: 'PUT', body });
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
