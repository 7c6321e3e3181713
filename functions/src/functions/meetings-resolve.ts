import { ResolveMeetingQuerySchema, type MeetingResolution, type ResolveMeetingQuery } from '../contract';
import type { CarriedActionRef } from '../domain';
import type { ApiHandler, RequestContext } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { firstReachableLink } from './meeting-link-access';

/**
 * This meeting's conversation, or the plan of the recurring series this chat belongs to, or nothing
 * yet; with the earlier actions a linked conversation reviews, when its link keeps them.
 */
export async function resolveMeetingLinkFor(
  context: RequestContext,
  query: ResolveMeetingQuery,
): Promise<{ resolution: MeetingResolution; carried?: readonly CarriedActionRef[] | undefined }> {
  const { links } = context.services;
  const { tenantId, userId } = context.identity;
  // Only the caller's own pairs' links are read: another pair's link in the same meeting stays unseen.
  // A linked meeting (the usual case once a series runs) costs one query; the chat is read only when needed.
  const meeting = await firstReachableLink(context, await links.readMeeting(tenantId, query.meetingId, userId));
  if (meeting) {
    return {
      resolution: {
        status: 'linked',
        employeeId: meeting.employeeId,
        managerId: meeting.managerId,
        conversationId: meeting.conversationId,
        conversationType: meeting.conversationType,
      },
      carried: meeting.carried,
    };
  }
  const chat = query.chatId
    ? await firstReachableLink(context, await links.readChat(tenantId, query.chatId, userId))
    : null;
  if (!chat) return { resolution: { status: 'unlinked' } };
  return {
    resolution: {
      status: 'series',
      employeeId: chat.employeeId,
      managerId: chat.managerId,
      lastConversationId: chat.conversationId,
      lastConversationType: chat.conversationType,
    },
  };
}

/** GET /api/meetings/resolve?meetingId=&chatId= — what the side panel opens. */
export const resolveMeeting: ApiHandler = async (request, context) => {
  const query = validate(ResolveMeetingQuerySchema, queryObject(request), 'query');
  return json(200, (await resolveMeetingLinkFor(context, query)).resolution);
};
