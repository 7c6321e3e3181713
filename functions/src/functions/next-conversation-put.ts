import { GuidSchema, PutNextConversationRequestSchema } from '../contract';
import { setNextConversation } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { allowedOrRefused, staleError, unlessStale } from '../http/problem';
import { pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceToDrafts } from './live';
import { auditEntry, authorisePlan, changeBy, markForNudgesFrom } from './plan-access';
import { nextConversationView } from './views';

/**
 * PUT /api/plans/{employeeId}/next-conversation {date, type} — either person of the pair sets the
 * day of their next conversation (or clears it with a null date). Created without If-Match, then
 * replaced with the ETag read (412 with the current value). The nudges run is asked to look at the
 * plan the day before, to prompt both to prepare.
 */
export const putNextConversation: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const body = await readJsonBody(request, PutNextConversationRequestSchema);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'editConversation');
  const { plans } = context.services;
  const now = context.services.now();
  const next = allowedOrRefused(setNextConversation(body, changeBy(context, access), now));
  const [etag] = await Promise.all([
    unlessStale(
      plans.putNextConversation(access.partitionKey, next, ifMatch, auditEntry(context, access, 'plan.next')),
      async () =>
        staleError(
          'next conversation',
          nextConversationView(await plans.readNextConversation(access.partitionKey), now),
        ),
    ),
    // Another table, so not in the transaction: a mark for a day that turns out unused costs one look.
    next ? markForNudgesFrom(context, access, next.date) : Promise.resolve(),
  ]);
  // The open drafts show the next conversation in the pair's context.
  await announceToDrafts(context, access, 'plan.next');
  return json(200, nextConversationView({ value: next, etag }, now), withEtag(etag));
};
