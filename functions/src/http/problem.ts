import type { HttpResponseInit } from '@azure/functions';
import type { Problem } from '../contract';
import type { Decision, RuleCode, RuleViolation } from '../domain';
import { StaleEtagError } from '../store';

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

/**
 * RFC 9457's "about:blank": the problem is what the status code says, and the title and detail say
 * it in words for this case. No problem type has a page of its own to point to.
 */
const TYPE_BLANK = 'about:blank';

export function problemResponse(error: ApiError, headers: Record<string, string> = {}): HttpResponseInit {
  const body: Problem = {
    type: error.extra.type ?? TYPE_BLANK,
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

const RULE_STATUS: Record<RuleCode, number> = {
  conversationAgreed: 409,
  draftExists: 409,
  itemNotFound: 404,
  ownershipRule: 422,
  limitReached: 422,
  invalidAction: 422,
  invalidSection: 422,
  statusUnchanged: 422,
  staleRevision: 412,
  notConfirmed: 409,
  notInAgreedPlan: 409,
  notOwner: 403,
  notCarried: 422,
  notTalkingPoint: 422,
  nextConversationDate: 422,
};

/** A domain rule said no: 409 when the state forbids it, 404 for a missing part, 422 when the content does. */
export function ruleError(violation: RuleViolation): ApiError {
  return new ApiError(RULE_STATUS[violation.code], violation.title, violation.detail, {
    ...(violation.field ? { errors: [{ field: violation.field, message: violation.detail }] } : {}),
    ...(violation.existingConversationId ? { current: { conversationId: violation.existingConversationId } } : {}),
  });
}

/** The value a rule allowed, or the refusal as problem+json. */
export function allowedOrRefused<T>(decision: Decision<T>): T {
  if (!decision.ok) throw ruleError(decision.violation);
  return decision.value;
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

/** Runs a conditional write; when it lost a race, answers the 412 that `stale` builds with the current state. */
export async function unlessStale<T>(
  write: Promise<T>,
  stale: (lost: StaleEtagError) => Promise<ApiError>,
): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof StaleEtagError) throw await stale(error);
    throw error;
  }
}
