import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConversationViewSchema,
  HistoryPageSchema,
  MeetingResolutionSchema,
  ProblemSchema,
  TeamOverviewSchema,
} from '../../functions/src/contract';
import { clientFor, expectBody, type ApiResponse, type Client, type CallOptions } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let avaId: string;
let conversationId: string;
let actionEtag: string;
let conversationEtag: string;
let revision: number;
const meetingId = 'MCMxOTptZWV0aW5nX2F2YQ==/ava+morgan';

interface Probe {
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: () => string;
  options: () => CallOptions;
  /** Writes that only the employee may make. */
  employeeOnly?: boolean;
}

/** One probe per plan route: every route is checked, not only the ones that look risky. */
const probes: Probe[] = [
  { route: 'plan-get', method: 'GET', path: () => `plans/${avaId}`, options: () => ({}) },
  {
    route: 'career-plan-put',
    method: 'PUT',
    path: () => `plans/${avaId}/career-plan`,
    options: () => ({ body: { aspiration: 'explore', focusAreas: [], careerScenario: null } }),
    employeeOnly: true,
  },
  { route: 'conversations-list', method: 'GET', path: () => `plans/${avaId}/conversations`, options: () => ({}) },
  {
    route: 'conversations-post',
    method: 'POST',
    path: () => `plans/${avaId}/conversations`,
    options: () => ({ body: { type: 'career' } }),
  },
  {
    route: 'conversation-get',
    method: 'GET',
    path: () => `plans/${avaId}/conversations/${conversationId}`,
    options: () => ({}),
  },
  {
    route: 'agenda-post',
    method: 'POST',
    path: () => `plans/${avaId}/conversations/${conversationId}/agenda`,
    options: () => ({ body: { text: 'Intruding point' } }),
  },
  {
    route: 'agenda-item-patch',
    method: 'PATCH',
    path: () => `plans/${avaId}/conversations/${conversationId}/agenda/goals.learn`,
    options: () => ({ body: { discussed: true }, ifMatch: conversationEtag }),
  },
  {
    route: 'actions-post',
    method: 'POST',
    path: () => `plans/${avaId}/conversations/${conversationId}/actions`,
    options: () => ({ body: { title: 'Intruding action', owner: 'employee', learningKind: 'formal' } }),
  },
  {
    route: 'action-patch',
    method: 'PATCH',
    path: () => `plans/${avaId}/conversations/${conversationId}/actions/a1`,
    options: () => ({ body: { status: 'dropped' }, ifMatch: actionEtag }),
  },
  {
    route: 'action-delete',
    method: 'DELETE',
    path: () => `plans/${avaId}/conversations/${conversationId}/actions/a1`,
    options: () => ({}),
  },
  {
    route: 'conversation-agree',
    method: 'POST',
    path: () => `plans/${avaId}/conversations/${conversationId}/agree`,
    options: () => ({ body: { revision } }),
  },
  {
    route: 'conversation-agree-delete',
    method: 'DELETE',
    path: () => `plans/${avaId}/conversations/${conversationId}/agree`,
    options: () => ({}),
  },
  {
    route: 'note-put',
    method: 'PUT',
    path: () => `plans/${avaId}/conversations/${conversationId}/note`,
    options: () => ({ body: { text: 'Intruding note' } }),
  },
  {
    route: 'conversation-live-post',
    method: 'POST',
    path: () => `plans/${avaId}/conversations/${conversationId}/live`,
    options: () => ({}),
  },
  {
    route: 'meetings-link',
    method: 'PUT',
    path: () => 'meetings/link',
    options: () => ({ body: { meetingId: 'another-meeting', employeeId: avaId, conversationId } }),
  },
];

const OUTSIDERS = ['dana', 'ben', 'sam', 'eli', 'fabrikam-ava', 'fabrikam-manager'] as const;

beforeAll(async () => {
  stack = await startTestStack();
  avaId = stack.person('ava').id;
  const ava = clientFor(stack, await stack.token('ava'));
  const morgan = clientFor(stack, await stack.token('morgan'));
  const view = expectBody(
    await ava.post(`plans/${avaId}/conversations`, { type: 'job', meetingId }),
    201,
    ConversationViewSchema,
  );
  conversationId = view.conversation.id;
  const added = await ava.post(`plans/${avaId}/conversations/${conversationId}/actions`, {
    title: 'Lead the design review',
    owner: 'employee',
    learningKind: 'onTheJob',
  });
  actionEtag = (added.body as { action: { etag: string } }).action.etag;
  conversationEtag = (added.body as { conversationEtag: string }).conversationEtag;
  // Ava has confirmed this revision: an outsider's DELETE …/agree would have something to take back.
  revision = expectBody(
    await ava.post(`plans/${avaId}/conversations/${conversationId}/agree`, {
      revision: expectBody(await ava.get(`plans/${avaId}/conversations/${conversationId}`), 200, ConversationViewSchema)
        .conversation.revision,
    }),
    200,
    ConversationViewSchema,
  ).conversation.revision;
  await ava.put(`plans/${avaId}/conversations/${conversationId}/note`, { text: 'Private to Ava' });
  await morgan.put(`plans/${avaId}/conversations/${conversationId}/note`, { text: 'Private to Morgan' });
});
afterAll(() => stack.close());

async function probe(client: Client, entry: Probe): Promise<ApiResponse> {
  const options = entry.options();
  return client.call(entry.method, entry.path(), options);
}

function expectHidden(response: ApiResponse, label: string): void {
  expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(404);
  // The same answer as for a plan that does not exist: nothing to tell the two apart.
  expect(ProblemSchema.parse(response.body)).toMatchObject({ status: 404, title: 'Not found' });
}

describe('who can reach a plan', () => {
  it('hides the plan from everyone but the employee and their manager, on every route, and writes nothing', async () => {
    const before = await stack.snapshot();
    let checks = 0;
    for (const outsider of OUTSIDERS) {
      const client = clientFor(stack, await stack.token(outsider));
      for (const entry of probes) {
        const response = await probe(client, entry);
        checks += 1;
        if (
          outsider.startsWith('fabrikam') &&
          ['plan-get', 'career-plan-put', 'conversations-list', 'conversations-post'].includes(entry.route)
        ) {
          // Same object id in another tenant: the URL leads to Fabrikam Ava's own plan, never to Contoso's.
          expect(response.status, `${outsider} ${entry.route}`).not.toBe(404);
          if (entry.route === 'conversations-list') {
            const managers = HistoryPageSchema.parse(response.body).items.map((item) => item.conversation.managerId);
            expect(managers.every((id) => id === stack.person('fabrikam-manager').id)).toBe(true);
          }
          continue;
        }
        expectHidden(response, `${outsider} ${entry.route}`);
      }
      const resolved = expectBody(
        await client.get(`meetings/resolve?meetingId=${encodeURIComponent(meetingId)}`),
        200,
        MeetingResolutionSchema,
      );
      expect(resolved, outsider).toEqual({ status: 'unlinked' });
    }
    expect(checks).toBe(OUTSIDERS.length * probes.length);
    const after = await stack.snapshot();
    // Only Fabrikam Ava's own plan may have appeared, in her own tenant's partition.
    const added = after.filter((row) => !before.includes(row));
    expect(added.every((row) => row.startsWith(stack.person('fabrikam-ava').tenantId))).toBe(true);
    expect(before.filter((row) => !after.includes(row))).toEqual([]);
  });

  it('lets the employee and the manager reach every route, with the career plan written by the employee alone', async () => {
    for (const name of ['ava', 'morgan'] as const) {
      const client = clientFor(stack, await stack.token(name));
      for (const entry of probes.filter(
        (candidate) => candidate.route.endsWith('-get') || candidate.route === 'conversations-list',
      )) {
        const response = await probe(client, entry);
        expect(response.status, `${name} ${entry.route}`).toBe(200);
      }
    }
    const morgan = clientFor(stack, await stack.token('morgan'));
    const careerPlan = probes.find((entry) => entry.employeeOnly)!;
    expect((await probe(morgan, careerPlan)).status).toBe(403);
    expect((await probe(clientFor(stack, await stack.token('ava')), careerPlan)).status).toBe(200);
  });

  it('shows each person only their own private note', async () => {
    const path = `plans/${avaId}/conversations/${conversationId}`;
    const avaView = expectBody(await clientFor(stack, await stack.token('ava')).get(path), 200, ConversationViewSchema);
    const morganView = expectBody(
      await clientFor(stack, await stack.token('morgan')).get(path),
      200,
      ConversationViewSchema,
    );
    expect(avaView.myNote?.text).toBe('Private to Ava');
    expect(morganView.myNote?.text).toBe('Private to Morgan');
  });

  it('lists only the caller’s own direct reports in the team overview', async () => {
    const dana = expectBody(await clientFor(stack, await stack.token('dana')).get('team'), 200, TeamOverviewSchema);
    expect(dana.members.map((member) => member.person.displayName)).toEqual(['Eli Novak']);
    const ava = expectBody(await clientFor(stack, await stack.token('ava')).get('team'), 200, TeamOverviewSchema);
    expect(ava.members).toEqual([]);
  });

  it('lets another pair use the same meeting without blocking or seeing this pair’s link, and the link stays theirs', async () => {
    const before = await stack.snapshot();
    const dana = clientFor(stack, await stack.token('dana'));
    const eli = clientFor(stack, await stack.token('eli'));
    const eliId = stack.person('eli').id;
    const resolve = async (client: Client) =>
      expectBody(
        await client.get(`meetings/resolve?meetingId=${encodeURIComponent(meetingId)}`),
        200,
        MeetingResolutionSchema,
      );
    const eliTalk = expectBody(
      await dana.post(`plans/${eliId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    // Another pair links the meeting to their own conversation: their own row, nothing of Ava's touched.
    const linked = expectBody(
      await dana.put('meetings/link', { meetingId, employeeId: eliId, conversationId: eliTalk.conversation.id }),
      200,
      MeetingResolutionSchema,
    );
    expect(linked).toMatchObject({ status: 'linked', employeeId: eliId, conversationId: eliTalk.conversation.id });
    const viaStart = expectBody(
      await eli.post(`plans/${eliId}/conversations`, { type: 'career', meetingId }),
      201,
      ConversationViewSchema,
    );
    // Each pair resolves the meeting to its own conversation, and only to it.
    for (const client of [clientFor(stack, await stack.token('ava')), clientFor(stack, await stack.token('morgan'))])
      expect(await resolve(client)).toEqual({
        status: 'linked',
        employeeId: avaId,
        managerId: stack.person('morgan').id,
        conversationId,
        conversationType: 'job',
      });
    for (const client of [eli, dana])
      expect(await resolve(client)).toMatchObject({
        status: 'linked',
        employeeId: eliId,
        conversationId: viaStart.conversation.id,
      });
    // What changed is Eli's plan and Eli's own row in the meeting; every row of Ava's pair is as it was.
    const after = await stack.snapshot();
    const eliPartition = `${stack.person('eli').tenantId}_${eliId}`;
    expect(before.filter((row) => !after.includes(row) && !row.startsWith(eliPartition))).toEqual([]);
    const added = after.filter((row) => !before.includes(row));
    expect(added.every((row) => row.startsWith(eliPartition) || row.split('|')[1] === eliId)).toBe(true);
    expect(added.filter((row) => row.split('|')[1] === eliId)).toHaveLength(1);
  });

  it('takes access away from a former manager as soon as the reporting line changes', async () => {
    stack.setManager('ava', 'dana');
    try {
      const morgan = clientFor(stack, await stack.token('morgan'));
      for (const entry of probes) expectHidden(await probe(morgan, entry), `former manager ${entry.route}`);
      expect(
        expectBody(
          await morgan.get(`meetings/resolve?meetingId=${encodeURIComponent(meetingId)}`),
          200,
          MeetingResolutionSchema,
        ).status,
      ).toBe('unlinked');
      const dana = clientFor(stack, await stack.token('dana'));
      const view = expectBody(
        await dana.get(`plans/${avaId}/conversations/${conversationId}`),
        200,
        ConversationViewSchema,
      );
      expect(view.role).toBe('manager');
      // The new manager does not inherit the former manager's private note.
      expect(view.myNote).toBeNull();
    } finally {
      stack.setManager('ava', 'morgan');
    }
  });
});
