import type { Person } from '../contract';
import type { OrgLookup } from '../directory';
import {
  calendarDay,
  defaultNudgePreferences,
  emptyCounters,
  upcomingConversation,
  digestDue,
  nextNudgeCheck,
  planNudges,
  teamDigestNudges,
  type ConversationType,
  type NudgeDraft,
  type NudgeNotification,
  type NudgePreferences,
  type PlanCounters,
} from '../domain';
import type { NudgeSender, SendOutcome } from '../notify';
import type { Services } from '../services';
import { planPartition, type StoredNudgeIndexEntry } from '../store';

/** What one run did, counted as it happened: the log line and the dev endpoint's answer. No content. */
export interface NudgeRunReport {
  tenants: number;
  plansInIndex: number;
  plansLookedAt: number;
  managersLookedAt: number;
  notifications: number;
  sent: number;
  notInstalled: number;
  failed: number;
  /** Each notification's key, recipient and outcome, for the local preview and the tests; never its text. */
  outcomes: {
    key: string;
    recipientId: string;
    activityType: NudgeNotification['activityType'];
    outcome: SendOutcome;
  }[];
}

/** Plans looked at together; each costs a few point reads and a query. */
const CONCURRENCY = 8;

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map(work))));
  }
  return results;
}

/** A notification and the partition its sent-record is kept in. */
interface Planned {
  notification: NudgeNotification;
  recordIn: string;
}

/**
 * The daily nudges run: for each tenant, the plans the index says are due today are read and
 * decided on, each manager's weekly digest on their chosen day, and what is due is sent through
 * the activity feed. Sent (and not-installed) nudges are recorded, so a retried or repeated run
 * sends nothing twice; failed ones are left to the next run. Each plan looked at is scheduled for
 * the next day it could call for a nudge.
 */
export async function runNudges(
  services: Services,
  sender: NudgeSender,
  tenants: readonly string[],
): Promise<NudgeRunReport> {
  const now = services.now();
  const report: NudgeRunReport = {
    tenants: tenants.length,
    plansInIndex: 0,
    plansLookedAt: 0,
    managersLookedAt: 0,
    notifications: 0,
    sent: 0,
    notInstalled: 0,
    failed: 0,
    outcomes: [],
  };
  for (const tenantId of tenants) {
    const org = services.directory.forTenant(tenantId);
    const index = await services.nudges.listTenant(tenantId);
    report.plansInIndex += index.length;
    const due = index.filter((entry) => entry.checkFrom <= calendarDay(now));
    const fromPlans = await inBatches(due, (entry) => lookAtPlan(services, org, tenantId, entry, now));
    report.plansLookedAt += due.length;
    const managers = [...new Set(index.flatMap((entry) => (entry.managerId ? [entry.managerId] : [])))];
    const fromDigests = await inBatches(managers, (managerId) => lookAtTeam(services, org, tenantId, managerId, now));
    report.managersLookedAt += managers.length;
    const planned = [...fromPlans.flat(), ...fromDigests.flat()];
    if (planned.length === 0) continue;
    const sent = await sender.sendAll(
      tenantId,
      planned.map((entry) => entry.notification),
    );
    const outcomes = new Map(sent.outcomes.map((entry) => [entry.key, entry.outcome]));
    const done = new Map<string, string[]>();
    for (const { notification, recordIn } of planned) {
      const outcome = outcomes.get(notification.key) ?? { status: 'failed', reason: 'graphError' };
      report.notifications += 1;
      report[outcome.status] += 1;
      report.outcomes.push({
        key: notification.key,
        recipientId: notification.recipientId,
        activityType: notification.activityType,
        outcome,
      });
      // Not installed is recorded too: asking again tomorrow would not install the app.
      if (outcome.status !== 'failed') done.set(recordIn, [...(done.get(recordIn) ?? []), notification.key]);
    }
    await Promise.all(
      [...done].map(([partition, keys]) => services.nudges.recordSent(partition, keys, now.toISOString())),
    );
  }
  return report;
}

async function preferencesOf(services: Services, tenantId: string, person: Person | null) {
  if (!person) return null;
  const stored = await services.plans.readNudgePreferences(planPartition(tenantId, person.id));
  return stored ? ([person.id, stored.value] as const) : null;
}

/** One plan: who holds it now, what it looks like, what is due; then when to look again. */
async function lookAtPlan(
  services: Services,
  org: OrgLookup,
  tenantId: string,
  entry: StoredNudgeIndexEntry,
  now: Date,
): Promise<Planned[]> {
  const { plans, nudges } = services;
  const [employee, manager] = await Promise.all([org.person(entry.employeeId), org.managerOf(entry.employeeId)]);
  if (!employee) {
    // Left the organisation: nothing to send, nothing to look at again.
    await nudges.forget(tenantId, entry.employeeId);
    return [];
  }
  const partitionKey = planPartition(tenantId, employee.id);
  const [plan, actions, alreadySent, employeePreferences, managerPreferences] = await Promise.all([
    plans.readPlanRows(partitionKey),
    plans.readOpenAgreedActions(partitionKey),
    nudges.sentKeys(partitionKey),
    preferencesOf(services, tenantId, employee),
    preferencesOf(services, tenantId, manager),
  ]);
  const counters = plan.summary?.value ?? (await startedToday(services, partitionKey, now));
  const draftIds = Object.values(counters.drafts).filter((id): id is string => id !== null);
  const drafts = (await Promise.all(draftIds.map((id) => plans.readConversation(partitionKey, id)))).flatMap(
    (draft): NudgeDraft[] => (draft ? [draft.value] : []),
  );
  const lastAgreed: Record<ConversationType, string | null> = counters.lastAgreed;
  const situation = {
    now,
    employee,
    manager,
    actions: actions.map((action) => action.value),
    lastAgreed,
    startedAt: counters.startedAt,
    drafts,
    nextConversation: upcomingConversation(plan.nextConversation?.value, now),
  };
  const preferences = new Map<string, NudgePreferences>(
    [employeePreferences, managerPreferences].flatMap((entryOf) => (entryOf ? [entryOf] : [])),
  );
  const notifications = planNudges({ ...situation, preferences, alreadySent });
  await nudges.reschedule(tenantId, entry, { managerId: manager?.id ?? null, checkFrom: nextNudgeCheck(situation) });
  return notifications.map((notification) => ({ notification, recordIn: partitionKey }));
}

/** One manager's weekly digest, on the day they chose, over their current reports. */
async function lookAtTeam(
  services: Services,
  org: OrgLookup,
  tenantId: string,
  managerId: string,
  now: Date,
): Promise<Planned[]> {
  const { plans, nudges } = services;
  const manager = await org.person(managerId);
  if (!manager) return [];
  const ownPartition = planPartition(tenantId, manager.id);
  const preferences = (await plans.readNudgePreferences(ownPartition))?.value ?? defaultNudgePreferences();
  // Six days of seven, one point read is all a manager costs.
  if (!digestDue(preferences, now)) return [];
  const reports = await org.directReportsOf(manager.id);
  const [summaries, alreadySent] = await Promise.all([
    Promise.all(
      reports.map(async (report) => {
        const partitionKey = planPartition(tenantId, report.id);
        return (await plans.readSummary(partitionKey))?.value ?? startedToday(services, partitionKey, now);
      }),
    ),
    nudges.sentKeys(ownPartition),
  ]);
  const notifications = teamDigestNudges({
    now,
    manager,
    reports: reports.map((employee, index) => {
      const counters = summaries[index];
      return {
        employee,
        lastAgreed: { job: counters?.lastAgreed.job ?? null },
        startedAt: counters?.startedAt ?? null,
        openActions: counters?.openActions ?? { employee: 0, manager: 0 },
      };
    }),
    preferences,
    alreadySent,
  });
  return notifications.map((notification) => ({ notification, recordIn: ownPartition }));
}

/**
 * A plan the run meets without counters starts today, as when a manager first sees the report in
 * My team: the cadence counts from its first day, not from never.
 */
async function startedToday(services: Services, partitionKey: string, now: Date): Promise<PlanCounters> {
  const started = await services.plans.startPlanIfNew(partitionKey, now.toISOString());
  // Null: started by someone else a moment ago; their start is as good.
  return started?.value ?? (await services.plans.readSummary(partitionKey))?.value ?? emptyCounters(now.toISOString());
}

/** The run's log line: counts only, never a name, a title or a key. */
export function nudgeRunLogLine(report: NudgeRunReport): string {
  return (
    `Nudges run: tenants=${report.tenants} plansInIndex=${report.plansInIndex} plansLookedAt=${report.plansLookedAt} ` +
    `managersLookedAt=${report.managersLookedAt} notifications=${report.notifications} sent=${report.sent} ` +
    `notInstalled=${report.notInstalled} failed=${report.failed}`
  );
}
