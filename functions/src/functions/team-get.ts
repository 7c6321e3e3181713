import type { TeamMember, TeamOverview } from '../contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS, daysSince, isJobDevelopmentOverdue, managerHoldsTooMuch } from '../domain';
import type { ApiHandler } from '../http/handler';
import { json } from '../http/response';
import { emptySummary, planPartition } from '../store';

/** GET /api/team — the caller's direct reports: one parallel round of point reads. */
export const getTeam: ApiHandler = async (_request, context) => {
  const { identity, org, services } = context;
  const reports = await org.directReportsOf(identity.userId);
  const summaries = await Promise.all(
    reports.map((person) => services.plans.readSummary(planPartition(identity.tenantId, person.id))),
  );
  const now = services.now();
  const members: TeamMember[] = reports.map((person, index) => {
    const summary = summaries[index]?.value ?? emptySummary();
    return {
      person,
      lastJobConversationAt: summary.lastAgreed.job,
      lastCareerConversationAt: summary.lastAgreed.career,
      daysSinceJobConversation: daysSince(summary.lastAgreed.job ?? undefined, now),
      daysSinceCareerConversation: daysSince(summary.lastAgreed.career ?? undefined, now),
      jobDevelopmentOverdue: isJobDevelopmentOverdue(summary.lastAgreed.job ?? undefined, now),
      openActions: summary.openActions,
      managerHoldsTooMuch: managerHoldsTooMuch(summary.openActions),
      drafts: summary.drafts,
    };
  });
  members.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
  const body: TeamOverview = { cadenceDays: JOB_DEVELOPMENT_CADENCE_DAYS, members };
  return json(200, body);
};
