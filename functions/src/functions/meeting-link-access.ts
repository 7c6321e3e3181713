import { planRoleOf, type Conversation } from '../domain';
import type { RequestContext } from '../http/handler';
import { ApiError } from '../http/problem';
import type { MeetingLink } from '../store';
import type { PlanAccess } from './plan-access';

/** A link counts only for its own pair, and only while the manager is still the employee's manager. */
export async function reachableLink(context: RequestContext, link: MeetingLink | null): Promise<MeetingLink | null> {
  if (!link) return null;
  const manager = await context.org.managerOf(link.employeeId);
  return planRoleOf(context.identity.userId, link.employeeId, manager?.id ?? null) ? link : null;
}

/**
 * Refuses, before anything is written, to point a meeting or chat at a new plan while it leads to
 * a plan the caller cannot reach: one person must not take over another pair's meeting.
 */
export async function checkMeetingLinkable(
  context: RequestContext,
  meetingId: string,
  chatId: string | undefined,
): Promise<void> {
  const existing = await context.services.links.resolve(context.identity.tenantId, meetingId, chatId);
  for (const link of [existing.meeting, existing.chat]) {
    if (link && !(await reachableLink(context, link))) {
      throw new ApiError(
        409,
        'This meeting holds another plan',
        'This meeting is already linked to a conversation between other people. Open the app in your own 1:1 meeting.',
      );
    }
  }
}

/** Points a meeting and its chat at a conversation, and remembers the links in the plan. */
export async function linkMeeting(
  context: RequestContext,
  access: PlanAccess,
  link: { meetingId: string; chatId: string | undefined; conversation: Conversation },
): Promise<void> {
  const { links, plans } = context.services;
  const partitions = await links.link(context.identity.tenantId, link.meetingId, link.chatId, {
    employeeId: link.conversation.employeeId,
    managerId: link.conversation.managerId,
    conversationId: link.conversation.id,
    conversationType: link.conversation.type,
    linkedAt: context.services.now().toISOString(),
  });
  await Promise.all(partitions.map((partition) => plans.recordLink(access.partitionKey, partition)));
}
