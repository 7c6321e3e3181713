import type { TeamOverview } from '../contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS, emptyCounters } from '../domain';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { planPartition } from '../store';
import { teamMemberView } from './views';

/** GET /api/team — the caller's direct reports: one parallel round of point reads. */
export const getTeam: ApiHandler = async (_request, context) => {
  const { identity, org, services } = context;
  const reports = await org.directReportsOf(identity.userId);
  const counters = await Promise.all(
    reports.map((person) => services.plans.readSummary(planPartition(identity.tenantId, person.id))),
  );
  const now = services.now();
  const members = reports.map((person, index) =>
    teamMemberView(person, counters[index]?.value ?? emptyCounters(), now),
  );
  members.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
  const body: TeamOverview = { cadenceDays: JOB_DEVELOPMENT_CADENCE_DAYS, members };
  return json(200, body);
};
