/**
 * The agenda an organizer puts into a 1:1 invite from Outlook: whose plan the invite is about (from
 * its attendees' addresses and the caller's reporting lines), which kind of conversation to hold,
 * and what of the plan may go into the invite. Pure rules: the API decides with them, the add-in
 * shows what they decided.
 */
import { AGENDA_TEMPLATES } from './agenda-templates';
import { jobDevelopmentStatus, type JobDevelopmentStatus } from './cadence';
import type { ConversationType, PreparedPoint } from './model';
import type { PlanCounters } from './plan-counters';
import { takePrepared } from './preparation';
import { REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID } from './vocabulary';

/** At most this many attendees are looked at: a 1:1 has one, and anything bigger is refused anyway. */
export const MAX_INVITE_ATTENDEES = 50;

/** A person as the directory knows them: an id and, when the directory has one, a mail address. */
export interface DirectoryEntry {
  id: string;
  email: string | null;
}

/** The pair an invite is about: the employee whose plan it is, and the other person in the invite. */
export interface InvitePair {
  employeeId: string;
  partnerId: string;
}

const normalised = (email: string): string => email.trim().toLowerCase();

/**
 * The pair of a 1:1 invite: the caller plus exactly one other attendee, who is the caller's direct
 * report (the report's plan) or the caller's manager (the caller's own plan). Attendees are matched
 * only against the caller's own reports and manager, by mail address, so an address tells nothing
 * about anyone else. Anything else — nobody, a stranger, a report and a stranger, two reports, the
 * caller unknown to the directory by mail — is null, and the API answers its one 404.
 */
export function invitePairOf(
  caller: DirectoryEntry & { manager: DirectoryEntry | null; reports: readonly DirectoryEntry[] },
  attendees: readonly string[],
): InvitePair | null {
  const own = caller.email ? normalised(caller.email) : null;
  const others = [...new Set(attendees.map(normalised))].filter((email) => email !== '' && email !== own);
  if (others.length !== 1) return null;
  const [other] = others;
  const report = caller.reports.find((entry) => entry.email !== null && normalised(entry.email) === other);
  if (report) return { employeeId: report.id, partnerId: report.id };
  const manager = caller.manager;
  if (manager?.email && normalised(manager.email) === other) return { employeeId: caller.id, partnerId: manager.id };
  return null;
}

/** Why a kind is suggested, in the order the rules look: a draft under way, the day set, the cadence. */
export const INVITE_KIND_REASONS = ['draft', 'scheduled', 'overdue', 'cadence'] as const;
export type InviteKindReason = (typeof INVITE_KIND_REASONS)[number];

/**
 * The kind of conversation to hold next: the one already started and not agreed (one draft only);
 * else the kind set for the next conversation; else job development, the regular one — overdue or
 * simply the default, since career development is the employee's choice and never pushed.
 */
export function inviteKindOf(
  counters: Pick<PlanCounters, 'drafts' | 'lastAgreed' | 'startedAt'>,
  next: { type: ConversationType | null } | null,
  now: Date,
): { kind: ConversationType; reason: InviteKindReason; job: JobDevelopmentStatus } {
  const job = jobDevelopmentStatus(counters.lastAgreed.job, counters.startedAt, now);
  const drafts = (['job', 'career'] as const).filter((type) => counters.drafts[type] !== null);
  if (drafts.length === 1 && drafts[0]) return { kind: drafts[0], reason: 'draft', job };
  if (next?.type) return { kind: next.type, reason: 'scheduled', job };
  return { kind: 'job', reason: job.overdue ? 'overdue' : 'cadence', job };
}

/**
 * The headings of a kind's agenda as an invite lists them: the template's sections, without the
 * review of last time's actions (the conversation brings it) and the open talking points section
 * (the prepared points are listed on their own).
 */
export function inviteHeadingsOf(kind: ConversationType): { title: string; headings: string[] } {
  const template = AGENDA_TEMPLATES[kind];
  return {
    title: template.title,
    headings: template.sections
      .filter((section) => section.id !== REVIEW_SECTION_ID && section.id !== TALKING_POINTS_SECTION_ID)
      .map((section) => section.title),
  };
}

/** The prepared talking points a conversation of this kind would take (the same rule as starting one). */
export function invitePreparedOf(points: readonly PreparedPoint[], kind: ConversationType): PreparedPoint[] {
  return takePrepared(points, kind).taken;
}
