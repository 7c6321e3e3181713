import type { MeResponse } from '../contract';
import type { ApiHandler, RequestContext } from '../http/handler';
import { ApiError } from '../http/problem';
import { json } from '../http/response';

/** The caller, their manager and their direct reports, from the directory. */
export async function whoIsCalling({ identity, org }: RequestContext): Promise<MeResponse> {
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
  return { tenantId: identity.tenantId, user, manager, directReports };
}

/** GET /api/me — the caller, their manager and their direct reports. */
export const getMe: ApiHandler = async (_request, context) => json(200, await whoIsCalling(context));
