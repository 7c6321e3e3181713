import { ResolveMeetingQuerySchema, type MeetingPanel } from '../contract';
import type { ApiHandler } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { whoIsCalling } from './me-get';
import { resolveMeetingFor } from './meetings-resolve';
import { authorisePlan } from './plan-access';
import { loadConversationView } from './views';

/**
 * GET /api/meetings/panel?meetingId=&chatId= — everything the side panel opens with, in one request:
 * the caller, what this meeting resolves to and, when it is linked, the conversation itself.
 */
export const getMeetingPanel: ApiHandler = async (request, context) => {
  const query = validate(ResolveMeetingQuerySchema, queryObject(request), 'query');
  const [me, meeting] = await Promise.all([whoIsCalling(context), resolveMeetingFor(context, query)]);
  let body: MeetingPanel = { me, meeting, conversation: null, conversationEtag: null };
  if (meeting.status === 'linked') {
    const access = await authorisePlan(context, meeting.employeeId, 'readPlan');
    const { view, etag } = await loadConversationView(context, access, meeting.conversationId);
    body = { ...body, conversation: view, conversationEtag: etag };
  }
  return json(200, body);
};
