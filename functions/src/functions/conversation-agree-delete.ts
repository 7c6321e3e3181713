import { withdrawConfirmation } from '../domain';
import type { ApiHandler } from '../http/handler';
import { allowedOrRefused, unlessStale } from '../http/problem';
import { conversationParams } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan, readConversationForWrite, staleConversationError } from './plan-access';
import { loadConversationView } from './views';

/** DELETE …/conversations/{conversationId}/agree — takes back one's own agreement to a draft. */
export const withdrawAgreement: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const stored = await readConversationForWrite(context, access, conversationId, null);
  const conversation = allowedOrRefused(withdrawConfirmation(stored.value, access.role));
  await unlessStale(
    context.services.plans.replaceConversation(
      access.partitionKey,
      { ...stored, value: conversation },
      auditEntry(context, access, 'conversation.withdraw', conversationId),
    ),
    () => staleConversationError(context, access, conversationId),
  );
  const { view, etag } = await loadConversationView(context, access, conversationId);
  return json(200, view, withEtag(etag));
};
