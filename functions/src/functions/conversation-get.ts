import type { ApiHandler } from '../http/handler';
import { conversationParams } from '../http/request';
import { json, withEtag } from '../http/response';
import { authorisePlan } from './plan-access';
import { loadConversationView } from './views';

/** GET /api/plans/{employeeId}/conversations/{conversationId} — answers 304 to an unchanged If-None-Match. */
export const getConversation: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const { view, etag } = await loadConversationView(context, access, conversationId);
  if (request.headers.get('if-none-match') === etag) {
    return { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-store' } };
  }
  return json(200, view, withEtag(etag));
};
