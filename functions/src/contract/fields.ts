import { z } from 'zod';

/** Entra object ids and tenant ids are GUIDs; anything else is refused before it reaches a key. */
export const GuidSchema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'Expected an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.',
  )
  .transform((id) => id.toLowerCase());

/** Conversation ids sort newest first: 13 digits of inverted time, then 6 random characters. */
export const ConversationIdSchema = z.string().regex(/^\d{13}[a-z0-9]{6}$/, 'This is not a conversation id.');
export const ActionIdSchema = z.string().regex(/^a\d{1,3}$/, 'This is not an action id.');
export const AgendaItemIdSchema = z
  .string()
  .regex(/^[A-Za-z]{1,20}(\.[A-Za-z0-9]{1,20})?$/, 'This is not an agenda item id.');
export const SectionIdSchema = z.string().regex(/^[A-Za-z]{1,20}$/, 'This is not a section id.');

// Control characters break single-line display and have no place in a title.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

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
