import { describe, expect, it } from 'vitest';
import { EntityTagSchema, ViewValidatorSchema } from '../../functions/src/contract';
import {
  ifNoneMatchMatches,
  optionalIfMatch,
  readPreconditions,
  requireIfMatch,
  type PreconditionUse,
} from '../../functions/src/http/preconditions';
import { ApiError } from '../../functions/src/http/problem';

/** A version as Table Storage (and Azurite) gives it out. */
const VERSION = `W/"datetime'2026-03-02T10%3A15%3A30.1234567Z'"`;
const VIEW = '"v-AbCdEfGhIjKlMnOpQrStUv"';

function read(headers: Record<string, string>, use: PreconditionUse) {
  return readPreconditions(new Headers(headers), use);
}

function refusal(call: () => unknown): ApiError {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError, but the call succeeded.');
}

describe('the versions the API gives out', () => {
  it('are Table Storage entity tags with a real instant in them', () => {
    for (const tag of [
      VERSION,
      `W/"datetime'2026-03-02T10%3A15%3A30Z'"`,
      `W/"datetime'2024-02-29T23%3A59%3A59.9999999Z'"`,
    ]) {
      expect(EntityTagSchema.safeParse(tag).success, tag).toBe(true);
    }
    for (const tag of [
      '"x"',
      'W/"x"',
      `"datetime'2020'"`,
      `W/"datetime'2020'"`,
      `"datetime'2026-03-02T10%3A15%3A30Z'"`,
      `w/"datetime'2026-03-02T10%3A15%3A30Z'"`,
      `W/"datetime'2026-13-02T10%3A15%3A30Z'"`,
      `W/"datetime'2026-02-30T10%3A15%3A30Z'"`,
      `W/"datetime'2026-03-02T24%3A15%3A30Z'"`,
      `W/"datetime'2026-03-02T10:15:30Z'"`,
      `W/"datetime'2026-03-02T10%3A15%3A30.12345678Z'"`,
      ` ${VERSION}`,
    ]) {
      expect(EntityTagSchema.safeParse(tag).success, tag).toBe(false);
    }
  });

  it('and a view validator is "v-" with 22 base64url characters', () => {
    expect(ViewValidatorSchema.safeParse(VIEW).success).toBe(true);
    expect(ViewValidatorSchema.safeParse('W/"v-AbCdEfGhIjKlMnOpQrStUv"').success).toBe(false);
    expect(ViewValidatorSchema.safeParse('"v-short"').success).toBe(false);
  });
});

describe('reading If-Match', () => {
  it('gives the handler a typed version, absent, or "*"', () => {
    expect(read({ 'if-match': ` ${VERSION} ` }, 'if-match').ifMatch).toEqual({ kind: 'version', etag: VERSION });
    expect(read({}, 'if-match').ifMatch).toEqual({ kind: 'absent' });
    expect(read({ 'if-match': '   ' }, 'if-match').ifMatch).toEqual({ kind: 'absent' });
    expect(read({ 'if-match': ' * ' }, 'if-match').ifMatch).toEqual({ kind: 'any' });
  });

  it('answers 400, naming the header, for a value that is not an ETag at all', () => {
    for (const value of ['x', 'W/x', "datetime'2020'", '"x', 'x"', '"a"b', 'W/ "x"', 'w/"x"', '"x" y', '"a"b"']) {
      const error = refusal(() => read({ 'if-match': value }, 'if-match'));
      expect(error.status, value).toBe(400);
      expect(error.title).toBe('Invalid If-Match');
      expect(error.extra.errors).toEqual([
        {
          field: 'If-Match',
          message: 'This is not an ETag. Send the ETag you read, quotes included, such as W/"datetime\'…\'".',
        },
      ]);
      expect(error.detail).toMatch(/^If-Match: This is not an ETag\./);
    }
  });

  it('answers 400 for a list: one version at a time', () => {
    for (const value of [`"a", "b"`, `${VERSION}, ${VERSION}`, `W/"a",`]) {
      const error = refusal(() => read({ 'if-match': value }, 'if-match'));
      expect(error.status, value).toBe(400);
      expect(error.extra.errors?.[0]?.message).toBe('Send one ETag, the one you read; this API does not take a list.');
    }
  });

  it('answers 412 for an ETag the API never gave out: nothing can match it', () => {
    for (const value of [
      '"x"',
      `"datetime'2020'"`,
      'W/"x"',
      '""',
      `W/"datetime'2026-02-30T10%3A15%3A30Z'"`,
      '"\u00e9"',
    ]) {
      const error = refusal(() => read({ 'if-match': value }, 'if-match'));
      expect(error.status, value).toBe(412);
      expect(error.title).toBe('No such version');
      expect(error.extra.current).toBeUndefined();
      expect(error.extra.errors).toEqual([{ field: 'If-Match', message: 'This is not a version the API gave out.' }]);
    }
  });

  it('answers 400 when the route evaluates no If-Match, even a well-formed one', () => {
    for (const use of ['none', 'if-none-match'] as const) {
      for (const value of [VERSION, '*', '"x"']) {
        const error = refusal(() => read({ 'if-match': value }, use));
        expect(error.status, `${use} ${value}`).toBe(400);
        expect(error.title).toBe('Unexpected If-Match');
      }
    }
    // A value that is not an ETag is named as such first, whatever the route.
    expect(refusal(() => read({ 'if-match': 'x' }, 'none')).title).toBe('Invalid If-Match');
  });
});

describe('reading If-None-Match', () => {
  it('compares weakly, as RFC 9110 asks for a GET', () => {
    expect(ifNoneMatchMatches(read({ 'if-none-match': VIEW }, 'if-none-match'), VIEW)).toBe(true);
    expect(ifNoneMatchMatches(read({ 'if-none-match': `W/${VIEW}` }, 'if-none-match'), VIEW)).toBe(true);
    expect(ifNoneMatchMatches(read({ 'if-none-match': '*' }, 'if-none-match'), VIEW)).toBe(true);
    expect(ifNoneMatchMatches(read({ 'if-none-match': '"v-other"' }, 'if-none-match'), VIEW)).toBe(false);
    expect(ifNoneMatchMatches(read({}, 'if-none-match'), VIEW)).toBe(false);
    // Without a validator (a plan nobody wrote yet) nothing matches.
    expect(ifNoneMatchMatches(read({ 'if-none-match': '*' }, 'if-none-match'), null)).toBe(false);
  });

  it('answers 400 for a value that is not an ETag, and where the route takes none', () => {
    const invalid = refusal(() => read({ 'if-none-match': 'v-x' }, 'if-none-match'));
    expect([invalid.status, invalid.title]).toEqual([400, 'Invalid If-None-Match']);
    for (const use of ['none', 'if-match'] as const) {
      const unexpected = refusal(() => read({ 'if-none-match': VIEW }, use));
      expect([unexpected.status, unexpected.title], use).toEqual([400, 'Unexpected If-None-Match']);
    }
  });
});

describe('what a handler asks of If-Match', () => {
  it('requireIfMatch returns the version, and answers 428 without one or with "*"', () => {
    expect(requireIfMatch(read({ 'if-match': VERSION }, 'if-match'))).toBe(VERSION);
    const missing = refusal(() => requireIfMatch(read({}, 'if-match')));
    expect([missing.status, missing.title, missing.detail]).toEqual([
      428,
      'Say which version you change',
      'Send the ETag you read as the "If-Match" header.',
    ]);
    const any = refusal(() => requireIfMatch(read({ 'if-match': '*' }, 'if-match')));
    expect([any.status, any.detail]).toEqual([428, 'Send the ETag you read, not "*".']);
  });

  it('optionalIfMatch returns null without one, the version with one, and still refuses "*"', () => {
    expect(optionalIfMatch(read({}, 'if-match'))).toBeNull();
    expect(optionalIfMatch(read({ 'if-match': VERSION }, 'if-match'))).toBe(VERSION);
    const any = refusal(() => optionalIfMatch(read({ 'if-match': ' * ' }, 'if-match')));
    expect([any.status, any.title, any.detail]).toEqual([
      428,
      'Say which version you change',
      'Send the ETag you read, not "*".',
    ]);
  });
});
