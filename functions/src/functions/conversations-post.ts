import { GuidSchema, StartConversationRequestSchema } from '../contract';
import { countersAfterStart, startDraft, takePrepared } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { ApiError, allowedOrRefused } from '../http/problem';
import { idempotencyKey, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { newConversationId } from '../store';
import { linkMeeting } from './meeting-link-access';
import { auditEntry, authorisePlan, type PlanAccess } from './plan-access';
import { loadConversationView } from './views';

/** When a start was refused because a draft exists: that draft, if this same request (its key) started it. */
async function draftStartedByRetry(
  context: RequestContext,
  access: PlanAccess,
  refusal: unknown,
  key: string | null,
): Promise<string | null> {
  if (!key || !(refusal instanceof ApiError)) return null;
  const existing = (refusal.extra.current as { conversationId?: string } | undefined)?.conversationId;
  if (!existing) return null;
  const draft = await context.services.plans.readConversation(access.partitionKey, existing);
  return draft?.idempotencyKeys[key] === 'conversation' ? draft.value.id : null;
}

/**
 * POST /api/plans/{employeeId}/conversations — starts a draft from the type's agenda, with the
 * employee's open actions carried forward, and links the meeting when one is given.
 */
export const startConversation: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const body = await readJsonBody(request, StartConversationRequestSchema);
  const key = idempotencyKey(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  if (!access.manager) {
    throw new ApiError(
      409,
      'No manager to talk with',
      `${access.employee.displayName} has no manager in the directory, so there is nobody to hold this conversation with.`,
    );
  }
  const { plans } = context.services;
  const now = context.services.now();
  const [open, prepared] = await Promise.all([
    plans.readOpenAgreedActions(access.partitionKey),
    plans.readPrepared(access.partitionKey),
  ]);
  const { taken, remaining } = takePrepared(prepared?.value ?? [], body.type);
  const draft = startDraft(
    { id: newConversationId(now), employeeId: access.employee.id, managerId: access.manager.id, type: body.type },
    open.map((action) => action.value),
    { by: context.identity.userId, role: access.role, at: now.toISOString() },
    taken,
  );
  try {
    await plans.createConversation(
      access.partitionKey,
      draft,
      key ? { [key]: 'conversation' } : {},
      (counters) => allowedOrRefused(countersAfterStart(counters, draft)),
      auditEntry(context, access, 'conversation.start', draft.id),
      prepared && taken.length > 0 ? { value: remaining, etag: prepared.etag } : null,
    );
  } catch (error) {
    // A retry of the request that started this draft is answered again instead of refused.
    const replayOf = await draftStartedByRetry(context, access, error, key);
    if (!replayOf) throw error;
    const { view, etag } = await loadConversationView(context, access, replayOf);
    return json(200, view, withEtag(etag));
  }
  if (body.meetingId) {
    await linkMeeting(context, access, { meetingId: body.meetingId, chatId: body.chatId, conversation: draft });
  }
  const { view, etag } = await loadConversationView(context, access, draft.id);
  return json(201, view, {
    ...withEtag(etag),
    Location: `/api/plans/${access.employee.id}/conversations/${draft.id}`,
  });
};
