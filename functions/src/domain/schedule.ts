/**
 * The date of the pair's next conversation: either person sets it, so the app can prompt them to
 * prepare the day before. Plain functions with no zod, so the tab checks a date as the API will.
 */
import { addDays, calendarDay } from './cadence';
import type { Change, ConversationType, NextConversation } from './model';
import { allow, refuse, type Decision } from './rules';

/** How far ahead a next conversation may be set, in days. */
export const NEXT_CONVERSATION_MAX_DAYS = 366;

/** The days a next conversation may fall on, seen from `now`: today up to a year ahead (UTC). */
export function nextConversationWindow(now: Date): { earliest: string; latest: string } {
  const today = calendarDay(now);
  return { earliest: today, latest: addDays(today, NEXT_CONVERSATION_MAX_DAYS) };
}

/**
 * Sets (or, with a null date, clears) the next conversation. A date must be today or later and at
 * most a year ahead; without a date there is nothing to say about its type.
 */
export function setNextConversation(
  request: { date: string | null; type: ConversationType | null },
  change: Change,
  now: Date,
): Decision<NextConversation | null> {
  if (request.date === null) return allow(null);
  const { earliest, latest } = nextConversationWindow(now);
  if (request.date < earliest || request.date > latest) {
    return refuse({
      code: 'nextConversationDate',
      title: request.date < earliest ? 'That day has passed' : 'That is too far ahead',
      detail: `Choose a day from ${earliest} to ${latest}: the next conversation is today or within a year.`,
      field: 'date',
    });
  }
  return allow({ date: request.date, type: request.type, by: change.by, role: change.role, at: change.at });
}

/**
 * The next conversation still ahead, as people see it: a date that has passed counts as none
 * (agreeing a conversation leaves the date alone; once its day is over it simply no longer shows).
 */
export function upcomingConversation(
  next: Pick<NextConversation, 'date' | 'type'> | null | undefined,
  now: Date,
): { date: string; type: ConversationType | null } | null {
  if (!next || next.date < calendarDay(now)) return null;
  return { date: next.date, type: next.type };
}
