import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, type JsonObject } from '../../functions/src/openapi';
import { publicRoutes, routes } from '../../functions/src/routes';
import { clientFor, type ApiResponse, type CallOptions, type Client } from '../support/client';
import { checkAnswer } from '../support/openapi-check';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * The API's OpenAPI description: made from the route table and the contract, served without a token,
 * linted by Spectral (OpenAPI and OWASP rulesets, offline), and true to what the API answers — every
 * route is called here and each answer is checked against the document.
 */

const ROOT = join(import.meta.dirname, '../..');
const allRoutes = [...routes, ...publicRoutes];
const work = mkdtempSync(join(tmpdir(), 'openapi-'));
let stack: TestStack;
let morgan: Client;
let chloe: Client;
let anonymous: Client;
let chloeId: string;
/** Every operation whose answers were checked against the document. */
const checked = new Set<string>();
const problems: string[] = [];

/** A client whose every answer is checked against the document. */
function checking(client: Client): Client {
  const call = async <T = unknown>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>> => {
    const response = await client.call<T>(method, path, options);
    const result = checkAnswer(method, `/api/${path}`, response.status, response.headers, response.body);
    if (result.operation) checked.add(result.operation);
    problems.push(...result.problems);
    expect(result.problems, `${method} ${path}`).toEqual([]);
    return response;
  };
  return {
    get: (path, options) => call('GET', path, options),
    post: (path, body, options) => call('POST', path, { ...options, body }),
    put: (path, body, options) => call('PUT', path, { ...options, body }),
    patch: (path, body, options) => call('PATCH', path, { ...options, body }),
    delete: (path, options) => call('DELETE', path, options),
    call,
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  morgan = checking(clientFor(stack, await stack.token('morgan')));
  chloe = checking(clientFor(stack, await stack.token('chloe')));
  anonymous = checking(clientFor(stack, null));
  chloeId = stack.person('chloe').id;
});
afterAll(async () => {
  await stack.close();
  rmSync(work, { recursive: true, force: true });
});

function spectral(
  file: string,
): Promise<{ code: number; results: { code: string; severity: number }[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js'),
        'lint',
        file,
        '--ruleset',
        '.spectral.js',
        '-f',
        'json',
        '--quiet',
      ],
      { cwd: ROOT, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let results: { code: string; severity: number }[] = [];
        try {
          results = JSON.parse(stdout || '[]') as typeof results;
        } catch {
          results = [{ code: `unreadable output: ${stdout.slice(0, 200)}`, severity: 0 }];
        }
        resolve({ code, results, stderr });
      },
    );
  });
}

describe('the OpenAPI description', () => {
  it('describes every route of the route table, each method once, and nothing else', () => {
    const document = openApiDocument(allRoutes, '3.1.0', { serverUrl: 'https://api.example/api' });
    const described = Object.entries(document.paths as Record<string, Record<string, JsonObject>>).flatMap(
      ([path, item]) =>
        Object.entries(item).map(
          ([method, operation]) => `${method.toUpperCase()} ${path} ${String(operation.operationId)}`,
        ),
    );
    const table = allRoutes.flatMap((route) =>
      route.methods.map((method) => `${method} /${route.route} ${route.name}`),
    );
    expect(described.sort()).toEqual(table.sort());
    for (const item of Object.values(document.paths as Record<string, Record<string, JsonObject>>))
      for (const operation of Object.values(item)) {
        const responses = operation.responses as Record<string, JsonObject>;
        const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
        // Every authenticated route answers 401 and its problems as problem+json.
        if (!isPublic) expect(Object.keys(responses), String(operation.operationId)).toContain('401');
        for (const [status, response] of Object.entries(responses))
          if (Number(status) >= 400)
            expect(Object.keys(response.content as JsonObject), `${String(operation.operationId)} ${status}`).toEqual([
              'application/problem+json',
            ]);
      }
    // The bearer scheme, for access_as_user, applies to all but the description itself.
    expect(document.security).toEqual([{ bearer: [] }, { entra: ['api://<tab domain>/<client id>/access_as_user'] }]);
  });

  it('is served without a token, in 3.1 and 3.0.3', async () => {
    const served = await anonymous.get<JsonObject>('openapi.json');
    expect(served.status).toBe(200);
    expect(served.body.openapi).toBe('3.1.0');
    expect((served.body.servers as { url: string }[])[0]?.url).toBe(`${stack.url}/api`);
    expect(served.body).toEqual(openApiDocument(allRoutes, '3.1.0', { serverUrl: `${stack.url}/api` }));
    const older = await anonymous.get<JsonObject>('openapi-3.0.json');
    expect(older.status).toBe(200);
    expect(older.body.openapi).toBe('3.0.3');
    expect(older.headers.get('cache-control')).toBe('no-store');
  });

  it('passes Spectral’s OpenAPI and OWASP rulesets with no error, offline', async () => {
    const runs = await Promise.all(
      (['3.1.0', '3.0.3'] as const).map(async (version) => {
        const file = join(work, `openapi-${version}.json`);
        writeFileSync(
          file,
          JSON.stringify(openApiDocument(allRoutes, version, { serverUrl: 'https://career-api.contoso.example/api' })),
        );
        return { version, ...(await spectral(file)) };
      }),
    );
    for (const run of runs) {
      expect(run.stderr, run.version).toBe('');
      const errors = run.results.filter((result) => result.severity === 0).map((result) => result.code);
      expect(errors, run.version).toEqual([]);
      expect(run.code, run.version).toBe(0);
    }
  }, 240_000);
});

describe('every answer of every route, held to the document', () => {
  it('answers as described, for the whole life of a plan', async () => {
    const plan = `plans/${chloeId}`;
    await morgan.get('me');
    await morgan.get('team');
    const preferences = await chloe.get<{ preferences: Record<string, unknown>; etag: string | null }>('me/nudges');
    await chloe.put('me/nudges', { ...preferences.body.preferences, weeklyDigest: false });
    await morgan.get(plan);
    const careerPlan = await chloe.put<{ etag: string }>(`${plan}/career-plan`, {
      aspiration: null,
      focusAreas: ['Public speaking'],
      careerScenario: null,
    });
    expect(careerPlan.status).toBe(200);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await chloe.put(`${plan}/next-conversation`, { date: tomorrow, type: 'job' })).status).toBe(200);
    const prepared = await chloe.post<{ points: { id: string }[] }>(`${plan}/prepared`, { text: 'My next step' });
    expect(prepared.status).toBe(201);
    await chloe.delete(`${plan}/prepared/${prepared.body.points[0]!.id}`);

    const meetingId = 'MCMxOTptZWV0aW5nX29wZW5hcGk/series==';
    const started = await chloe.post<{
      conversation: { id: string; etag: string; revision: number; agenda: { id: string }[] };
    }>(`${plan}/conversations`, { type: 'job' }, { headers: { 'idempotency-key': 'openapi-start-1' } });
    expect(started.status).toBe(201);
    const id = started.body.conversation.id;
    const conversation = `${plan}/conversations/${id}`;
    const read = await morgan.get(conversation);
    expect(read.status).toBe(200);
    expect((await morgan.get(conversation, { headers: { 'if-none-match': read.etag! } })).status).toBe(304);

    const point = await chloe.post<{ item: { id: string }; conversationEtag: string }>(`${conversation}/agenda`, {
      text: 'Shadow the release manager',
    });
    expect(point.status).toBe(201);
    const ticked = await morgan.patch<{ conversationEtag: string }>(
      `${conversation}/agenda/${point.body.item.id}`,
      { discussed: true },
      { ifMatch: point.body.conversationEtag },
    );
    expect(ticked.status).toBe(200);
    const removed = await chloe.delete<{ conversation: { etag: string } }>(
      `${conversation}/agenda/${point.body.item.id}`,
      {
        ifMatch: ticked.body.conversationEtag,
      },
    );
    expect(removed.status).toBe(200);

    const action = await chloe.post<{ action: { id: string; etag: string } }>(`${conversation}/actions`, {
      title: 'Run the next release review',
      owner: 'employee',
      learningKind: 'onTheJob',
    });
    expect(action.status).toBe(201);
    const edited = await morgan.patch(
      `${conversation}/actions/${action.body.action.id}`,
      { title: 'Run two release reviews' },
      {
        ifMatch: action.body.action.etag,
      },
    );
    expect(edited.status).toBe(200);
    const spare = await chloe.post<{ action: { id: string } }>(`${conversation}/actions`, {
      title: 'Read the incident reports',
      owner: 'employee',
      learningKind: 'formal',
    });
    expect((await chloe.delete(`${conversation}/actions/${spare.body.action.id}`)).status).toBe(200);
    expect((await chloe.put(`${conversation}/note`, { text: 'Ask about the rota.' })).status).toBe(200);
    expect((await morgan.post(`${conversation}/live`)).status).toBe(200);

    const current = await chloe.get<{ conversation: { revision: number } }>(conversation);
    expect((await chloe.post(`${conversation}/agree`, { revision: current.body.conversation.revision })).status).toBe(
      200,
    );
    expect((await chloe.delete(`${conversation}/agree`)).status).toBe(200);

    const meeting = `meetingId=${encodeURIComponent(meetingId)}`;
    await morgan.get(`meetings/resolve?${meeting}`);
    await morgan.get(`meetings/panel?${meeting}`);
    expect((await morgan.put('meetings/link', { meetingId, employeeId: chloeId, conversationId: id })).status).toBe(
      200,
    );
    await morgan.get(`meetings/resolve?${meeting}`);

    expect((await chloe.get(`${plan}/conversations?pageSize=5`)).status).toBe(200);
    expect((await chloe.get(`${plan}/export`)).status).toBe(200);
    const markdown = await chloe.get<string>(`${plan}/export?format=markdown`);
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect((await chloe.get(`${plan}/audit?pageSize=20`)).status).toBe(200);
    expect(
      (await chloe.post('client-failures', { surface: 'myplan', errorName: 'TypeError', components: ['MyPlan'] }))
        .status,
    ).toBe(204);
    // The Outlook add-in's agenda for a 1:1 invite, and the one 404 for any other invite.
    expect((await morgan.post('invites/agenda', { attendees: ['chloe@contoso.example'] })).status).toBe(200);
    expect((await morgan.post('invites/agenda', { attendees: ['nobody@contoso.example'] })).status).toBe(404);

    // Refusals, as problem+json of the statuses described.
    expect((await anonymous.get('me')).status).toBe(401);
    expect((await morgan.get('plans/not-a-guid')).status).toBe(404);
    expect((await chloe.post(`${plan}/prepared`, { text: '' })).status).toBe(400);
    expect(
      (await morgan.patch(`${conversation}/agenda/${started.body.conversation.agenda[0]!.id}`, { discussed: true }))
        .status,
    ).toBe(428);
    expect(
      (
        await morgan.patch(
          `${conversation}/actions/${action.body.action.id}`,
          { title: 'Stale' },
          { ifMatch: action.body.action.etag },
        )
      ).status,
    ).toBe(412);
    expect((await morgan.delete(plan)).status).toBe(403);
    expect((await chloe.delete(plan)).status).toBe(204);

    expect(problems).toEqual([]);
    // Every route of the table was called and its answers checked.
    expect([...checked].sort()).toEqual(allRoutes.map((route) => route.name).sort());
  }, 60_000);
});
