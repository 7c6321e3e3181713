import * as z from 'zod';
import { CONVERSATION_ID_PATTERN, GUID_PATTERN } from '../domain';
import { characterCount } from './text-limits';

/** Entra object ids and tenant ids are GUIDs; anything else is refused before it reaches a key. */
export const GuidSchema = z
  .string()
  .toLowerCase()
  .regex(GUID_PATTERN, 'Expected an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.')
  // What the pattern implies, said where the API's description (OpenAPI) can show it.
  .meta({ maxLength: 36 });

/** Conversation ids sort newest first: 13 digits of inverted time, then 6 random characters. */
export const ConversationIdSchema = z
  .string()
  .regex(CONVERSATION_ID_PATTERN, 'This is not a conversation id.')
  .meta({ maxLength: 19 });
export const ActionIdSchema = z
  .string()
  .regex(/^a\d{1,3}$/, 'This is not an action id.')
  .meta({ maxLength: 4 });
export const AgendaItemIdSchema = z
  .string()
  .regex(/^[A-Za-z]{1,20}(\.[A-Za-z0-9]{1,20})?$/, 'This is not an agenda item id.')
  .meta({ maxLength: 41 });
export const PreparedPointIdSchema = z
  .string()
  .regex(/^p[0-9a-f]{8}$/, 'This is not a prepared point id.')
  .meta({ maxLength: 9 });
export const SectionIdSchema = z
  .string()
  .regex(/^[A-Za-z]{1,20}$/, 'This is not a section id.')
  .meta({ maxLength: 20 });

/*
 * The text policy, applied to every free-text field:
 * - text must be well-formed Unicode: a lone UTF-16 surrogate (half of a pair, as "\ud800" in JSON)
 *   is refused, naming the field, before anything else is judged;
 * - text is normalised to Unicode NFC, so the same words are stored the same way;
 * - lengths are counted in characters (code points), as people count them;
 * - control characters are refused (multi-line text keeps line breaks and tabs; \r\n, \r and
 *   the Unicode line and paragraph separators become \n);
 * - direction overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make text read
 *   differently from how it is stored, are refused; the ordinary direction marks stay allowed;
 * - text made only of spaces and invisible characters counts as empty.
 * Unicode property escapes name these characters without writing them into the patterns.
 */
/** With the u flag a surrogate pair is one code point, so \p{Cs} matches only a lone half. */
const LONE_SURROGATES = /\p{Cs}/u;
const BROKEN_CHARACTER = 'This text contains a broken character (half of a UTF-16 surrogate pair). Type it again.';
const CONTROL_CHARACTERS = /\p{Cc}/u;
const CONTROL_CHARACTERS_BUT_LINES = /(?![\t\n])\p{Cc}/u;
const LINE_SEPARATORS = /[\u2028\u2029]/u;
const DIRECTION_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/u;
const ONLY_INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;
const ANY_LINE_BREAK = /\r\n?|[\u2028\u2029]/gu;

/** One line of text a person typed: normalised, trimmed, not empty, capped, no control or override characters. */
export function lineText(max: number) {
  return (
    z
      .string()
      .refine((text) => !LONE_SURROGATES.test(text), { message: BROKEN_CHARACTER, abort: true })
      .overwrite((text) => text.normalize('NFC').trim())
      .refine((text) => !ONLY_INVISIBLE.test(text), 'Write something here.')
      .refine((text) => characterCount(text) <= max, `Keep this under ${max} characters.`)
      .refine((text) => !LINE_SEPARATORS.test(text), 'Keep this on one line.')
      .refine((text) => !CONTROL_CHARACTERS.test(text), 'Remove the control characters from this text.')
      .refine((text) => !DIRECTION_OVERRIDES.test(text), 'Remove the hidden text-direction characters from this text.')
      // JSON Schema counts characters as code points, as the cap does.
      .meta({ maxLength: max })
  );
}

/** Free text over several lines (notes): normalised, capped, line breaks and tabs kept, nothing hidden. */
export function longText(max: number) {
  return z
    .string()
    .refine((text) => !LONE_SURROGATES.test(text), { message: BROKEN_CHARACTER, abort: true })
    .overwrite((text) => {
      const lines = text.normalize('NFC').replace(ANY_LINE_BREAK, '\n');
      return ONLY_INVISIBLE.test(lines) ? '' : lines;
    })
    .refine((text) => characterCount(text) <= max, `Keep this under ${max} characters.`)
    .refine((text) => !CONTROL_CHARACTERS_BUT_LINES.test(text), 'Remove the control characters from this text.')
    .refine((text) => !DIRECTION_OVERRIDES.test(text), 'Remove the hidden text-direction characters from this text.')
    .meta({ maxLength: max });
}

/** A calendar day, YYYY-MM-DD, that exists. */
export const DateOnlySchema = z.iso.date('Use a date like 2026-03-31.').meta({ maxLength: 10 });

/** The longest Teams meeting or chat id accepted, in UTF-8 bytes (real ones are a few hundred). */
export const MAX_TEAMS_ID_BYTES = 600;

/** Teams meeting and chat ids are opaque; they contain characters such as / and + that are encoded before use as keys. */
export const TeamsIdSchema = z
  .string()
  .min(1, 'This id is empty.')
  .refine((text) => !LONE_SURROGATES.test(text), {
    message: 'This id contains a broken character (half of a UTF-16 surrogate pair).',
    abort: true,
  })
  // Encoded as base64url under a tenant prefix, 600 bytes stay well inside Table Storage's 1 KiB keys.
  .refine((text) => new TextEncoder().encode(text).length <= MAX_TEAMS_ID_BYTES, 'This id is too long.')
  .refine((text) => !CONTROL_CHARACTERS.test(text), 'This id contains control characters.')
  // Characters never outnumber UTF-8 bytes.
  .meta({ maxLength: MAX_TEAMS_ID_BYTES });

/*
 * The versions the API hands out, as ETag headers and `etag` fields, and so the only ones If-Match
 * can name: Table Storage's entity tags, W/"datetime'<the row's timestamp, percent-encoded>'".
 * A conversation view's validator (for If-None-Match) is "v-" and 22 base64url characters.
 */
const ENTITY_TAG = /^W\/"datetime'(\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A\d{2}(?:\.\d{1,7})?Z)'"$/;

/** The timestamp inside an entity tag is a real instant (no 13th month, no 30 February). */
function isRealInstant(tag: string): boolean {
  const stamp = ENTITY_TAG.exec(tag)?.[1]?.replaceAll('%3A', ':');
  if (!stamp) return false;
  const time = Date.parse(stamp);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === stamp.slice(0, 19);
}

/** A version of a stored record, as the API gave it out: the only If-Match value that reaches storage. */
export const EntityTagSchema = z
  .string()
  .regex(ENTITY_TAG, 'This is not a version the API gave out.')
  .refine(isRealInstant, 'This is not a version the API gave out.')
  .brand<'EntityTag'>();
export type EntityTag = z.output<typeof EntityTagSchema>;

/** A conversation view's validator, answered as its ETag for If-None-Match. */
export const ViewValidatorSchema = z.string().regex(/^"v-[A-Za-z0-9_-]{22}"$/, 'This is not a view validator.');
