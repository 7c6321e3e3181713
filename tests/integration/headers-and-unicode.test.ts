import azureFunctions, { type HttpResponseInit } from '@azure/functions';
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionResultSchema,
  AgendaItemResultSchema,
  CareerPlanSchema,
  ConversationViewSchema,
  EntityTagSchema,
  ExportSchema,
  NoteSchema,
  NudgePreferencesSchema,
  PlanViewSchema,
  ProblemSchema,
  ViewValidatorSchema,
  type PlanExport,
} from '../../functions/src/contract';
import { authenticated, type ApiHandler } from '../../functions/src/http/handler';
import { json } from '../../functions/src/http/response';
import { nudgePreferencesAudit, ownPartition } from '../../functions/src/functions/own-nudge-preferences';
import { routes } from '../../functions/src/routes';
import { planPartition } from '../../functions/src/store';
import { clientFor, expectBody, type ApiResponse, type CallOptions, type Client } from '../support/client';
import { agreeByBoth, STALE_ETAG, startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { everyRow } from '../support/storage-state';

const { HttpRequest, InvocationContext } = azureFunctions;

let stack: TestStack;
let ava: Client;
let avaId: string;
let base: string;
/** Every ETag an answer carried, to check each is of the form If-Match accepts. */
const answeredEtags: string[] = [];

const NUDGES = {
  actionDueSoon: true,
  actionOverdue: true,
  jobDevelopmentOverdue: false,
  jobDevelopmentReminder: true,
  prepareTalkingPoints: true,
  confirmationWaiting: true,
  weeklyDigest: false,
  digestDay: 'friday',
};
const CAREER_PLAN = { aspiration: 'growInRole', focusAreas: ['Testing'], careerScenario: 'Staff engineer' };

/** The three values of the report: a strong tag, a bare word, and a strong tag that looks like storage's. */
const REPORTED = ['"x"', 'x', `"datetime'2020'"`] as const;
/** What each of them answers: a bare word is no ETag at all (400); a quoted tag the API never gave out matches nothing (412). */
const EXPECTED: Record<(typeof REPORTED)[number], { status: number; title: string }> = {
  '"x"': { status: 412, title: 'No such version' },
  x: { status: 400, title: 'Invalid If-Match' },
  [`"datetime'2020'"`]: { status: 412, title: 'No such version' },
};

function remember<T>(response: ApiResponse<T>): ApiResponse<T> {
  if (response.etag) answeredEtags.push(response.etag);
  return response;
}

function expectRefused(response: ApiResponse, status: number, title: string, what: string): void {
  expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(status);
  expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(response.body);
  expect(problem.title, what).toBe(title);
  expect(
    problem.errors?.map((error) => error.field),
    what,
  ).toEqual(['If-Match']);
}

/** Runs a handler of the test's own through the real wrapper, with the real services and a real token. */
async function throughWrapper(
  handler: ApiHandler,
): Promise<{ response: HttpResponseInit; warnings: string[]; errors: string[] }> {
  const warnings: string[] = [];
  const errors: string[] = [];
  const response = await authenticated({ handler }, () => Promise.resolve(stack.services))(
    new HttpRequest({
      method: 'PUT',
      url: 'http://in-process/api/me/nudges',
      headers: { authorization: `Bearer ${await stack.token('ava')}` },
    }),
    new InvocationContext({
      functionName: 'test',
      invocationId: 'test',
      logHandler: (level, ...args) => {
        if (level === 'warning') warnings.push(args.map(String).join(' '));
        if (level === 'error') errors.push(args.map(String).join(' '));
      },
    }),
  );
  return { response, warnings, errors };
}

const problemOf = (response: HttpResponseInit) =>
  ProblemSchema.parse(JSON.parse(typeof response.body === 'string' ? response.body : ''));

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
});
afterAll(() => stack.close());

describe('defect 3: a malformed If-Match is refused in the HTTP layer and never reaches storage', () => {
  const reportedRoutes = () =>
    [
      { what: 'PUT career-plan', path: `plans/${avaId}/career-plan`, body: CAREER_PLAN },
      { what: 'PUT me/nudges', path: 'me/nudges', body: NUDGES },
      { what: 'PUT the private note', path: `${base}/note`, body: { text: 'My own thoughts' } },
    ] as const;

  it('answers 400 or 412 problem+json, never 500, on the career plan, the choice of nudges and the note, before and after each exists', async () => {
    for (const state of ['before the record exists', 'once it exists'] as const) {
      if (state === 'once it exists') {
        for (const route of reportedRoutes()) expect((await ava.put(route.path, route.body)).status).toBe(200);
      }
      const before = await everyRow(stack.tables);
      for (const route of reportedRoutes()) {
        for (const value of REPORTED) {
          const response = await ava.put(route.path, route.body, { ifMatch: value });
          expectRefused(response, EXPECTED[value].status, EXPECTED[value].title, `${route.what} ${value} ${state}`);
        }
      }
      expect(await everyRow(stack.tables), state).toEqual(before);
    }
  });

  it('answers the same on every route that takes If-Match: ticks, action edits and all the others', async () => {
    const added = expectBody(
      await ava.post(`${base}/actions`, { title: 'Write the test plan', owner: 'employee', learningKind: 'onTheJob' }),
      201,
      ActionResultSchema,
    );
    const cases: { route: string; method: string; path: string; options: CallOptions }[] = [
      {
        route: 'agenda-item-patch',
        method: 'PATCH',
        path: `${base}/agenda/goals.learn`,
        options: { body: { discussed: true } },
      },
      { route: 'agenda-item-delete', method: 'DELETE', path: `${base}/agenda/goals.learn`, options: {} },
      { route: 'agenda-post', method: 'POST', path: `${base}/agenda`, options: { body: { text: 'A point' } } },
      {
        route: 'actions-post',
        method: 'POST',
        path: `${base}/actions`,
        options: { body: { title: 'T', owner: 'employee', learningKind: 'formal' } },
      },
      {
        route: 'action-patch',
        method: 'PATCH',
        path: `${base}/actions/${added.action.id}`,
        options: { body: { status: 'done' } },
      },
      {
        route: 'next-conversation-put',
        method: 'PUT',
        path: `plans/${avaId}/next-conversation`,
        options: { body: { date: null, type: null } },
      },
      { route: 'career-plan-put', method: 'PUT', path: `plans/${avaId}/career-plan`, options: { body: CAREER_PLAN } },
      { route: 'nudge-preferences-put', method: 'PUT', path: 'me/nudges', options: { body: NUDGES } },
      { route: 'note-put', method: 'PUT', path: `${base}/note`, options: { body: { text: 'x' } } },
    ];
    // The list is the route table's: a route that evaluates If-Match and is missing here fails the test.
    expect(cases.map((entry) => entry.route).sort()).toEqual(
      routes
        .filter((route) => route.precondition === 'if-match')
        .map((route) => route.name)
        .sort(),
    );
    const before = await everyRow(stack.tables);
    for (const entry of cases) {
      for (const value of REPORTED) {
        const response = await ava.call(entry.method, entry.path, { ...entry.options, ifMatch: value });
        expectRefused(response, EXPECTED[value].status, EXPECTED[value].title, `${entry.route} ${value}`);
      }
    }
    expect(await everyRow(stack.tables)).toEqual(before);
  });

  it('refuses If-Match where a route takes none, and If-None-Match anywhere but reading a conversation', async () => {
    const before = await everyRow(stack.tables);
    const version = `W/"datetime'2026-01-01T00%3A00%3A00.0000000Z'"`;
    for (const [method, path, body] of [
      ['POST', `plans/${avaId}/conversations`, { type: 'career' }],
      ['DELETE', `plans/${avaId}`, undefined],
      ['POST', `${base}/agree`, { revision: 1 }],
      ['GET', 'me', undefined],
    ] as const) {
      const options = body === undefined ? {} : { body };
      const unexpected = await ava.call(method, path, { ...options, ifMatch: version });
      expect([unexpected.status, ProblemSchema.parse(unexpected.body).title], path).toEqual([
        400,
        'Unexpected If-Match',
      ]);
      const none = await ava.call(method, path, { ...options, headers: { 'if-none-match': '"v-x"' } });
      expect([none.status, ProblemSchema.parse(none.body).title], path).toEqual([400, 'Unexpected If-None-Match']);
    }
    expect(await everyRow(stack.tables)).toEqual(before);
  });

  it('still answers a stale version of the right form with 412 and the current state', async () => {
    const response = await ava.put(`plans/${avaId}/career-plan`, CAREER_PLAN, { ifMatch: STALE_ETAG });
    expect(response.status).toBe(412);
    expect(CareerPlanSchema.parse(ProblemSchema.parse(response.body).current).careerScenario).toBe('Staff engineer');
  });

  it('gives out only ETags that If-Match (or, for a view, If-None-Match) accepts, and honours them', async () => {
    const view = remember(await ava.get(base));
    expect(ViewValidatorSchema.safeParse(view.etag).success, String(view.etag)).toBe(true);
    const unchanged = await ava.get(base, { headers: { 'if-none-match': view.etag! } });
    expect(unchanged.status).toBe(304);
    // Compared weakly: a proxy that weakens the tag still gets its 304.
    expect((await ava.get(base, { headers: { 'if-none-match': `W/${view.etag!}` } })).status).toBe(304);
    const conversation = ConversationViewSchema.parse(view.body).conversation;
    const ticked = remember(
      await ava.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: conversation.etag }),
    );
    expectBody(ticked, 200, AgendaItemResultSchema);
    const plan = PlanViewSchema.parse((await ava.get(`plans/${avaId}`)).body).careerPlan;
    const replaced = remember(await ava.put(`plans/${avaId}/career-plan`, CAREER_PLAN, { ifMatch: plan.etag! }));
    expectBody(replaced, 200, CareerPlanSchema);
    const nudges = NudgePreferencesSchema.parse((await ava.get('me/nudges')).body);
    expectBody(remember(await ava.put('me/nudges', NUDGES, { ifMatch: nudges.etag! })), 200, NudgePreferencesSchema);
    const note = ConversationViewSchema.parse((await ava.get(base)).body).myNote!;
    expectBody(remember(await ava.put(`${base}/note`, { text: 'Kept' }, { ifMatch: note.etag })), 200, NoteSchema);
    const stored = answeredEtags.filter((etag) => etag !== view.etag);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    for (const etag of stored) expect(EntityTagSchema.safeParse(etag).success, etag).toBe(true);
  });

  it('maps storage’s own 400, had anything unchecked reached it, to a problem a person can read, never a 500', async () => {
    // The defect's path, kept as a handler of its own: a header value handed to storage unchecked.
    const before = await everyRow(stack.tables);
    const { response, warnings } = await throughWrapper(async (_request, context) => {
      await context.services.plans.putNudgePreferences(
        ownPartition(context),
        { ...NUDGES, digestDay: 'monday' },
        '"x"',
        nudgePreferencesAudit(context),
      );
      return json(200, {});
    });
    expect(response.status).toBe(400);
    expect(new Headers(response.headers).get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemOf(response).title).toBe('Storage refused the request');
    expect(warnings).toEqual([expect.stringMatching(/^Storage refused a request: status=400/)]);
    expect(await everyRow(stack.tables)).toEqual(before);
  });

  it('answers each refusal storage can give in words, and keeps its refusing the app itself a failure', async () => {
    const cases: { status: number; code: string; answer: number; title: string }[] = [
      { status: 400, code: 'InvalidInput', answer: 400, title: 'Storage refused the request' },
      { status: 404, code: 'ResourceNotFound', answer: 404, title: 'Not found' },
      { status: 409, code: 'EntityAlreadyExists', answer: 409, title: 'Already there' },
      { status: 412, code: 'UpdateConditionNotSatisfied', answer: 412, title: 'Changed by someone else' },
      { status: 413, code: 'EntityTooLarge', answer: 413, title: 'Request too large' },
      { status: 429, code: 'ServerBusy', answer: 503, title: 'Storage busy' },
      { status: 411, code: 'MissingContentLengthHeader', answer: 400, title: 'Storage refused the request' },
      { status: 403, code: 'AuthorizationPermissionMismatch', answer: 500, title: 'Something went wrong on our side' },
      { status: 401, code: 'InvalidAuthenticationInfo', answer: 500, title: 'Something went wrong on our side' },
      { status: 404, code: 'TableNotFound', answer: 500, title: 'Something went wrong on our side' },
    ];
    for (const entry of cases) {
      const { response, warnings, errors } = await throughWrapper(() =>
        Promise.reject(new RestError('storage says no', { statusCode: entry.status, code: entry.code })),
      );
      const what = `${entry.status} ${entry.code}`;
      expect(response.status, what).toBe(entry.answer);
      expect(problemOf(response).title, what).toBe(entry.title);
      // Logged by kind and code, never by message.
      const logged = [...warnings, ...errors];
      expect(logged, what).toHaveLength(1);
      expect(logged[0], what).toContain(`status=${entry.status}`);
      expect(logged.join(' '), what).not.toContain('storage says no');
      if (entry.answer === 503) expect(new Headers(response.headers).get('retry-after'), what).toBe('5');
    }
  });
});

describe('defect 4: text must be well-formed Unicode', () => {
  const BROKEN = 'This text contains a broken character (half of a UTF-16 surrogate pair). Type it again.';
  const BROKEN_ID = 'This id contains a broken character (half of a UTF-16 surrogate pair).';

  it('refuses a lone surrogate in every text field with 400 naming the field, and stores nothing', async () => {
    const view = ConversationViewSchema.parse((await ava.get(base)).body);
    const action = view.actions[0]!;
    const own = AgendaItemResultSchema.parse((await ava.post(`${base}/agenda`, { text: 'My own point' })).body);
    const myPoint = own.item;
    const etag = own.conversationEtag;
    const cases: {
      field: string;
      method: string;
      path: string;
      body: (text: string) => unknown;
      ifMatch?: string;
      message?: string;
    }[] = [
      { field: 'text', method: 'POST', path: `${base}/agenda`, body: (text) => ({ text }) },
      {
        field: 'text',
        method: 'PATCH',
        path: `${base}/agenda/${myPoint.id}`,
        body: (text) => ({ text }),
        ifMatch: etag,
      },
      { field: 'note', method: 'PATCH', path: `${base}/agenda/goals.learn`, body: (note) => ({ note }), ifMatch: etag },
      { field: 'title', method: 'POST', path: `${base}/actions`, body: (title) => ({ title, owner: 'employee' }) },
      {
        field: 'focusArea',
        method: 'POST',
        path: `${base}/actions`,
        body: (focusArea) => ({ title: 'T', owner: 'employee', focusArea }),
      },
      {
        field: 'title',
        method: 'PATCH',
        path: `${base}/actions/${action.id}`,
        body: (title) => ({ title }),
        ifMatch: action.etag,
      },
      {
        field: 'focusArea',
        method: 'PATCH',
        path: `${base}/actions/${action.id}`,
        body: (focusArea) => ({ focusArea }),
        ifMatch: action.etag,
      },
      {
        field: 'focusAreas.0',
        method: 'PUT',
        path: `plans/${avaId}/career-plan`,
        body: (area) => ({ ...CAREER_PLAN, focusAreas: [area] }),
      },
      {
        field: 'careerScenario',
        method: 'PUT',
        path: `plans/${avaId}/career-plan`,
        body: (careerScenario) => ({ ...CAREER_PLAN, careerScenario }),
      },
      { field: 'text', method: 'PUT', path: `${base}/note`, body: (text) => ({ text }) },
      { field: 'text', method: 'POST', path: `plans/${avaId}/prepared`, body: (text) => ({ text }) },
      {
        field: 'meetingId',
        method: 'POST',
        path: `plans/${avaId}/conversations`,
        body: (meetingId) => ({ type: 'career', meetingId }),
        message: BROKEN_ID,
      },
      {
        field: 'chatId',
        method: 'POST',
        path: `plans/${avaId}/conversations`,
        body: (chatId) => ({ type: 'career', meetingId: 'm-1', chatId }),
        message: BROKEN_ID,
      },
      {
        field: 'meetingId',
        method: 'PUT',
        path: 'meetings/link',
        body: (meetingId) => ({ meetingId, employeeId: avaId, conversationId: view.conversation.id }),
        message: BROKEN_ID,
      },
      {
        field: 'date',
        method: 'PUT',
        path: `plans/${avaId}/next-conversation`,
        body: (date) => ({ date, type: null }),
        message: 'Use a date like 2026-03-31.',
      },
    ];
    const before = await everyRow(stack.tables);
    for (const entry of cases) {
      for (const text of ['a\ud800b', '\udc00', `Stand-up ${'😀'.slice(0, 1)}`]) {
        const response = await ava.call(entry.method, entry.path, {
          body: entry.body(text),
          ...(entry.ifMatch ? { ifMatch: entry.ifMatch } : {}),
        });
        const what = `${entry.method} ${entry.path} ${entry.field} ${JSON.stringify(text)}`;
        expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = ProblemSchema.parse(response.body);
        expect(problem.errors, what).toContainEqual({ field: entry.field, message: entry.message ?? BROKEN });
        expect(problem.detail, what).toContain(entry.field);
      }
    }
    expect(await everyRow(stack.tables)).toEqual(before);
  });

  it('refuses a talking point of only "\\udc00"', async () => {
    const before = await everyRow(stack.tables);
    const response = await ava.call('POST', `${base}/agenda`, { rawBody: '{"text":"\\udc00"}' });
    expect(response.status).toBe(400);
    expect(ProblemSchema.parse(response.body).errors).toEqual([{ field: 'text', message: BROKEN }]);
    expect(await everyRow(stack.tables)).toEqual(before);
  });

  it('refuses a surrogate sent as percent-encoded UTF-8 in a query, and a body that is not UTF-8', async () => {
    const query = await ava.get('meetings/resolve?meetingId=%ED%A0%80');
    expect(query.status).toBe(400);
    expect(ProblemSchema.parse(query.body).errors).toEqual([
      { field: 'meetingId', message: 'This is not valid percent-encoding (%XX of UTF-8).' },
    ]);
    const before = await everyRow(stack.tables);
    const response = await fetch(`${stack.url}/api/${base}/agenda`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token('ava')}`, 'content-type': 'application/json' },
      body: new Uint8Array([...Buffer.from('{"text":"a'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
    });
    expect(response.status).toBe(400);
    expect(ProblemSchema.parse(await response.json()).detail).toBe('The body is not valid UTF-8.');
    expect(await everyRow(stack.tables)).toEqual(before);
  });
});

/** The Markdown as a CommonMark reader takes it: a backslash before ASCII punctuation is that character. */
function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

async function exportBytes(client: string, employeeId: string, format: 'json' | 'markdown'): Promise<Buffer> {
  const response = await fetch(`${stack.url}/api/plans/${employeeId}/export?format=${format}`, {
    headers: { authorization: `Bearer ${await stack.token(client)}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Where each text the JSON export holds must stand in the Markdown, once read: the exact UTF-8 bytes
 * of the JSON's value, in its place (a list item, a field, a quoted line), never a look-alike.
 */
function sharedText(plan: PlanExport): string[] {
  const expected = [`# Development plan of ${plan.employee.displayName}\n`];
  if (plan.careerPlan.focusAreas.length) expected.push(`- Focus areas: ${plan.careerPlan.focusAreas.join('; ')}\n`);
  if (plan.careerPlan.careerScenario) expected.push(`- Career scenario: ${plan.careerPlan.careerScenario}\n`);
  for (const { conversation, actions, myNote } of plan.conversations) {
    const snapshot = conversation.snapshot;
    if (snapshot?.careerPlan.focusAreas.length)
      expected.push(`- Focus areas that day: ${snapshot.careerPlan.focusAreas.join('; ')}\n`);
    if (snapshot?.careerPlan.careerScenario)
      expected.push(`- Career scenario that day: ${snapshot.careerPlan.careerScenario}\n`);
    if (snapshot?.changes.actionsAdded.length)
      expected.push(`- New actions: ${snapshot.changes.actionsAdded.join('; ')}\n`);
    for (const item of conversation.agenda.filter((entry) => entry.discussed || (entry.notes?.length ?? 0) > 0)) {
      expected.push(`\n- ${item.text}\n`);
      for (const note of item.notes ?? []) {
        const [first, ...more] = note.text.split('\n');
        expected.push(
          `  - ${note.role === 'employee' ? 'Employee' : 'Manager'}: ${[first, ...more.map((line) => `    ${line}`)].join('\n')}\n`,
        );
      }
    }
    for (const action of actions) expected.push(`\n- ${action.title} (owner: ${action.owner}`);
    if (myNote)
      expected.push(
        `\n${myNote.text
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}\n`,
      );
  }
  return expected;
}

describe('defect 4: both exports agree byte for byte on what they share', () => {
  /** Awkward but valid: emoji sequences, combining marks, right-to-left scripts, and everything Markdown reads. */
  const AWKWARD = {
    areas: ['👩🏽‍💻 pair-programming 🇫🇷', 'q\u0323\u0307 and Z\u0335\u0322 marks', 'قيادة الفريق \u200F(team) עברית'],
    scenario: '# *Lead* the _[team](http://x)_ <b>now</b> `code` | a\\b ~~x~~ &copy; 1. - + > =',
    point: '1. **Bold** claim & <script>alert(1)</script> #tag [x]: y',
    itemNote: '- first line with *stars*\n  > quoted 👍🏿\n\t#tabbed\n3) numbered',
    titles: [
      '+ Ship the 🚀 release (v2.0) — done?',
      'Read “Peopleware” ~ __again__ | مرحبا',
      'Mentor 👨‍👩‍👧 & <i>others</i>',
    ],
    note: '> Not a quote\n## Not a heading\n\\ backslash \\* star\n   - indented 🇯🇵\n```\nnot code\n```',
  };

  it('with emoji, combining marks, right-to-left text and Markdown’s own characters', async () => {
    const chloe = clientFor(stack, await stack.token('chloe'));
    const chloeId = stack.person('chloe').id;
    expect(
      (
        await chloe.put(`plans/${chloeId}/career-plan`, {
          aspiration: 'growInRole',
          focusAreas: AWKWARD.areas,
          careerScenario: AWKWARD.scenario,
        })
      ).status,
    ).toBe(200);
    const { base: talk } = await startDraft(stack, 'chloe', 'career');
    const view = ConversationViewSchema.parse((await chloe.get(talk)).body);
    const added = AgendaItemResultSchema.parse(
      (await chloe.post(`${talk}/agenda`, { text: AWKWARD.point }, { ifMatch: view.conversation.etag })).body,
    );
    const ticked = AgendaItemResultSchema.parse(
      (await chloe.patch(`${talk}/agenda/${added.item.id}`, { discussed: true }, { ifMatch: added.conversationEtag }))
        .body,
    );
    expect(
      (
        await chloe.patch(
          `${talk}/agenda/${added.item.id}`,
          { note: AWKWARD.itemNote },
          { ifMatch: ticked.conversationEtag },
        )
      ).status,
    ).toBe(200);
    for (const title of AWKWARD.titles) {
      expect(
        (await chloe.post(`${talk}/actions`, { title, owner: 'employee', focusArea: AWKWARD.areas[0] })).status,
      ).toBe(201);
    }
    expect((await chloe.put(`${talk}/note`, { text: AWKWARD.note })).status).toBe(200);
    expect((await agreeByBoth(stack, talk, 'chloe')).conversation.status).toBe('agreed');

    const jsonBytes = await exportBytes('chloe', chloeId, 'json');
    const markdownBytes = await exportBytes('chloe', chloeId, 'markdown');
    const plan = ExportSchema.parse(JSON.parse(jsonBytes.toString('utf8')));
    // The awkward text went in as sent (composed), so the comparison below is about the exports, not the input.
    expect(plan.careerPlan.careerScenario).toBe(AWKWARD.scenario);
    expect(plan.conversations[0]!.myNote?.text).toBe(AWKWARD.note);
    const read = Buffer.from(unescapeMarkdown(markdownBytes.toString('utf8')), 'utf8');
    const expected = sharedText(plan);
    expect(expected.length).toBeGreaterThanOrEqual(10);
    for (const text of expected) {
      expect(
        read.includes(Buffer.from(text, 'utf8')),
        `the Markdown export lacks, byte for byte: ${JSON.stringify(text)}`,
      ).toBe(true);
    }
    // Neither export has a replacement character: nothing was lost on the way.
    expect(jsonBytes.includes(Buffer.from('\ufffd'))).toBe(false);
    expect(markdownBytes.includes(Buffer.from('\ufffd'))).toBe(false);
  });

  it('writes a lone surrogate stored before the text policy as U+FFFD in both, where JSON kept it and Markdown did not', async () => {
    const eli = clientFor(stack, await stack.token('eli'));
    const eliId = stack.person('eli').id;
    expect((await eli.put(`plans/${eliId}/career-plan`, CAREER_PLAN)).status).toBe(200);
    // A row as an earlier version stored it, with half a pair in the scenario and a focus area.
    await stack.tables.plans.updateEntity(
      {
        partitionKey: planPartition(stack.person('eli').tenantId, eliId),
        rowKey: 'profile',
        careerScenario: 'Lead\ud800 the team',
        focusAreas: JSON.stringify(['\udc00alone', 'fine 😀']),
      },
      'Merge',
    );
    const stored = CareerPlanSchema.parse(ExportSchema.parse((await eli.get(`plans/${eliId}/export`)).body).careerPlan);
    expect(stored.careerScenario).toBe('Lead\ufffd the team');
    const jsonText = (await exportBytes('eli', eliId, 'json')).toString('utf8');
    // JSON.stringify writes a lone surrogate as the escape "\ud800": the export must not.
    expect(jsonText).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    const plan = ExportSchema.parse(JSON.parse(jsonText));
    expect(plan.careerPlan.focusAreas).toEqual(['\ufffdalone', 'fine 😀']);
    const read = Buffer.from(unescapeMarkdown((await exportBytes('eli', eliId, 'markdown')).toString('utf8')), 'utf8');
    for (const text of sharedText(plan)) {
      expect(read.includes(Buffer.from(text, 'utf8')), JSON.stringify(text)).toBe(true);
    }
  });
});
