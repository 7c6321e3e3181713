import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { AuthenticationError, type Identity } from '../auth';
import { DirectoryConsentError, DirectoryUnavailableError, type OrgLookup } from '../directory';
import type { Services } from '../services';
import { EntityNotFoundError, StaleEtagError } from '../store';
import { ApiError, notFound, problemResponse } from './problem';

export interface RequestContext {
  identity: Identity;
  org: OrgLookup;
  services: Services;
  invocation: InvocationContext;
}

export type ApiHandler = (request: HttpRequest, context: RequestContext) => Promise<HttpResponseInit>;

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
  // Log what kind of failure it was, never its message: messages can echo personal content.
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  invocation.error(
    `Unhandled ${error instanceof Error ? error.name : typeof error}${code ? ` code=${code}` : ''}${statusCode ? ` status=${statusCode}` : ''}`,
  );
  return problemResponse(
    new ApiError(500, 'Something went wrong on our side', 'Nothing was changed. Try again in a moment.'),
  );
}

/** Verifies the caller, runs the handler, and turns every failure into problem+json. */
export function authenticated(handler: ApiHandler, services: () => Promise<Services>): HttpHandler {
  return async (request, invocation) => {
    try {
      const ready = await services();
      const identity = await ready.verifier.verify(request.headers.get('authorization'));
      const org = ready.directory.forCaller(identity);
      return await handler(request, { identity, org, services: ready, invocation });
    } catch (error) {
      return errorResponse(error, invocation);
    }
  };
}
