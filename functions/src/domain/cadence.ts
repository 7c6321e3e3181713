/**
 * Job development is expected on a regular cadence; a manager sees who is overdue. Plain functions
 * with no zod, so the tab counts days and overdue exactly as the API does.
 */
export const JOB_DEVELOPMENT_CADENCE_DAYS = 120;

const DAY_MS = 24 * 60 * 60 * 1000;

export function daysSince(isoTime: string | null | undefined, now: Date): number | null {
  if (!isoTime) return null;
  const time = Date.parse(isoTime);
  if (Number.isNaN(time)) return null;
  return Math.floor((now.getTime() - time) / DAY_MS);
}

/** The calendar day of an instant, in UTC: the timer runs once a day and all dates compare in UTC. */
export function calendarDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Whole days from one calendar day (YYYY-MM-DD) to another; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Where the cadence counts from: the last agreed job development conversation, or the day the plan
 * started when that is later (a new starter, or a plan deleted and begun again, is not overdue on
 * day one). Null when neither is known: a plan from before starts were recorded that never agreed
 * one, which counts as started long ago.
 */
export function jobDevelopmentCountsFrom(
  lastAgreedJob: string | null | undefined,
  startedAt: string | null | undefined,
): string | null {
  const known = [lastAgreedJob, startedAt].filter(
    (value): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  );
  return known.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

export interface JobDevelopmentStatus {
  overdue: boolean;
  /** Days past the cadence; null when not overdue, or overdue with no date to count from (see above). */
  overdueDays: number | null;
}

/** Overdue when more than the cadence's days have passed since the cadence began counting. */
export function jobDevelopmentStatus(
  lastAgreedJob: string | null | undefined,
  startedAt: string | null | undefined,
  now: Date,
): JobDevelopmentStatus {
  const from = jobDevelopmentCountsFrom(lastAgreedJob, startedAt);
  const days = daysSince(from, now);
  if (days === null) return { overdue: true, overdueDays: null };
  const past = days - JOB_DEVELOPMENT_CADENCE_DAYS;
  return past > 0 ? { overdue: true, overdueDays: past } : { overdue: false, overdueDays: null };
}

export function isJobDevelopmentOverdue(
  lastAgreedAt: string | null | undefined,
  now: Date,
  startedAt: string | null = null,
): boolean {
  return jobDevelopmentStatus(lastAgreedAt, startedAt, now).overdue;
}

/** The manager holds at least as many open actions as the employee: the plan is drifting to them. */
export function managerHoldsTooMuch(open: { employee: number; manager: number }): boolean {
  return open.manager > 0 && open.manager >= open.employee;
}
