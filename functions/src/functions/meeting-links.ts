import type { Conversation } from '../domain';
import type { RequestContext } from '../http/handler';
import type { PlanAccess } from './plan-access';

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
