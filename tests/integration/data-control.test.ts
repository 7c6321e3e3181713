import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrailSchema,
  ConversationViewSchema,
  ExportSchema,
  HistoryPageSchema,
  MeetingResolutionSchema,
  PlanViewSchema,
  TeamOverviewSchema,
} from '../../functions/src/contract';
import { routes } from '../../functions/src/routes';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { agreeByBoth } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let morgan: Client;
let avaId: string;
let base: string;
const meetingId = 'MCMxOTptZWV0aW5nX2RhdGE=/data+control';
const AVA_NOTE = 'Thinking about a move to product *management*';
const MORGAN_NOTE = 'Ava seemed stretched this quarter';

beforeAll(async () => {
  stack = await startTestStack();
  ava = clientFor(stack, await stack.token('ava'));
  morgan = clientFor(stack, await stack.token('morgan'));
  avaId = stack.person('ava').id;
  await ava.put(`plans/${avaId}/career-plan`, {
    aspiration: 'explore',
    focusAreas: ['Product discovery'],
    careerScenario: 'Product manager [platform]',
  });
  const view = expectBody(
    await ava.post(`plans/${avaId}/conversations`, { type: 'career', meetingId, chatId: 'chat-data' }),
    201,
    ConversationViewSchema,
  );
  base = `plans/${avaId}/conversations/${view.conversation.id}`;
  await ava.post(`${base}/agenda`, { text: 'What a product role would need' });
  await ava.post(`${base}/actions`, { title: 'Shadow two customer interviews', owner: 'employee' });
  await ava.post(`${base}/actions`, { title: 'Write up what I learned', owner: 'employee' });
  await morgan.post(`${base}/actions`, { title: 'Introduce Ava to Dana', owner: 'manager' });
  await ava.put(`${base}/note`, { text: AVA_NOTE });
  await morgan.put(`${base}/note`, { text: MORGAN_NOTE });
  expect((await agreeByBoth(stack, base, 'ava')).conversation.status).toBe('agreed');
});
afterAll(() => stack.close());

describe('export', () => {
  it('gives the employee the whole plan as JSON, with their own private notes and not the manager’s', async () => {
    const response = await ava.get(`plans/${avaId}/export`);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="career-plan-ava-patel\.json"/);
    const plan = expectBody(response, 200, ExportSchema);
    expect(plan.careerPlan).toMatchObject({ aspiration: 'explore', focusAreas: ['Product discovery'] });
    expect(plan.conversations).toHaveLength(1);
    expect(plan.conversations[0]!.actions.map((action) => action.title).sort()).toEqual([
      'Introduce Ava to Dana',
      'Shadow two customer interviews',
      'Write up what I learned',
    ]);
    expect(plan.conversations[0]!.myNote?.text).toBe(AVA_NOTE);
    expect(JSON.stringify(plan)).not.toContain(MORGAN_NOTE);
  });

  it('gives the manager what they may see, without the employee’s private notes', async () => {
    const plan = expectBody(await morgan.get(`plans/${avaId}/export`), 200, ExportSchema);
    expect(plan.role).toBe('manager');
    expect(JSON.stringify(plan)).not.toContain(AVA_NOTE);
    expect(plan.conversations[0]!.myNote?.text).toBe(MORGAN_NOTE);
  });

  it('writes a readable Markdown document, showing what people wrote as written', async () => {
    const response = await ava.get(`plans/${avaId}/export?format=markdown`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = String(response.body);
    expect(markdown).toMatch(/^# Development plan of Ava Patel/);
    expect(markdown).toContain('## Career development, ');
    expect(markdown).toContain('- Career scenario: Product manager \\[platform\\]');
    expect(markdown).toContain('- Shadow two customer interviews (owner: employee, open)');
    expect(markdown).toContain('> Thinking about a move to product \\*management\\*');
    expect(markdown).not.toContain(MORGAN_NOTE);
  });

  it('is refused to everyone else, as if the plan did not exist', async () => {
    for (const name of ['dana', 'ben', 'sam'])
      expectProblem(await clientFor(stack, await stack.token(name)).get(`plans/${avaId}/export`), 404);
  });
});

describe('the audit trail', () => {
  it('records who changed the plan and what kind of change, never the content, and shows it to the employee', async () => {
    // Someone without access is refused without a trace in the plan (only the service's log has it), so that no
    // stranger can fill the trail; the manager's refused employee-only request is recorded for the employee to see.
    expectProblem(await clientFor(stack, await stack.token('dana')).get(`plans/${avaId}`), 404);
    expectProblem(
      await morgan.put(`plans/${avaId}/career-plan`, { aspiration: 'moveUp', focusAreas: [], careerScenario: null }),
      403,
    );
    const trail = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    const actions = trail.entries.map((entry) => `${entry.actorName}:${entry.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'Ava Patel:careerPlan.write',
        'Ava Patel:conversation.start',
        'Morgan Lee:action.add',
        'Morgan Lee:note.write',
        'Ava Patel:conversation.confirm',
        'Morgan Lee:conversation.agree',
        'Ava Patel:plan.export',
        'Morgan Lee:plan.export',
        'Morgan Lee:access.refused',
      ]),
    );
    expect(trail.entries.filter((entry) => entry.actorRole === 'none')).toEqual([]);
    expect(trail.entries.find((entry) => entry.action === 'access.refused')).toMatchObject({
      actorRole: 'manager',
      target: 'writeCareerPlan',
    });
    const times = trail.entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    const text = JSON.stringify(trail);
    for (const content of [
      AVA_NOTE,
      MORGAN_NOTE,
      'Shadow two customer interviews',
      'Product discovery',
      'What a product role',
    ])
      expect(text).not.toContain(content);
  });

  it('is the employee’s alone to read, and no route can write or change it', async () => {
    expectProblem(await morgan.get(`plans/${avaId}/audit`), 403);
    expect(routes.filter((route) => route.route.endsWith('/audit')).map((route) => route.methods)).toEqual([['GET']]);
  });
});

describe('idempotent creates', () => {
  it('makes one record of a retried create, whatever the retry carries', async () => {
    const ben = clientFor(stack, await stack.token('ben'));
    const benId = stack.person('ben').id;
    const headers = { 'idempotency-key': 'start-0123456789' };
    const first = expectBody(
      await ben.post(`plans/${benId}/conversations`, { type: 'job' }, { headers }),
      201,
      ConversationViewSchema,
    );
    const again = expectBody(
      await ben.post(`plans/${benId}/conversations`, { type: 'job' }, { headers }),
      200,
      ConversationViewSchema,
    );
    expect(again.conversation.id).toBe(first.conversation.id);
    const path = `plans/${benId}/conversations/${first.conversation.id}`;
    const action = { title: 'Pair with Ava on reviews', owner: 'employee', learningKind: 'fromOthers' };
    const added = await ben.post(`${path}/actions`, action, {
      headers: { 'idempotency-key': 'action-0123456789' },
      ifMatch: first.conversation.etag,
    });
    // The retry still carries the old If-Match; it is recognised, not refused.
    const retried = await ben.post(`${path}/actions`, action, {
      headers: { 'idempotency-key': 'action-0123456789' },
      ifMatch: first.conversation.etag,
    });
    expect([added.status, retried.status]).toEqual([201, 200]);
    const point = { text: 'Conference budget' };
    expect(
      (await ben.post(`${path}/agenda`, point, { headers: { 'idempotency-key': 'point-0123456789' } })).status,
    ).toBe(201);
    expect(
      (await ben.post(`${path}/agenda`, point, { headers: { 'idempotency-key': 'point-0123456789' } })).status,
    ).toBe(200);
    const view = expectBody(await ben.get(path), 200, ConversationViewSchema);
    expect(view.actions).toHaveLength(1);
    expect(view.conversation.agenda.filter((item) => item.source === 'talkingPoint')).toHaveLength(1);
    expectProblem(await ben.post(`${path}/agenda`, point, { headers: { 'idempotency-key': 'bad key!' } }), 400);
  });
});

describe('deletion', () => {
  it('lets only the employee delete; afterwards no read or export returns anything of the plan, and its meeting links are gone', async () => {
    expectProblem(await morgan.call('DELETE', `plans/${avaId}`), 403);
    expect((await ava.call('DELETE', `plans/${avaId}`)).status).toBe(204);
    const rows = await stack.snapshot();
    // Nothing of the plan is left but fresh counters: the plan starts over, now.
    expect(
      rows.filter((row) => row.startsWith(`${stack.person('ava').tenantId}_${avaId}`)).map((row) => row.split('|')[1]),
    ).toEqual(['summary']);
    expect(rows.filter((row) => row.includes('_m_') || row.includes('_t_'))).toEqual([]);
    const plan = expectBody(await ava.get(`plans/${avaId}`), 200, PlanViewSchema);
    expect(plan.careerPlan).toMatchObject({ aspiration: null, focusAreas: [], careerScenario: null });
    expect(plan.summary).toMatchObject({
      conversations: 0,
      lastAgreed: { job: null, career: null },
      drafts: { job: null, career: null },
      openActions: { employee: 0, manager: 0 },
    });
    expect(Date.now() - Date.parse(plan.summary.startedAt ?? '')).toBeLessThan(60_000);
    expect(plan.nextConversation).toEqual({ date: null, type: null, updatedBy: null, updatedAt: null, etag: null });
    // So My team does not call the plan that just started over "never · overdue".
    const team = expectBody(await morgan.get('team'), 200, TeamOverviewSchema);
    expect(team.members.find((member) => member.person.id === avaId)).toMatchObject({
      lastJobConversationAt: null,
      jobDevelopmentOverdue: false,
      jobDevelopmentOverdueDays: null,
    });
    expect(expectBody(await morgan.get(`plans/${avaId}/conversations`), 200, HistoryPageSchema).items).toEqual([]);
    expect(expectBody(await ava.get(`plans/${avaId}/export`), 200, ExportSchema).conversations).toEqual([]);
    expectProblem(await ava.get(base), 404);
    expect(
      expectBody(
        await ava.get(`meetings/resolve?meetingId=${encodeURIComponent(meetingId)}&chatId=chat-data`),
        200,
        MeetingResolutionSchema,
      ),
    ).toEqual({ status: 'unlinked' });
    const trail = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    expect(trail.entries.find((entry) => entry.action === 'plan.delete')).toMatchObject({
      actorName: 'Ava Patel',
      actorRole: 'employee',
    });
  });
});
