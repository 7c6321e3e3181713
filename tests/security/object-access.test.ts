import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { routes } from '../../functions/src/routes';
import { clientFor, expectBody, type ApiResponse, type CallOptions } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';
import { auditRowsOf } from '../support/storage-probe';

let stack: TestStack;
let avaId: string;
let conversationId: string;
let conversationEtag: string;
let actionEtag: string;
/** The draft's current revision, which Ava has confirmed: a stranger's confirmation or withdrawal would find it. */
let revision: number;
const meetingId = 'object-access-meeting';

interface Probe {
  route: string;
  method: string;
  path: () => string;
  options: () => CallOptions;
}

const plan = () => `plans/${avaId}`;
/** A day the next conversation may fall on, by the server's clock. */
const inAWeek = () => new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const conversation = () => `${plan()}/conversations/${conversationId}`;
/** One probe per route that reaches a plan: the route table decides the list, so a new route cannot be forgotten. */
const probes: Record<string, Probe> = {
  'plan-get': { route: 'plan-get', method: 'GET', path: plan, options: () => ({}) },
  'plan-delete': { route: 'plan-delete', method: 'DELETE', path: plan, options: () => ({}) },
  'plan-export': { route: 'plan-export', method: 'GET', path: () => `${plan()}/export`, options: () => ({}) },
  'plan-audit': { route: 'plan-audit', method: 'GET', path: () => `${plan()}/audit`, options: () => ({}) },
  'prepared-post': {
    route: 'prepared-post',
    method: 'POST',
    path: () => `${plan()}/prepared`,
    options: () => ({ body: { text: 'A point to raise', type: null } }),
  },
  'prepared-delete': {
    route: 'prepared-delete',
    method: 'DELETE',
    path: () => `${plan()}/prepared/p00000001`,
    options: () => ({}),
  },
  'career-plan-put': {
    route: 'career-plan-put',
    method: 'PUT',
    path: () => `${plan()}/career-plan`,
    options: () => ({ body: { aspiration: 'explore', focusAreas: [], careerScenario: null } }),
  },
  'next-conversation-put': {
    route: 'next-conversation-put',
    method: 'PUT',
    path: () => `${plan()}/next-conversation`,
    options: () => ({ body: { date: inAWeek(), type: 'job' } }),
  },
  'conversations-list': {
    route: 'conversations-list',
    method: 'GET',
    path: () => `${plan()}/conversations`,
    options: () => ({}),
  },
  'conversations-post': {
    route: 'conversations-post',
    method: 'POST',
    path: () => `${plan()}/conversations`,
    options: () => ({ body: { type: 'career' } }),
  },
  'conversation-get': { route: 'conversation-get', method: 'GET', path: conversation, options: () => ({}) },
  'agenda-post': {
    route: 'agenda-post',
    method: 'POST',
    path: () => `${conversation()}/agenda`,
    options: () => ({ body: { text: 'Intruding point' } }),
  },
  'agenda-item-patch': {
    route: 'agenda-item-patch',
    method: 'PATCH',
    path: () => `${conversation()}/agenda/goals.learn`,
    options: () => ({ body: { discussed: true }, ifMatch: conversationEtag }),
  },
  'agenda-item-delete': {
    route: 'agenda-item-delete',
    method: 'DELETE',
    path: () => `${conversation()}/agenda/point.1`,
    options: () => ({ ifMatch: conversationEtag }),
  },
  'actions-post': {
    route: 'actions-post',
    method: 'POST',
    path: () => `${conversation()}/actions`,
    options: () => ({ body: { title: 'Intruding action', owner: 'employee', learningKind: 'formal' } }),
  },
  'action-patch': {
    route: 'action-patch',
    method: 'PATCH',
    path: () => `${conversation()}/actions/a1`,
    options: () => ({ body: { status: 'dropped' }, ifMatch: actionEtag }),
  },
  'action-delete': {
    route: 'action-delete',
    method: 'DELETE',
    path: () => `${conversation()}/actions/a1`,
    options: () => ({}),
  },
  'conversation-agree': {
    route: 'conversation-agree',
    method: 'POST',
    path: () => `${conversation()}/agree`,
    options: () => ({ body: { revision } }),
  },
  'conversation-agree-delete': {
    route: 'conversation-agree-delete',
    method: 'DELETE',
    path: () => `${conversation()}/agree`,
    options: () => ({}),
  },
  'note-put': {
    route: 'note-put',
    method: 'PUT',
    path: () => `${conversation()}/note`,
    options: () => ({ body: { text: 'Intruding note' } }),
  },
  'conversation-live-post': {
    route: 'conversation-live-post',
    method: 'POST',
    path: () => `${conversation()}/live`,
    options: () => ({}),
  },
  'meetings-link': {
    route: 'meetings-link',
    method: 'PUT',
    path: () => 'meetings/link',
    options: () => ({ body: { meetingId: 'another-meeting', employeeId: avaId, conversationId } }),
  },
  'meetings-resolve': {
    route: 'meetings-resolve',
    method: 'GET',
    path: () => `meetings/resolve?meetingId=${meetingId}`,
    options: () => ({}),
  },
  'meetings-panel': {
    route: 'meetings-panel',
    method: 'GET',
    path: () => `meetings/panel?meetingId=${meetingId}`,
    options: () => ({}),
  },
  // The Outlook add-in names Ava by her address: only her manager (and she, naming him) get the invite's agenda.
  'invite-agenda-post': {
    route: 'invite-agenda-post',
    method: 'POST',
    path: () => 'invites/agenda',
    options: () => ({ body: { attendees: ['ava@contoso.example'] } }),
  },
};
/** Routes whose path names a plan: for the same object id in another tenant, they reach that person's own plan. */
const OWN_PLAN_ROUTES = [
  'plan-get',
  'conversations-list',
  'conversations-post',
  'career-plan-put',
  'plan-export',
  'plan-delete',
  'plan-audit',
  'prepared-post',
  'next-conversation-put',
];
/** Routes about the caller alone, which reach no one else's plan by construction. */
const CALLER_ONLY = ['me-get', 'team-get', 'nudge-preferences-get', 'nudge-preferences-put', 'client-failure-post'];

beforeAll(async () => {
  stack = await startTestStack();
  avaId = stack.person('ava').id;
  const ava = clientFor(stack, await stack.token('ava'));
  const view = expectBody(
    await ava.post(`plans/${avaId}/conversations`, { type: 'job', meetingId }),
    201,
    ConversationViewSchema,
  );
  conversationId = view.conversation.id;
  expect((await ava.post(`${conversation()}/agenda`, { text: 'What I want to learn next' })).status).toBe(201);
  const added = await ava.post(`${conversation()}/actions`, {
    title: 'Lead the design review',
    owner: 'employee',
    learningKind: 'onTheJob',
  });
  actionEtag = (added.body as { action: { etag: string } }).action.etag;
  conversationEtag = (added.body as { conversationEtag: string }).conversationEtag;
  const current = expectBody(await ava.get(conversation()), 200, ConversationViewSchema);
  const confirmed = expectBody(
    await ava.post(`${conversation()}/agree`, { revision: current.conversation.revision }),
    200,
    ConversationViewSchema,
  );
  revision = confirmed.conversation.revision;
  conversationEtag = confirmed.conversation.etag;
});
afterAll(() => stack.close());

describe('object access', () => {
  it('lets nobody but the employee and their current manager read or write the plan, on every route', async () => {
    expect(Object.keys(probes).sort()).toEqual(
      routes
        .map((route) => route.name)
        .filter((name) => !CALLER_ONLY.includes(name))
        .sort(),
    );
    const ownPlan = (name: string) => (name.startsWith('fabrikam') ? stack.person(name).tenantId : null);
    // Every probe's outcome is recorded as it comes; the figures and the assertions below are counted from these.
    const probed: { actor: string; route: string; status: number; unauthorised: boolean }[] = [];
    const refuse = async (actor: string, probe: Probe) => {
      const client = clientFor(stack, await stack.token(actor));
      const response: ApiResponse = await client.call(probe.method, probe.path(), probe.options());
      let unauthorised: boolean;
      if (probe.route === 'meetings-resolve') {
        unauthorised = (response.body as { status?: string }).status !== 'unlinked';
      } else if (probe.route === 'meetings-panel') {
        // The panel answers the caller's own details; of the meeting, nothing, and no conversation.
        const panel = response.body as { meeting?: { status?: string }; conversation?: unknown };
        unauthorised = response.status === 200 && (panel.meeting?.status !== 'unlinked' || panel.conversation !== null);
      } else if (ownPlan(actor) && OWN_PLAN_ROUTES.includes(probe.route)) {
        // The same id in another tenant is another person: their own (empty) plan, never Ava's.
        unauthorised = JSON.stringify(response.body).includes('Lead the design review');
      } else {
        unauthorised = response.status !== 404;
      }
      probed.push({ actor, route: probe.route, status: response.status, unauthorised });
    };

    const contosoRows = async () =>
      (await stack.snapshot()).filter((row) => row.startsWith(stack.person('ava').tenantId));
    const before = await contosoRows();
    const trailBefore = await auditRowsOf(stack, 'ava');
    for (const actor of ['dana', 'ben', 'sam', 'admin', 'eli', 'fabrikam-ava', 'fabrikam-manager']) {
      for (const probe of Object.values(probes)) await refuse(actor, probe);
    }
    // The former manager, once the reporting line changes.
    stack.setManager('ava', 'dana');
    try {
      for (const probe of Object.values(probes)) await refuse('morgan', probe);
    } finally {
      stack.setManager('ava', 'morgan');
    }
    const after = await contosoRows();
    const changedRows =
      before.filter((row) => !after.includes(row)).length + after.filter((row) => !before.includes(row)).length;
    // Refusals of people without access are not written into the plan, not even into its trail.
    const trailAfter = await auditRowsOf(stack, 'ava');
    const trailRows = trailAfter.filter((row) => !trailBefore.includes(row)).length;

    // A refusal reads exactly like a plan that does not exist.
    const outsider = clientFor(stack, await stack.token('dana'));
    const refused = await outsider.get(`plans/${avaId}`);
    const missing = await outsider.get('plans/00000000-0000-4000-8000-000000000000');
    const refusalTells = JSON.stringify(refused.body) !== JSON.stringify(missing.body);

    // The employee and the manager do reach it (reads), so the refusals above are about who, not what.
    const reached: { actor: string; route: string; status: number }[] = [];
    for (const actor of ['ava', 'morgan']) {
      const client = clientFor(stack, await stack.token(actor));
      for (const name of ['plan-get', 'conversations-list', 'conversation-get', 'plan-export']) {
        reached.push({ actor, route: name, status: (await client.call('GET', probes[name]!.path())).status });
      }
      // The invite's agenda, for the pair's own 1:1.
      const invite = probes['invite-agenda-post']!;
      const other = actor === 'ava' ? 'morgan@contoso.example' : 'ava@contoso.example';
      reached.push({
        actor,
        route: invite.route,
        status: (await client.call(invite.method, invite.path(), { body: { attendees: [other] } })).status,
      });
      // Listening for changes is allowed to whoever may read the conversation.
      const listen = probes['conversation-live-post']!;
      reached.push({ actor, route: listen.route, status: (await client.call(listen.method, listen.path())).status });
    }
    const unauthorised = probed.filter((outcome) => outcome.unauthorised);
    const shutOut = reached.filter((outcome) => outcome.status !== 200);
    console.log(
      `object access: ${probed.length + reached.length} checks, ${unauthorised.length} unauthorised ` +
        `(${probed.length} refusals tried on ${Object.keys(probes).length} routes, ${changedRows} rows changed, ` +
        `${trailRows} audit rows written; ` +
        `${reached.length - shutOut.length} of ${reached.length} reads by the employee and manager answered)`,
    );
    expect(unauthorised.map((outcome) => `${outcome.actor} ${outcome.route}: ${outcome.status}`)).toEqual([]);
    expect(changedRows).toBe(0);
    expect(trailRows).toBe(0);
    expect(refusalTells, `${JSON.stringify(refused.body)} vs ${JSON.stringify(missing.body)}`).toBe(false);
    expect(shutOut.map((outcome) => `${outcome.actor} ${outcome.route}: ${outcome.status}`)).toEqual([]);
    // Every actor probed every route: nothing was skipped on the way.
    expect(probed).toHaveLength(8 * Object.keys(probes).length);
  }, 120_000);
});
