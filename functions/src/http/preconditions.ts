import { EntityTagSchema, type EntityTag } from '../contract';
import { ApiError } from './problem';

/** Which precondition header a route evaluates; the other one (or both, with none) is refused. */
export type PreconditionUse = 'if-match' | 'if-none-match' | 'none';

/** If-Match as the handler sees it: absent, "*", or a version the API gave out (nothing else gets this far). */
export type IfMatch = { kind: 'absent' } | { kind: 'any' } | { kind: 'version'; etag: EntityTag };

/** If-None-Match as the handler sees it: absent, "*", or one entity tag compared weakly (RFC 9110 §13.1.2). */
export type IfNoneMatch = { kind: 'absent' } | { kind: 'any' } | { kind: 'tag'; opaque: string };

export interface Preconditions {
  ifMatch: IfMatch;
  ifNoneMatch: IfNoneMatch;
}

/** RFC 9110's entity-tag: an optional W/, then a quoted string of visible characters other than the quote. */
const ENTITY_TAG_SYNTAX = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;

type HeaderName = 'If-Match' | 'If-None-Match';

function notAnEtag(header: HeaderName, message: string): ApiError {
  return new ApiError(400, `Invalid ${header}`, `${header}: ${message}`, { errors: [{ field: header, message }] });
}

type ParsedHeader = { kind: 'absent' } | { kind: 'any' } | { kind: 'tag'; tag: string };

/**
 * One header's value: absent, "*", or exactly one entity tag. Anything else is not an ETag (400): a
 * value without its quotes, with characters outside them, or a list — this API gives out one version
 * at a time and never takes a list.
 */
function parseHeader(header: HeaderName, raw: string | null): ParsedHeader {
  const value = raw?.trim() ?? '';
  if (value === '') return { kind: 'absent' };
  if (value === '*') return { kind: 'any' };
  if (ENTITY_TAG_SYNTAX.test(value)) return { kind: 'tag', tag: value };
  throw notAnEtag(
    header,
    /^(W\/)?"[^"]*"\s*,/.test(value)
      ? 'Send one ETag, the one you read; this API does not take a list.'
      : 'This is not an ETag. Send the ETag you read, quotes included, such as W/"datetime\'…\'".',
  );
}

function unexpected(header: HeaderName): ApiError {
  const message =
    header === 'If-Match'
      ? 'This request takes no If-Match: it changes nothing a version guards (an agreement names its revision in the body). Send it without the header.'
      : 'This request takes no If-None-Match; only reading a conversation does. Send it without the header.';
  return new ApiError(400, `Unexpected ${header}`, `${header}: ${message}`, { errors: [{ field: header, message }] });
}

/**
 * Reads If-Match and If-None-Match once, for every route, before the handler runs (and before
 * anyone's plan is looked up): a value that is not an ETag is 400; an ETag the API never gave out
 * is 412, for no version can match it; a header the route does not evaluate is 400, so no
 * precondition is ever silently ignored. What passes is typed: only a version of the form the API
 * gives out can reach storage.
 */
export function readPreconditions(headers: Headers, use: PreconditionUse): Preconditions {
  const ifMatch = parseHeader('If-Match', headers.get('if-match'));
  const ifNoneMatch = parseHeader('If-None-Match', headers.get('if-none-match'));
  if (ifMatch.kind !== 'absent' && use !== 'if-match') throw unexpected('If-Match');
  if (ifNoneMatch.kind !== 'absent' && use !== 'if-none-match') throw unexpected('If-None-Match');
  return {
    ifMatch: ifMatch.kind === 'tag' ? { kind: 'version', etag: knownVersion(ifMatch.tag) } : ifMatch,
    ifNoneMatch: ifNoneMatch.kind === 'tag' ? { kind: 'tag', opaque: opaqueTag(ifNoneMatch.tag) } : ifNoneMatch,
  };
}

/** An If-Match version the API could have given out; any other ETag matches nothing that exists. */
function knownVersion(tag: string): EntityTag {
  const parsed = EntityTagSchema.safeParse(tag);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    412,
    'No such version',
    'If-Match names a version this API never gave out, so nothing here matches it and nothing was changed. ' +
      'Read the record again and send the ETag it answers with.',
    { errors: [{ field: 'If-Match', message: 'This is not a version the API gave out.' }] },
  );
}

/** The quoted part of an entity tag: what weak comparison compares. */
function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** Updates must say which version they change; the API never writes over an unseen change. */
export function requireIfMatch(preconditions: Preconditions): EntityTag {
  const { ifMatch } = preconditions;
  if (ifMatch.kind === 'version') return ifMatch.etag;
  throw new ApiError(
    428,
    'Say which version you change',
    ifMatch.kind === 'any' ? 'Send the ETag you read, not "*".' : 'Send the ETag you read as the "If-Match" header.',
  );
}

/** Creates need no version; a replace names the one it replaces. "*" is never enough. */
export function optionalIfMatch(preconditions: Preconditions): EntityTag | null {
  const { ifMatch } = preconditions;
  if (ifMatch.kind === 'any')
    throw new ApiError(428, 'Say which version you change', 'Send the ETag you read, not "*".');
  return ifMatch.kind === 'version' ? ifMatch.etag : null;
}

/** Whether If-None-Match matches the current validator (weakly, as RFC 9110 asks for GET): then 304. */
export function ifNoneMatchMatches(preconditions: Preconditions, validator: string | null): boolean {
  const { ifNoneMatch } = preconditions;
  if (validator === null) return false;
  if (ifNoneMatch.kind === 'any') return true;
  return ifNoneMatch.kind === 'tag' && ifNoneMatch.opaque === opaqueTag(validator);
}
