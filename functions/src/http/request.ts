import type { HttpRequest } from '@azure/functions';
import type * as z from 'zod';
import { ConversationIdSchema, GuidSchema, MAX_BODY_BYTES } from '../contract';
import { ApiError } from './problem';

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldErrors(error: z.ZodError, data: unknown): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return { field, message: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.` };
    }
    if (issue.path.length > 0 && valueAt(data, issue.path) === undefined)
      return { field, message: `This field is required. ${issue.message}` };
    return { field, message: issue.message };
  });
}

/** Validates data against a contract schema, or answers 400 naming each offending field. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, data);
  const first = errors[0];
  throw new ApiError(400, `Invalid ${what}`, first ? `${first.field}: ${first.message}` : `The ${what} is not valid.`, {
    errors,
  });
}

/** Reads a JSON body: size-capped, JSON only, validated by the contract; nothing is written before this passes. */
export async function readJsonBody<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, 'Send JSON', 'Set "Content-Type: application/json" and send a JSON body.');
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  let text: string;
  try {
    // Invalid UTF-8 is refused, not quietly turned into U+FFFD: what is stored is what was sent.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'Malformed text', 'The body is not valid UTF-8.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'Malformed JSON', 'The body is not valid JSON.');
  }
  return validate(schema, data, 'request body');
}

function tooLarge(): ApiError {
  return new ApiError(
    413,
    'Request too large',
    `The body is over ${MAX_BODY_BYTES / 1024} KiB; nothing here needs that much.`,
  );
}

/** Path parameters are validated like bodies: a bad id is a 400 (or 404), never a key. */
export function pathParam<S extends z.ZodType>(request: HttpRequest, name: string, schema: S): z.output<S> {
  const result = schema.safeParse(request.params[name]);
  if (!result.success) throw new ApiError(404, 'Not found', `There is no such ${name.replace(/Id$/, '')} here.`);
  return result.data;
}

/** The plan and the conversation that a route below plans/{employeeId}/conversations/{conversationId} names. */
export function conversationParams(request: HttpRequest): { employeeId: string; conversationId: string } {
  return {
    employeeId: pathParam(request, 'employeeId', GuidSchema),
    conversationId: pathParam(request, 'conversationId', ConversationIdSchema),
  };
}

/** A query whose percent-encoding is not valid UTF-8 is refused, never read with U+FFFD in place of what was sent. */
function checkQueryEncoding(request: HttpRequest): void {
  const search = URL.canParse(request.url) ? new URL(request.url).search.slice(1) : '';
  for (const pair of search.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    for (const part of [name, equals < 0 ? '' : pair.slice(equals + 1)]) {
      try {
        decodeURIComponent(part.replaceAll('+', ' '));
      } catch {
        const field = /^[A-Za-z]{1,40}$/.test(name) ? name : '(query)';
        const message = 'This is not valid percent-encoding (%XX of UTF-8).';
        throw new ApiError(400, 'Malformed query', `${field}: ${message}`, { errors: [{ field, message }] });
      }
    }
  }
}

/** The query string as a plain object (the last of a repeated name wins), once its encoding is checked. */
export function queryObject(request: HttpRequest): Record<string, string> {
  checkQueryEncoding(request);
  const query: Record<string, string> = {};
  request.query.forEach((value, key) => {
    query[key] = value;
  });
  return query;
}

/** A client's key for a create, so that a retried request makes one record, not two. */
export function idempotencyKey(request: HttpRequest): string | null {
  const key = request.headers.get('idempotency-key')?.trim();
  if (!key) return null;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw new ApiError(400, 'Invalid Idempotency-Key', 'Use 8 to 64 letters, digits, "-" or "_" (a UUID works).');
  }
  return key;
}
