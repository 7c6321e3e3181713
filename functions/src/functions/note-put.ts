import { PutNoteRequestSchema } from '../contract';
import type { Note } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { notFound, staleError, unlessStale } from '../http/problem';
import { conversationParams, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { auditEntry, authorisePlan } from './plan-access';
import { noteView } from './views';

/**
 * PUT …/conversations/{conversationId}/note — the caller's private note on a conversation,
 * visible to its author alone. Without If-Match it creates, failing if a note exists.
 */
export const putNote: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const body = await readJsonBody(request, PutNoteRequestSchema);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  if (!(await plans.conversationExists(access.partitionKey, conversationId))) throw notFound('conversation');
  const note: Note = {
    conversationId,
    authorId: context.identity.userId,
    text: body.text,
    updatedAt: context.services.now().toISOString(),
  };
  const etag = await unlessStale(
    plans.putNote(access.partitionKey, note, ifMatch, auditEntry(context, access, 'note.write', conversationId)),
    async () => {
      const current = await plans.readNote(access.partitionKey, conversationId, context.identity.userId);
      return staleError('note', current ? noteView(current) : null);
    },
  );
  return json(200, noteView({ value: note, etag }), withEtag(etag));
};
