import { GuidSchema, PutCareerPlanRequestSchema } from '../contract';
import { draftsShowing, type CareerPlanRecord } from '../domain';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { staleError, unlessStale } from '../http/problem';
import { pathParam, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { announceMovedDrafts } from './live';
import { auditEntry, authorisePlan, changeBy } from './plan-access';
import { careerPlanView } from './views';

/**
 * PUT /api/plans/{employeeId}/career-plan — aspiration, focus areas, career scenario. The
 * employee writes; the manager reads. Without If-Match it creates, failing if one exists. Every open
 * draft shows the career plan and its record keeps it, so the same write moves each draft's revision
 * on and withdraws its confirmations.
 */
export const putCareerPlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const body = await readJsonBody(request, PutCareerPlanRequestSchema);
  const ifMatch = optionalIfMatch(context.preconditions);
  const access = await authorisePlan(context, employeeId, 'writeCareerPlan');
  const { plans } = context.services;
  const change = changeBy(context, access);
  const record: CareerPlanRecord = { ...body, updatedAt: change.at, updatedBy: change.by };
  const written = await unlessStale(
    plans.putCareerPlan(
      access.partitionKey,
      record,
      ifMatch,
      auditEntry(context, access, 'careerPlan.write'),
      draftsShowing({ kind: 'careerPlan' }, change, 'careerPlan.change'),
    ),
    async () => staleError('career plan', careerPlanView(await plans.readCareerPlan(access.partitionKey))),
  );
  await announceMovedDrafts(context, access, written.movedDrafts, 'careerPlan.write');
  return json(200, careerPlanView({ value: record, etag: written.etag }), withEtag(written.etag));
};
