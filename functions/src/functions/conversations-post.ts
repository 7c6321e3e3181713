import { StartConversationRequestSchema } from '../contract';
import { CONVERSATION_TYPE_NAMES, carryForward, templateAgenda, type Conversation } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { ApiError } from '../http/problem';
import { idempotencyKey, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { newConversationId } from '../store';
import { checkMeetingLinkable, linkMeeting } from './meeting-links';
import { auditEntry, openPlan } from './plan-access';
import { loadConversationView } from './views';

function draftExists(type: Conversation['type'], conversationId: string): ApiError {
  return new ApiError(
    409,
    'A draft is already open',
    `There is already a ${CONVERSATION_TYPE_NAMES[type].toLowerCase()} conversation in progress. Continue it, or agree it before starting another.`,
    { type: 'https://career-conversations.example/problems/draftExists', current: { conversationId } },
  );
}

/**
 * POST /api/plans/{employeeId}/conversations — starts a draft from the type's agenda, with the
 * employee's open actions carried forward, and links the meeting when one is given.
 */
export const startConversation: ApiHandler = async (request, context: RequestContext) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const body = await readJsonBody(request, StartConversationRequestSchema);
  const key = idempotencyKey(request);
  if (!access.manager) {
    throw new ApiError(
      409,
      'No manager to talk with',
      `${access.employee.displayName} has no manager in the directory, so there is nobody to hold this conversation with.`,
    );
  }
  if (body.meetingId) await checkMeetingLinkable(context, body.meetingId, body.chatId);
  const { plans } = context.services;
  const now = context.services.now();
  const open = await plans.readOpenAgreedActions(access.partitionKey);
  const carried = carryForward(open.map((action) => action.value));
  const conversation: Conversation = {
    id: newConversationId(now),
    employeeId: access.employee.id,
    managerId: access.manager.id,
    type: body.type,
    status: 'draft',
    agenda: [...templateAgenda(body.type), ...carried.items],
    createdBy: context.identity.userId,
    createdAt: now.toISOString(),
  };
  let replayOf: string | null = null;
  try {
    await plans.createConversation(
      access.partitionKey,
      conversation,
      key ? { [key]: 'conversation' } : {},
      (summary) => {
        const existing = summary.drafts[body.type];
        if (existing) throw draftExists(body.type, existing);
        return { ...summary, drafts: { ...summary.drafts, [body.type]: conversation.id } };
      },
      auditEntry(context, access, 'conversation.start', conversation.id),
    );
  } catch (error) {
    const existing = (
      error instanceof ApiError ? (error.extra.current as { conversationId?: string } | undefined) : undefined
    )?.conversationId;
    const draft = existing && key ? await plans.readConversationOnly(access.partitionKey, existing) : null;
    // A retry of the request that started this draft: answer it again instead of refusing.
    if (!draft || draft.idempotencyKeys[key ?? ''] !== 'conversation') throw error;
    replayOf = draft.value.id;
  }
  if (replayOf) {
    const { view, etag } = await loadConversationView(context, access, replayOf);
    return json(200, view, withEtag(etag));
  }
  if (body.meetingId) {
    await linkMeeting(context, access, { meetingId: body.meetingId, chatId: body.chatId, conversation });
  }
  const { view, etag } = await loadConversationView(context, access, conversation.id);
  return json(201, view, {
    ...withEtag(etag),
    Location: `/api/plans/${access.employee.id}/conversations/${conversation.id}`,
  });
};
