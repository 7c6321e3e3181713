/** Job development is expected on a regular cadence; a manager sees who is overdue. */
export const JOB_DEVELOPMENT_CADENCE_DAYS = 120;

const DAY_MS = 24 * 60 * 60 * 1000;

export function daysSince(isoTime: string | undefined, now: Date): number | null {
  if (!isoTime) return null;
  return Math.floor((now.getTime() - Date.parse(isoTime)) / DAY_MS);
}

export function isJobDevelopmentOverdue(lastAgreedAt: string | undefined, now: Date): boolean {
  const days = daysSince(lastAgreedAt, now);
  return days === null || days > JOB_DEVELOPMENT_CADENCE_DAYS;
}

/** The manager holds at least as many open actions as the employee: the plan is drifting to them. */
export function managerHoldsTooMuch(open: { employee: number; manager: number }): boolean {
  return open.manager > 0 && open.manager >= open.employee;
}
