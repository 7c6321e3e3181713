import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { AuthenticationError, type Identity } from '../auth';
import { DirectoryConsentError, DirectoryUnavailableError, type OrgLookup } from '../directory';
import type { Services } from '../services';
import { EntityNotFoundError, StaleEtagError, storageRefusal } from '../store';
import { readPreconditions, type PreconditionUse, type Preconditions } from './preconditions';
import { ApiError, notFound, problemResponse } from './problem';

export interface RequestContext {
  identity: Identity;
  org: OrgLookup;
  services: Services;
  invocation: InvocationContext;
  /** If-Match and If-None-Match, read once by the wrapper: handlers never read those headers themselves. */
  preconditions: Preconditions;
}

export type ApiHandler = (request: HttpRequest, context: RequestContext) => Promise<HttpResponseInit>;

/** What the wrapper needs of a route: its handler and the precondition header it evaluates, if any. */
export interface WrappedRoute {
  handler: ApiHandler;
  precondition?: PreconditionUse;
}

/**
 * Storage refused the request itself (a 4xx after the client's retries) although everything we send
 * is checked first: answered in words, never as a 500. Storage refusing the app's own identity (401,
 * 403) is our failure, not the caller's, and stays one.
 */
function storageRefusalResponse({ status, code }: { status: number; code: string | null }): HttpResponseInit | null {
  // A missing table is the deployment's fault, not a missing record.
  if (code === 'TableNotFound') return null;
  switch (status) {
    case 401:
    case 403:
      return null;
    case 404:
      return problemResponse(notFound('record'));
    case 408:
    case 429:
      return problemResponse(new ApiError(503, 'Storage busy', 'Nothing was changed. Try again in a moment.'), {
        'Retry-After': '5',
      });
    case 409:
      return problemResponse(
        new ApiError(409, 'Already there', 'Nothing was changed: it conflicts with what is stored. Read it again.'),
      );
    case 412:
      return problemResponse(
        new ApiError(
          412,
          'Changed by someone else',
          'Nothing was changed: it changed since you read it. Read it again.',
        ),
      );
    case 413:
      return problemResponse(
        new ApiError(413, 'Request too large', 'Nothing was changed: storage refused it as too large.'),
      );
    default:
      return problemResponse(
        new ApiError(
          400,
          'Storage refused the request',
          'Nothing was changed: storage found something in this request malformed. Check the headers and the text you sent.',
        ),
      );
  }
}

function errorResponse(error: unknown, invocation: InvocationContext): HttpResponseInit {
  if (error instanceof ApiError) return problemResponse(error);
  if (error instanceof AuthenticationError) {
    return problemResponse(new ApiError(401, 'Not signed in', error.message), {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }
  if (error instanceof StaleEtagError) {
    return problemResponse(
      new ApiError(412, 'Changed by someone else', `${error.message} Read it again and re-apply your change.`),
    );
  }
  if (error instanceof EntityNotFoundError) return problemResponse(notFound(error.what));
  if (error instanceof DirectoryConsentError)
    return problemResponse(new ApiError(403, 'Admin consent needed', error.message));
  if (error instanceof DirectoryUnavailableError) {
    return problemResponse(new ApiError(503, 'Directory busy', error.message), {
      'Retry-After': String(error.retryAfterSeconds),
    });
  }
  const refused = storageRefusal(error);
  const answer = refused ? storageRefusalResponse(refused) : null;
  if (refused && answer) {
    // Something reached storage that our checks let through: worth knowing, by kind only.
    invocation.warn(
      `Storage refused a request: status=${refused.status}${refused.code ? ` code=${refused.code}` : ''}`,
    );
    return answer;
  }
  // Log what kind of failure it was, never its message: messages can echo personal content.
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  invocation.error(
    `Unhandled ${error instanceof Error ? error.name : typeof error}${code ? ` code=${code}` : ''}${statusCode ? ` status=${statusCode}` : ''}`,
  );
  return problemResponse(
    new ApiError(500, 'Something went wrong on our side', 'Nothing was changed. Try again in a moment.'),
  );
}

/**
 * Verifies the caller, reads the preconditions the route evaluates (refusing any other), runs the
 * handler, and turns every failure into problem+json.
 */
export function authenticated(route: WrappedRoute, services: () => Promise<Services>): HttpHandler {
  return async (request, invocation) => {
    try {
      const ready = await services();
      const identity = await ready.verifier.verify(request.headers.get('authorization'));
      const preconditions = readPreconditions(request.headers, route.precondition ?? 'none');
      const org = ready.directory.forCaller(identity);
      return await route.handler(request, { identity, org, services: ready, invocation, preconditions });
    } catch (error) {
      return errorResponse(error, invocation);
    }
  };
}
