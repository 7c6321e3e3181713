import { ResolveMeetingQuerySchema, type MeetingResolution } from '../contract';
import type { ApiHandler } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { reachableLink } from './meeting-links';

/**
 * GET /api/meetings/resolve?meetingId=&chatId= — what the side panel opens: this meeting's
 * conversation, or the plan of the recurring series this chat belongs to, or nothing yet.
 */
export const resolveMeeting: ApiHandler = async (request, context) => {
  const query = validate(ResolveMeetingQuerySchema, queryObject(request), 'query');
  const found = await context.services.links.resolve(context.identity.tenantId, query.meetingId, query.chatId);
  const [meeting, chat] = await Promise.all([reachableLink(context, found.meeting), reachableLink(context, found.chat)]);
  let body: MeetingResolution = { status: 'unlinked' };
  if (meeting) {
    body = {
      status: 'linked',
      employeeId: meeting.employeeId,
      managerId: meeting.managerId,
      conversationId: meeting.conversationId,
      conversationType: meeting.conversationType,
    };
  } else if (chat) {
    body = {
      status: 'series',
      employeeId: chat.employeeId,
      managerId: chat.managerId,
      lastConversationId: chat.conversationId,
      lastConversationType: chat.conversationType,
    };
  }
  return json(200, body);
};
