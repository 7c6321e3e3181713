/** A lone UTF-16 surrogate: with the u flag a pair is one code point, so \p{Cs} matches only a half. */
const LONE_SURROGATES = /\p{Cs}/gu;

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATES, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, wellFormed(entry)]));
  }
  return value;
}

/**
 * Both exports write the same text. The text policy refuses lone surrogates, but a row stored before
 * it may hold one: UTF-8 (the Markdown export) can only write it as U+FFFD, while JSON would keep it
 * as "\ud800". So the export's text is made well-formed once, before either format is written, and
 * the two agree byte for byte.
 */
export function withWellFormedText<T>(value: T): T {
  return wellFormed(value) as T;
}
