import { z } from 'zod';
import { CONVERSATION_ID_PATTERN, GUID_PATTERN } from '../domain';

/** Entra object ids and tenant ids are GUIDs; anything else is refused before it reaches a key. */
export const GuidSchema = z
  .string()
  .toLowerCase()
  .regex(GUID_PATTERN, 'Expected an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.');

/** Conversation ids sort newest first: 13 digits of inverted time, then 6 random characters. */
export const ConversationIdSchema = z.string().regex(CONVERSATION_ID_PATTERN, 'This is not a conversation id.');
export const ActionIdSchema = z.string().regex(/^a\d{1,3}$/, 'This is not an action id.');
export const AgendaItemIdSchema = z
  .string()
  .regex(/^[A-Za-z]{1,20}(\.[A-Za-z0-9]{1,20})?$/, 'This is not an agenda item id.');
export const SectionIdSchema = z.string().regex(/^[A-Za-z]{1,20}$/, 'This is not a section id.');

// Control characters break single-line display and have no place in a title.
// Unicode property escapes name the control characters without writing them into the pattern.
const CONTROL_CHARACTERS = /\p{Cc}/u;
const CONTROL_CHARACTERS_BUT_LINES = /(?![\t\n\r])\p{Cc}/u;

/** One line of text a person typed: trimmed, not empty, capped, no control characters. */
export function lineText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'Write something here.')
    .max(max, `Keep this under ${max} characters.`)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'Remove the control characters from this text.');
}

/** Free text over several lines (notes): capped, no control characters other than line breaks and tabs. */
export function longText(max: number) {
  return z
    .string()
    .max(max, `Keep this under ${max} characters.`)
    .refine((text) => !CONTROL_CHARACTERS_BUT_LINES.test(text), 'Remove the control characters from this text.');
}

/** A calendar day, YYYY-MM-DD, that exists. */
export const DateOnlySchema = z.iso.date('Use a date like 2026-03-31.');

/** Teams meeting and chat ids are opaque; they contain characters such as / and + that are encoded before use as keys. */
export const TeamsIdSchema = z
  .string()
  .min(1, 'This id is empty.')
  .max(512, 'This id is too long.')
  .refine((text) => !CONTROL_CHARACTERS.test(text), 'This id contains control characters.');
