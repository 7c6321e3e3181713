import { LinkMeetingRequestSchema, type MeetingResolution } from '../contract';
import type { ApiHandler } from '../http/handler';
import { notFound } from '../http/problem';
import { readJsonBody } from '../http/request';
import { json } from '../http/response';
import { linkMeeting } from './meeting-link-access';
import { authorisePlan, recordAudit } from './plan-access';

/** PUT /api/meetings/link — opens an existing conversation of the pair in this meeting. */
export const putMeetingLink: ApiHandler = async (request, context) => {
  const body = await readJsonBody(request, LinkMeetingRequestSchema);
  const access = await authorisePlan(context, body.employeeId, 'editConversation');
  const stored = await context.services.plans.readConversation(access.partitionKey, body.conversationId);
  if (!stored) throw notFound('conversation');
  await linkMeeting(context, access, { meetingId: body.meetingId, chatId: body.chatId, conversation: stored.value });
  await recordAudit(context, access, 'meeting.link', stored.value.id);
  const result: MeetingResolution = {
    status: 'linked',
    employeeId: stored.value.employeeId,
    managerId: stored.value.managerId,
    conversationId: stored.value.id,
    conversationType: stored.value.type,
  };
  return json(200, result);
};
