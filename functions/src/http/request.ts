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
  const text = await request.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw tooLarge();
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

export function queryObject(request: HttpRequest): Record<string, string> {
  const query: Record<string, string> = {};
  request.query.forEach((value, key) => {
    query[key] = value;
  });
  return query;
}

/** Updates must say which version they change; the API never writes over an unseen change. */
export function requireIfMatch(request: HttpRequest): string {
  const etag = request.headers.get('if-match');
  if (!etag || etag.trim() === '*') {
    throw new ApiError(428, 'Say which version you change', 'Send the ETag you read as the "If-Match" header.');
  }
  return etag.trim();
}

export function optionalIfMatch(request: HttpRequest): string | null {
  const etag = request.headers.get('if-match')?.trim();
  if (etag === '*') throw new ApiError(428, 'Say which version you change', 'Send the ETag you read, not "*".');
  return etag === undefined || etag === '' ? null : etag;
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
