import { GuidSchema, PutCareerPlanRequestSchema } from '../contract';
import type { CareerPlanRecord } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { staleError, unlessStale } from '../http/problem';
import { pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceToDrafts } from './live';
import { auditEntry, authorisePlan } from './plan-access';
import { careerPlanView } from './views';

/**
 * PUT /api/plans/{employeeId}/career-plan — aspiration, focus areas, career scenario. The
 * employee writes; the manager reads. Without If-Match it creates, failing if one exists.
 */
export const putCareerPlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const body = await readJsonBody(request, PutCareerPlanRequestSchema);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'writeCareerPlan');
  const { plans } = context.services;
  const record: CareerPlanRecord = {
    ...body,
    updatedAt: context.services.now().toISOString(),
    updatedBy: context.identity.userId,
  };
  const etag = await unlessStale(
    plans.putCareerPlan(access.partitionKey, record, ifMatch, auditEntry(context, access, 'careerPlan.write')),
    async () => staleError('career plan', careerPlanView(await plans.readCareerPlan(access.partitionKey))),
  );
  // The open drafts show the career plan in the room.
  await announceToDrafts(context, access, 'careerPlan.write');
  return json(200, careerPlanView({ value: record, etag }), withEtag(etag));
};
