import { ResolveMeetingQuerySchema, type MeetingResolution } from '../contract';
import type { ApiHandler } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { firstReachableLink } from './meeting-link-access';

/**
 * GET /api/meetings/resolve?meetingId=&chatId= — what the side panel opens: this meeting's
 * conversation, or the plan of the recurring series this chat belongs to, or nothing yet.
 */
export const resolveMeeting: ApiHandler = async (request, context) => {
  const query = validate(ResolveMeetingQuerySchema, queryObject(request), 'query');
  const { links } = context.services;
  const { tenantId, userId } = context.identity;
  // Only the caller's own pairs' links are read: another pair's link in the same meeting stays unseen.
  // A linked meeting (the usual case once a series runs) costs one query; the chat is read only when needed.
  const meeting = await firstReachableLink(context, await links.readMeeting(tenantId, query.meetingId, userId));
  const chat =
    meeting || !query.chatId
      ? null
      : await firstReachableLink(context, await links.readChat(tenantId, query.chatId, userId));
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
