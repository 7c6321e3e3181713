import { ConversationIdSchema, PutNoteRequestSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { notFound, staleError } from '../http/problem';
import { optionalIfMatch, pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';

/**
 * PUT …/conversations/{conversationId}/note — the caller's private note on a conversation,
 * visible to its author alone. Without If-Match it creates, failing if a note exists.
 */
export const putNote: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'editConversation');
  const conversationId = pathParam(request, 'conversationId', ConversationIdSchema);
  const body = await readJsonBody(request, PutNoteRequestSchema);
  const ifMatch = optionalIfMatch(request);
  const { plans } = context.services;
  if (!(await plans.readConversationOnly(access.partitionKey, conversationId))) throw notFound('conversation');
  const note = {
    conversationId,
    authorId: context.identity.userId,
    text: body.text,
    updatedAt: context.services.now().toISOString(),
  };
  try {
    const etag = await plans.putNote(
      access.partitionKey,
      note,
      ifMatch,
      auditEntry(context, access, 'note.write', conversationId),
    );
    return json(200, { text: note.text, updatedAt: note.updatedAt, etag }, withEtag(etag));
  } catch (error) {
    if (error instanceof StaleEtagError) {
      const current = await plans.readNote(access.partitionKey, conversationId, context.identity.userId);
      throw staleError(
        'note',
        current ? { text: current.value.text, updatedAt: current.value.updatedAt, etag: current.etag } : null,
      );
    }
    throw error;
  }
};
