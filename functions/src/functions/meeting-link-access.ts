import { carriedActionRefs, planRoleOf, type Conversation } from '../domain';
import type { RequestContext } from '../http/handler';
import type { MeetingLink } from '../store';
import type { PlanAccess } from './plan-access';

/**
 * The first of the caller's links that still leads somewhere they may go: a link counts only
 * while its manager is still the employee's manager.
 */
export async function firstReachableLink(
  context: RequestContext,
  links: readonly MeetingLink[],
): Promise<MeetingLink | null> {
  for (const link of links) {
    const manager = await context.org.managerOf(link.employeeId);
    // The pair must still be a pair: after a reorg the link is the old manager's, not the new one's.
    if (manager?.id !== link.managerId) continue;
    if (planRoleOf(context.identity.userId, link.employeeId, manager.id)) return link;
  }
  return null;
}

/** Points a meeting and its chat at a conversation for its pair, and remembers the links in the plan. */
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
    carried: carriedActionRefs(link.conversation),
  });
  await Promise.all(partitions.map((partition) => plans.recordLink(access.partitionKey, partition)));
}
