import type { ApiHandler } from '../http/handler';
import { ifNoneMatchMatches } from '../http/preconditions';
import { conversationParams } from '../http/request';
import { json, withEtag } from '../http/response';
import { authorisePlan } from './plan-access';
import { loadConversationView, viewValidator, type KnownBeforeView } from './views';

/**
 * GET /api/plans/{employeeId}/conversations/{conversationId} — answers 304 to an unchanged
 * If-None-Match (compared weakly) after one point read of the plan's clock. Without If-None-Match
 * there is nothing to compare: the view's one query reads the clock with its rows.
 */
export const getConversation: ApiHandler = async (request, context) => {
  const { employeeId, conversationId } = conversationParams(request);
  const access = await authorisePlan(context, employeeId, 'readPlan');
  const known: KnownBeforeView = {};
  if (context.preconditions.ifNoneMatch.kind !== 'absent') {
    known.clock = await context.services.plans.readClock(access.partitionKey);
    const validator = viewValidator(known.clock, conversationId, context.identity.userId);
    if (validator && ifNoneMatchMatches(context.preconditions, validator)) {
      return { status: 304, headers: { ETag: validator, 'Cache-Control': 'no-store' } };
    }
  }
  const { view, etag } = await loadConversationView(context, access, conversationId, known);
  return json(200, view, withEtag(etag));
};
