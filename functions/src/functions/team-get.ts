import type { TeamOverview } from '../contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS, emptyCounters, type PlanCounters } from '../domain';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { planPartition } from '../store';
import { teamMemberView } from './views';

/**
 * GET /api/team — the caller's direct reports: one parallel round of point reads. A report seen for
 * the first time (no counters yet) has their plan started now, alongside the others' reads, so the
 * cadence counts from today rather than calling a new starter overdue; that costs one more request,
 * once per report.
 */
export const getTeam: ApiHandler = async (_request, context) => {
  const { identity, org, services } = context;
  const reports = await org.directReportsOf(identity.userId);
  const now = services.now();
  const counters = await Promise.all(
    reports.map(async (person): Promise<PlanCounters> => {
      const partition = planPartition(identity.tenantId, person.id);
      const stored = await services.plans.readSummary(partition);
      if (stored) return stored.value;
      // Null when someone started it a moment ago: their start is as good as ours.
      const started = await services.plans.startPlanIfNew(partition, now.toISOString());
      return started?.value ?? emptyCounters(now.toISOString());
    }),
  );
  const members = reports.map((person, index) => teamMemberView(person, counters[index] ?? emptyCounters(), now));
  members.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
  const body: TeamOverview = { cadenceDays: JOB_DEVELOPMENT_CADENCE_DAYS, members };
  return json(200, body);
};
