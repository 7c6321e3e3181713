import { ResolveMeetingQuerySchema, type MeetingPanel } from '../contract';
import { suggestedPlanOf } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { whoIsCalling } from './me-get';
import { resolveMeetingLinkFor } from './meetings-resolve';
import { authorisePlan } from './plan-access';
import { loadConversationView } from './views';

/** The meeting chat's members, or null: not asked without a chat, never an error, never a long wait. */
async function chatMembers(context: RequestContext, chatId: string | undefined): Promise<string[] | null> {
  const members = context.services.meetingMembers;
  if (!chatId || !members) return null;
  try {
    return await members.membersOf(context.identity.tenantId, chatId);
  } catch {
    return null;
  }
}

/**
 * GET /api/meetings/panel?meetingId=&chatId= — everything the side panel opens with, in one request:
 * the caller, what this meeting resolves to and, when it is linked, the conversation itself; when
 * it is not, whose plan the meeting chat's members suggest. Graph is asked only then: a linked
 * meeting, the common case once a conversation started, costs no Graph call.
 */
export const getMeetingPanel: ApiHandler = async (request, context) => {
  const query = validate(ResolveMeetingQuerySchema, queryObject(request), 'query');
  const [me, { resolution: meeting, carried }] = await Promise.all([
    whoIsCalling(context),
    resolveMeetingLinkFor(context, query),
  ]);
  let body: MeetingPanel = { me, meeting, conversation: null, conversationEtag: null, suggestedEmployeeId: null };
  if (meeting.status === 'linked') {
    const access = await authorisePlan(context, meeting.employeeId, 'readPlan');
    const { view, etag } = await loadConversationView(context, access, meeting.conversationId, { carried });
    body = { ...body, conversation: view, conversationEtag: etag };
  } else if (meeting.status === 'unlinked') {
    const members = await chatMembers(context, query.chatId);
    const suggested = suggestedPlanOf(
      {
        id: me.user.id,
        managerId: me.manager?.id ?? null,
        reportIds: me.directReports.map((report) => report.id),
      },
      members,
    );
    body = { ...body, suggestedEmployeeId: suggested };
  }
  return json(200, body);
};
