import type { TeamOverview } from '../contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS, emptyCounters } from '../domain';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { planPartition } from '../store';
import { teamMemberView } from './views';

/**
 * GET /api/team — the caller's direct reports: one parallel round of point reads. A report seen for
 * the first time (no counters yet) starts their plan today, so the cadence counts from now rather
 * than calling a new starter overdue; that costs one more parallel round, once per report.
 */
export const getTeam: ApiHandler = async (_request, context) => {
  const { identity, org, services } = context;
  const reports = await org.directReportsOf(identity.userId);
  const partitions = reports.map((person) => planPartition(identity.tenantId, person.id));
  const read = await Promise.all(partitions.map((partition) => services.plans.readSummary(partition)));
  const now = services.now();
  const counters = await Promise.all(
    read.map(async (stored, index) => {
      if (stored) return stored.value;
      const partition = partitions[index];
      // Started by someone else meanwhile (null): their start is as good as ours, a moment apart.
      if (partition) await services.plans.startPlanIfNew(partition, now.toISOString());
      return emptyCounters(now.toISOString());
    }),
  );
  const members = reports.map((person, index) => teamMemberView(person, counters[index] ?? emptyCounters(), now));
  members.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
  const body: TeamOverview = { cadenceDays: JOB_DEVELOPMENT_CADENCE_DAYS, members };
  return json(200, body);
};
