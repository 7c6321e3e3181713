import azureFunctions, { type HttpResponseInit, type LogLevel } from '@azure/functions';
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, type Identity } from '../../functions/src/auth';
import { ProblemSchema } from '../../functions/src/contract';
import { DirectoryConsentError, DirectoryUnavailableError, type OrgLookup } from '../../functions/src/directory';
import { authenticated, type ApiHandler, type RequestContext } from '../../functions/src/http/handler';
import { ApiError } from '../../functions/src/http/problem';
import type { Services } from '../../functions/src/services';
import { EntityNotFoundError, StaleEtagError } from '../../functions/src/store';

const { HttpRequest, InvocationContext } = azureFunctions;

const identity: Identity = { tenantId: 'contoso', userId: 'ava', token: 'a.b.c' };
/** The caller's org lookup: only its identity matters here. */
const org = {} as OrgLookup;

/**
 * The wrapper's view of the app: a verifier that accepts one header, and a directory that answers the
 * caller's org lookup. The handlers' own services are out of this test's reach.
 */
function services(): Services {
  const used: Pick<Services, 'verifier' | 'directory'> = {
    verifier: {
      verify: (authorization) =>
        authorization === 'Bearer good'
          ? Promise.resolve(identity)
          : Promise.reject(new AuthenticationError('The token has expired.')),
    },
    directory: {
      forCaller: (caller) => (caller === identity ? org : ({} as OrgLookup)),
      forTenant: () => org,
    },
  };
  // The wrapper reads these two and hands the whole on to the handler, which here reads nothing else.
  return used as unknown as Services;
}

/** Calls a wrapped handler as the Functions host would, keeping what it logged. */
async function call(
  handler: ApiHandler,
  options: { authorization?: string; ready?: () => Promise<Services> } = {},
): Promise<{ response: HttpResponseInit; logged: { level: LogLevel; text: string }[] }> {
  const logged: { level: LogLevel; text: string }[] = [];
  const invocation = new InvocationContext({
    logHandler: (level, ...args) => logged.push({ level, text: args.map(String).join(' ') }),
  });
  const request = new HttpRequest({
    method: 'GET',
    url: 'http://localhost/api/me',
    headers: { authorization: options.authorization ?? 'Bearer good' },
  });
  const wrapped = authenticated({ handler }, options.ready ?? (() => Promise.resolve(services())));
  return { response: await wrapped(request, invocation), logged };
}

/** The problem+json body of an answer, checked against the contract. */
function problemOf(response: HttpResponseInit) {
  expect(response.headers).toMatchObject({
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
  });
  if (typeof response.body !== 'string') throw new Error('A problem is sent as JSON text.');
  return ProblemSchema.parse(JSON.parse(response.body));
}

const failing =
  (error: Error): ApiHandler =>
  () =>
    Promise.reject(error);

describe('the authenticated handler wrapper', () => {
  it('runs the handler for a verified caller, with their identity, their org lookup and the services', async () => {
    let seen: RequestContext | null = null;
    const { response } = await call((_request, context) => {
      seen = context;
      return Promise.resolve({ status: 204 });
    });
    expect(response).toEqual({ status: 204 });
    expect(seen!.identity).toBe(identity);
    expect(seen!.org).toBe(org);
    expect(seen!.services.verifier).toBeDefined();
  });

  it('answers 401 with a Bearer challenge when the token does not verify, without running the handler', async () => {
    let ran = false;
    const { response } = await call(
      () => {
        ran = true;
        return Promise.resolve({ status: 200 });
      },
      { authorization: 'Bearer expired' },
    );
    expect(ran).toBe(false);
    expect(response.status).toBe(401);
    expect(response.headers).toMatchObject({ 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    expect(problemOf(response)).toEqual({
      type: 'about:blank',
      title: 'Not signed in',
      status: 401,
      detail: 'The token has expired.',
    });
  });

  it('answers an ApiError as it says', async () => {
    const { response } = await call(failing(new ApiError(409, 'Already agreed', 'It is a record now.')));
    expect(response.status).toBe(409);
    expect(problemOf(response)).toEqual({
      type: 'about:blank',
      title: 'Already agreed',
      status: 409,
      detail: 'It is a record now.',
    });
  });

  it('answers 412 when a write lost a race the handler did not catch', async () => {
    const { response } = await call(failing(new StaleEtagError('conversation')));
    expect(response.status).toBe(412);
    expect(problemOf(response)).toMatchObject({
      title: 'Changed by someone else',
      detail: 'The conversation was changed by someone else. Read it again and re-apply your change.',
    });
  });

  it('answers 404 for something missing, naming what', async () => {
    const { response } = await call(failing(new EntityNotFoundError('conversation')));
    expect(response.status).toBe(404);
    expect(problemOf(response)).toMatchObject({
      title: 'Not found',
      detail: 'There is no conversation here that you can see.',
    });
  });

  it('answers 403 when the organisation has not consented to the directory', async () => {
    const { response } = await call(failing(new DirectoryConsentError()));
    expect(response.status).toBe(403);
    expect(problemOf(response)).toMatchObject({
      title: 'Admin consent needed',
      detail: new DirectoryConsentError().message,
    });
  });

  it('answers 503 with Retry-After while the directory is busy', async () => {
    const { response } = await call(failing(new DirectoryUnavailableError(7)));
    expect(response.status).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '7' });
    expect(problemOf(response)).toMatchObject({
      title: 'Directory busy',
      detail: new DirectoryUnavailableError(7).message,
    });
  });

  it('answers anything else with 500, logging its kind, code and status but never its message', async () => {
    const storageError = Object.assign(new TypeError('Ava wants to leave the team'), {
      code: 'InvalidInput',
      statusCode: 400,
    });
    const { response, logged } = await call(failing(storageError));
    expect(response.status).toBe(500);
    expect(problemOf(response)).toEqual({
      type: 'about:blank',
      title: 'Something went wrong on our side',
      status: 500,
      detail: 'Nothing was changed. Try again in a moment.',
    });
    expect(logged).toEqual([{ level: 'error', text: 'Unhandled TypeError code=InvalidInput status=400' }]);
  });

  it('logs a failure without a code or status by its kind alone, even when it is not an Error', async () => {
    const plain = await call(failing(new RangeError('secret')));
    expect(plain.logged).toEqual([{ level: 'error', text: 'Unhandled RangeError' }]);
    const thrown = await call(() => {
      // Something that is not an Error, as a library might throw.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'secret text';
    });
    expect(thrown.response.status).toBe(500);
    expect(thrown.logged).toEqual([{ level: 'error', text: 'Unhandled string' }]);
  });

  it('answers 500 when the services cannot start, as for any other failure', async () => {
    const { response, logged } = await call(() => Promise.resolve({ status: 200 }), {
      ready: () => Promise.reject(new Error('storage unreachable')),
    });
    expect(response.status).toBe(500);
    expect(logged.map((entry) => entry.text)).toEqual(['Unhandled Error']);
  });

  it('answers a storage refusal in words, never 500, and logs its status and code alone', async () => {
    const refusal = (statusCode: number, code?: string) =>
      new RestError('Ava wants to leave the team', { statusCode, ...(code ? { code } : {}) });
    const cases: [RestError, number, string, Record<string, string>?][] = [
      [refusal(404, 'ResourceNotFound'), 404, 'Not found'],
      [refusal(408), 503, 'Storage busy', { 'Retry-After': '5' }],
      [refusal(429), 503, 'Storage busy', { 'Retry-After': '5' }],
      [refusal(409, 'EntityAlreadyExists'), 409, 'Already there'],
      [refusal(412, 'UpdateConditionNotSatisfied'), 412, 'Changed by someone else'],
      [refusal(413, 'RequestBodyTooLarge'), 413, 'Request too large'],
      [refusal(400, 'InvalidInput'), 400, 'Storage refused the request'],
      [refusal(422), 400, 'Storage refused the request'],
    ];
    for (const [error, status, title, headers] of cases) {
      const { response, logged } = await call(failing(error));
      expect(response.status, `${error.statusCode}`).toBe(status);
      const problem = problemOf(response);
      expect(problem.title, `${error.statusCode}`).toBe(title);
      expect(problem.detail).toMatch(status === 404 ? /^There is no record here/ : /^Nothing was changed/);
      expect(JSON.stringify(problem)).not.toContain('Ava');
      if (headers) expect(response.headers).toMatchObject(headers);
      else expect(response.headers).not.toHaveProperty('Retry-After');
      expect(logged).toEqual([
        {
          level: 'warning',
          text: `Storage refused a request: status=${error.statusCode}${error.code ? ` code=${error.code}` : ''}`,
        },
      ]);
    }
  });

  it("keeps storage refusing the app's own identity, and a missing table, as the 500 they are", async () => {
    for (const error of [
      new RestError('denied', { statusCode: 401 }),
      new RestError('denied', { statusCode: 403, code: 'AuthorizationFailure' }),
      new RestError('no table', { statusCode: 404, code: 'TableNotFound' }),
    ]) {
      const { response, logged } = await call(failing(error));
      expect(response.status, `${error.statusCode} ${error.code}`).toBe(500);
      expect(logged.map((entry) => entry.level)).toEqual(['error']);
    }
  });
});
