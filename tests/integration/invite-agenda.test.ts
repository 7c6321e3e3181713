import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteAgendaSchema, ProblemSchema } from '../../functions/src/contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS } from '../../functions/src/domain';
import { clientFor, expectBody, expectProblem } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * POST invites/agenda: the Outlook add-in's agenda for a 1:1 invite. The pair comes from the directory — the
 * caller plus exactly one attendee (by mail address) who is their report or their manager — and every other
 * invite gets the same 404 as a plan nobody may see, whatever its attendees are.
 */

let stack: TestStack;
const mail = (name: string) => `${name}@contoso.example`;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.close();
});

async function agendaFor(name: string, attendees: string[]) {
  const client = clientFor(stack, await stack.token(name));
  return client.post('invites/agenda', { attendees });
}

describe('the agenda for a 1:1 invite', () => {
  it('resolves the organizer’s report, with the kind to hold and both kinds’ headings and prepared points', async () => {
    const ava = clientFor(stack, await stack.token('ava'));
    const morgan = clientFor(stack, await stack.token('morgan'));
    const avaId = stack.person('ava').id;
    expect(
      (await ava.post(`plans/${avaId}/prepared`, { text: 'A course on <b>testing</b>', type: 'job' })).status,
    ).toBe(201);
    expect((await morgan.post(`plans/${avaId}/prepared`, { text: 'Your next step', type: 'career' })).status).toBe(201);
    expect((await ava.post(`plans/${avaId}/prepared`, { text: 'Either kind', type: null })).status).toBe(201);
    expect(
      (
        await ava.put(`plans/${avaId}/career-plan`, {
          aspiration: 'explore',
          focusAreas: ['Testing'],
          careerScenario: null,
        })
      ).status,
    ).toBe(200);

    // Morgan organizes; Ava's address as Outlook may give it (another case, spaces), and Morgan's own listed too.
    const asManager = expectBody(
      await agendaFor('morgan', [' AVA@Contoso.example ', mail('morgan')]),
      200,
      InviteAgendaSchema,
    );
    expect(asManager.role).toBe('manager');
    expect(asManager.employee.id).toBe(avaId);
    expect(asManager.manager.id).toBe(stack.person('morgan').id);
    // Saving the career plan started Ava's plan today: job development is the regular talk, not overdue yet.
    expect(asManager.suggested).toEqual({ kind: 'job', reason: 'cadence' });
    expect(asManager.jobDevelopment).toEqual({ overdue: false, overdueDays: null });
    const job = asManager.agendas.find((agenda) => agenda.kind === 'job');
    const career = asManager.agendas.find((agenda) => agenda.kind === 'career');
    expect(job?.prepared.map((point) => point.text)).toEqual(['A course on <b>testing</b>', 'Either kind']);
    expect(career?.prepared.map((point) => point.text)).toEqual(['Your next step', 'Either kind']);
    expect(career?.headings).toContain('Where you want to go');
    expect(job?.headings.length).toBeGreaterThan(2);
    // Never the review of last time or an empty talking-points heading.
    expect(job?.headings).not.toContain('Actions from last time');
    // The manager never receives the career plan here: only the employee can put it into an invite.
    expect(asManager.careerPlan).toBeNull();

    // Ava organizes with her own manager: her own plan, her career plan to choose from.
    const asEmployee = expectBody(await agendaFor('ava', [mail('morgan')]), 200, InviteAgendaSchema);
    expect(asEmployee.role).toBe('employee');
    expect(asEmployee.employee.id).toBe(avaId);
    expect(asEmployee.careerPlan).toMatchObject({ aspiration: 'explore', focusAreas: ['Testing'] });
  });

  it('suggests the kind set for the next conversation, and job development with the days overdue', async () => {
    const morgan = clientFor(stack, await stack.token('morgan'));
    const benId = stack.person('ben').id;
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await morgan.put(`plans/${benId}/next-conversation`, { date: inAWeek, type: 'career' })).status).toBe(200);
    const scheduled = expectBody(await agendaFor('morgan', [mail('ben')]), 200, InviteAgendaSchema);
    expect(scheduled.suggested).toEqual({ kind: 'career', reason: 'scheduled' });
    expect(scheduled.nextConversation).toEqual({ date: inAWeek, type: 'career' });

    // Morgan's own plan, started long ago: the clock moves past the cadence.
    const started = new Date(Date.now() - (JOB_DEVELOPMENT_CADENCE_DAYS + 12) * 86_400_000).toISOString();
    const realNow = stack.services.now;
    stack.services.now = () => new Date(Date.parse(started));
    try {
      // Sam's team overview starts Morgan's plan "then".
      expect((await clientFor(stack, await stack.token('sam')).get('team')).status).toBe(200);
    } finally {
      stack.services.now = realNow;
    }
    const overdue = expectBody(await agendaFor('morgan', [mail('sam')]), 200, InviteAgendaSchema);
    // Chloe's plan started today (the same overview of Morgan's team): the regular talk, not overdue.
    expect((await clientFor(stack, await stack.token('morgan')).get('team')).status).toBe(200);
    const fresh = expectBody(await agendaFor('morgan', [mail('chloe')]), 200, InviteAgendaSchema);
    expect(fresh.suggested).toEqual({ kind: 'job', reason: 'cadence' });
    expect(fresh.jobDevelopment).toEqual({ overdue: false, overdueDays: null });
    expect(overdue.role).toBe('employee');
    expect(overdue.suggested).toEqual({ kind: 'job', reason: 'overdue' });
    expect(overdue.jobDevelopment).toEqual({ overdue: true, overdueDays: 12 });
  });

  it('answers every other invite with the one 404, telling nothing about its attendees', async () => {
    const refusals = await Promise.all([
      // A stranger (a colleague in another team), a report with a stranger, two reports, nobody, only oneself.
      agendaFor('morgan', [mail('dana')]),
      agendaFor('morgan', [mail('ava'), mail('dana')]),
      agendaFor('morgan', [mail('ava'), mail('ben')]),
      agendaFor('morgan', []),
      agendaFor('morgan', [mail('morgan')]),
      // An address nobody has, and a peer asking about a peer: the same.
      agendaFor('morgan', ['nobody@contoso.example']),
      agendaFor('ava', [mail('ben')]),
      // A skip-level manager with someone two levels down.
      agendaFor('sam', [mail('ava')]),
      // The admin, who has no mail address, with anyone.
      agendaFor('admin', [mail('ava')]),
    ]);
    const bodies = new Set<string>();
    for (const response of refusals) {
      expectProblem(response, 404);
      const { title, detail, status } = ProblemSchema.parse(response.body);
      bodies.add(JSON.stringify({ title, detail, status }));
    }
    expect(bodies.size).toBe(1);
  });

  it('refuses a malformed body before looking anyone up', async () => {
    const client = clientFor(stack, await stack.token('morgan'));
    expectProblem(await client.post('invites/agenda', { attendees: ['not an address'] }), 400);
    expectProblem(
      await client.post('invites/agenda', { attendees: Array.from({ length: 51 }, () => mail('ava')) }),
      400,
    );
    expectProblem(await client.post('invites/agenda', { attendees: [mail('ava')], employeeId: 'x' }), 400);
    expect((await clientFor(stack, null).post('invites/agenda', { attendees: [mail('ava')] })).status).toBe(401);
  });
});
