import { type ConversationChange } from '../contract';
import { withdrawConfirmation } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceChange } from './live';
import { auditEntry, authorisePlan, staleConversationError } from './plan-access';
import { conversationRecord } from './views';

/** DELETE …/conversations/{conversationId}/agree — takes back one's own agreement to a draft. */
export const withdrawAgreement: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { conversation } = await unlessStale(
    context.services.plans.changeConversation(access.partitionKey, conversationId, { ifMatch: null }, ({ value }) => ({
      conversation: allowedOrRefused(withdrawConfirmation(value, access.role)),
      audit: auditEntry(context, access, 'conversation.withdraw', conversationId),
      result: null,
    })),
    () => staleConversationError(context, access, conversationId),
  );
  await announceChange(context, access, {
    conversationId,
    revision: conversation.value.revision,
    etag: conversation.etag,
    kind: 'conversation.withdraw',
    itemId: null,
  });
  const result: ConversationChange = { conversation: conversationRecord(conversation) };
  return json(200, result, withEtag(conversation.etag));
};
