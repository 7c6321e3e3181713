import type { MeResponse } from '../contract';
import type { ApiHandler } from '../http/handler';
import { ApiError } from '../http/problem';
import { json } from '../http/response';

/** GET /api/me — the caller, their manager and their direct reports. */
export const getMe: ApiHandler = async (_request, { identity, org }) => {
  const [user, manager, directReports] = await Promise.all([
    org.person(identity.userId),
    org.managerOf(identity.userId),
    org.directReportsOf(identity.userId),
  ]);
  if (!user) {
    throw new ApiError(
      403,
      'Not in the directory',
      'Your account is not in your organisation’s directory, so the app cannot find your manager or reports.',
    );
  }
  const body: MeResponse = { tenantId: identity.tenantId, user, manager, directReports };
  return json(200, body);
};
