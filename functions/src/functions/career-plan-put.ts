import { PutCareerPlanRequestSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { staleError } from '../http/problem';
import { optionalIfMatch, readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { StaleEtagError } from '../store';
import { auditEntry, openPlan } from './plan-access';
import { careerPlanView } from './plan-get';

/**
 * PUT /api/plans/{employeeId}/career-plan — aspiration, focus areas, career scenario. The
 * employee writes; the manager reads. Without If-Match it creates, failing if one exists.
 */
export const putCareerPlan: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'writeCareerPlan');
  const body = await readJsonBody(request, PutCareerPlanRequestSchema);
  const ifMatch = optionalIfMatch(request);
  const { plans } = context.services;
  const record = {
    aspiration: body.aspiration,
    focusAreas: body.focusAreas,
    careerScenario: body.careerScenario,
    updatedAt: context.services.now().toISOString(),
    updatedBy: context.identity.userId,
  };
  try {
    const etag = await plans.putCareerPlan(
      access.partitionKey,
      record,
      ifMatch,
      auditEntry(context, access, 'careerPlan.write'),
    );
    return json(200, careerPlanView({ value: record, etag }), withEtag(etag));
  } catch (error) {
    if (error instanceof StaleEtagError)
      throw staleError('career plan', careerPlanView(await plans.readCareerPlan(access.partitionKey)));
    throw error;
  }
};
