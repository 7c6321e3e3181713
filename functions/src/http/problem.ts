import type { HttpResponseInit } from '@azure/functions';
import type { Problem } from '../contract';
import type { RuleViolation } from '../domain';

/** An error the caller can act on; the wrapper turns it into application/problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Pick<Problem, 'errors' | 'current'> & { type?: string } = {},
  ) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'ApiError';
  }
}

const TYPE_BASE = 'https://career-conversations.example/problems/';

export function problemResponse(error: ApiError, headers: Record<string, string> = {}): HttpResponseInit {
  const body: Problem = {
    type: error.extra.type ?? `${TYPE_BASE}${error.status}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
  };
  if (error.extra.errors) body.errors = error.extra.errors;
  if (error.extra.current !== undefined) body.current = error.extra.current;
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** A domain rule said no: 409 when the state forbids it, 422 when the content does. */
export function ruleError(violation: RuleViolation): ApiError {
  const status = violation.code === 'conversationAgreed' || violation.code === 'draftExists' ? 409 : 422;
  return new ApiError(status, violation.title, violation.detail, { type: `${TYPE_BASE}${violation.code}` });
}

export const notFound = (what = 'plan'): ApiError =>
  new ApiError(404, 'Not found', `There is no ${what} here that you can see.`);

/** A write lost a race: the caller gets the current state to re-apply its change to. */
export function staleError(what: string, current: unknown): ApiError {
  return new ApiError(
    412,
    'Changed by someone else',
    `The ${what} changed since you read it. Your change was not saved; here is the current version to re-apply it to.`,
    { current },
  );
}
