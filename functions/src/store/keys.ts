import { createHash, randomBytes } from 'node:crypto';
import { CONVERSATION_ID_PATTERN, GUID_PATTERN, TEAM_DIGEST_KEY_PREFIX } from '../domain';

/**
 * Key layout of the `plans` table. One partition per employee; inside it, conversation rows sort
 * newest first and each conversation's actions and notes follow their conversation:
 *   prepared                      talking points prepared for the next conversation
 *   profile                       career plan (employee writes, manager reads)
 *   schedule                      the date of the next conversation (either person sets it)
 *   summary                       counters the team overview reads in one point read
 * (prepared, profile, schedule and summary sort together: one ranged query reads them all)
 *   c_<conversationId>            conversation
 *   c_<conversationId>_<actionId> action captured in that conversation
 *   c_<conversationId>_n_<oid>    a private note
 *   l_<linkKey>                   meeting and chat links, so deleting a plan finds them
 *   clock                         rewritten by every write: its ETag tells a poll whether anything changed
 *   nudge-preferences             which nudges this person receives, and the manager's digest day
 *   n_<nudgeKey>                  a nudge already sent, so a repeated run sends nothing twice
 */
export const PROFILE_ROW = 'profile';
export const SUMMARY_ROW = 'summary';
export const PREPARED_ROW = 'prepared';
export const SCHEDULE_ROW = 'schedule';
export const CLOCK_ROW = 'clock';
export const NUDGE_PREFERENCES_ROW = 'nudge-preferences';
/** Sent-nudge rows: this prefix, then the nudge's idempotency key. */
export const NUDGE_SENT_PREFIX = 'n_';
export const CONVERSATION_PREFIX = 'c_';
/** The character right after '_', to end a ranged query over a prefix ending in '_'. */
const AFTER_SEPARATOR = '`';

function assertKeyPart(value: string, pattern: RegExp, what: string): void {
  // The API validates ids before they get here; this guards the key space against a future caller that forgets.
  if (!pattern.test(value)) throw new Error(`Refusing to build a key from an invalid ${what}.`);
}

export function planPartition(tenantId: string, employeeId: string): string {
  assertKeyPart(tenantId, GUID_PATTERN, 'tenant id');
  assertKeyPart(employeeId, GUID_PATTERN, 'employee id');
  return `${tenantId}_${employeeId}`;
}

export function conversationRow(conversationId: string): string {
  assertKeyPart(conversationId, CONVERSATION_ID_PATTERN, 'conversation id');
  return `${CONVERSATION_PREFIX}${conversationId}`;
}

export function actionRow(conversationId: string, actionId: string): string {
  return `${conversationRow(conversationId)}_${actionId}`;
}

export function noteRow(conversationId: string, authorId: string): string {
  assertKeyPart(authorId, GUID_PATTERN, 'author id');
  return `${conversationRow(conversationId)}_n_${authorId}`;
}

/** Bounds of every row of one conversation: the conversation itself, its actions and notes. */
export function conversationRange(conversationId: string): { from: string; to: string } {
  const row = conversationRow(conversationId);
  return { from: row, to: `${row}${AFTER_SEPARATOR}` };
}

/** Bounds of the whole history, newest first. */
export const HISTORY_RANGE = { from: CONVERSATION_PREFIX, to: `c${AFTER_SEPARATOR}` } as const;

/**
 * Outside ids (Teams meeting and chat ids hold '/', '+' and any script) become a fixed-length key:
 * the SHA-256 of their UTF-8 bytes in base64url, 43 characters of a safe alphabet, whatever the id's
 * length. Keys are only looked up, never read back, so nothing needs the id itself.
 */
export function encodeExternalId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('base64url');
}

export function meetingLinkPartition(tenantId: string, meetingId: string): string {
  assertKeyPart(tenantId, GUID_PATTERN, 'tenant id');
  return `${tenantId}_m_${encodeExternalId(meetingId)}`;
}

export function chatLinkPartition(tenantId: string, chatId: string): string {
  assertKeyPart(tenantId, GUID_PATTERN, 'tenant id');
  return `${tenantId}_t_${encodeExternalId(chatId)}`;
}

/**
 * The rows of a person's partition that are theirs as a person rather than part of their plan: their
 * choice of nudges (a manager's digest day too) and the record of the weekly digests they were sent.
 */
export function isOwnSettingsRow(rowKey: string): boolean {
  return rowKey === NUDGE_PREFERENCES_ROW || rowKey.startsWith(`${NUDGE_SENT_PREFIX}${TEAM_DIGEST_KEY_PREFIX}`);
}

export function linkRowInPlan(linkPartition: string): string {
  return `l_${linkPartition}`;
}

const NEWEST_FIRST_BASE = 9_999_999_999_999;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Milliseconds inverted into 13 digits, so that keys sort newest first (until the year 2286). */
export function newestFirst(epochMs: number): string {
  return String(NEWEST_FIRST_BASE - epochMs).padStart(13, '0');
}

/** A conversation id that sorts newest first: inverted milliseconds, then six random characters. */
export function newConversationId(now: Date): string {
  const inverted = newestFirst(now.getTime());
  const random = Array.from(randomBytes(6), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
  return `${inverted}${random}`;
}

/** A prepared talking point's id: "p" and eight random hex digits. */
export function newPreparedPointId(): string {
  return `p${randomBytes(4).toString('hex')}`;
}
