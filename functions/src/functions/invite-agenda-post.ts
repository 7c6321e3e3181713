import { InviteAgendaRequestSchema, type InviteAgenda } from '../contract';
import {
  emptyCounters,
  inviteHeadingsOf,
  inviteKindOf,
  invitePairOf,
  invitePreparedOf,
  upcomingConversation,
} from '../domain';
import type { ApiHandler } from '../http/handler';
import { notFound } from '../http/problem';
import { readJsonBody } from '../http/request';
import { json } from '../http/response';
import { whoIsCalling } from './me-get';
import { authorisePlan } from './plan-access';
import { careerPlanView } from './views';

/**
 * POST /api/invites/agenda {attendees} — what the Outlook add-in puts into a 1:1 invite the caller organizes: the
 * pair (the caller and exactly one attendee who is their report or their manager, by the directory), the kind of
 * conversation to hold, both kinds' headings and prepared points, and the career plan for the employee alone.
 * Any other invite is the one 404 every refusal gets: it says nothing about who the attendees are.
 */
export const postInviteAgenda: ApiHandler = async (request, context) => {
  const body = await readJsonBody(request, InviteAgendaRequestSchema);
  const me = await whoIsCalling(context);
  const pair = invitePairOf(
    {
      id: me.user.id,
      email: me.user.email ?? null,
      manager: me.manager ? { id: me.manager.id, email: me.manager.email ?? null } : null,
      reports: me.directReports.map((report) => ({ id: report.id, email: report.email ?? null })),
    },
    body.attendees,
  );
  if (!pair) {
    context.invocation.warn('Invite agenda refused: not a 1:1 with a report or the manager');
    throw notFound();
  }
  // The plan's own rule as everywhere else: the employee and their current manager, nobody else.
  const access = await authorisePlan(context, pair.employeeId, 'readPlan');
  if (!access.manager) throw notFound();
  const plan = await context.services.plans.readPlanRows(access.partitionKey);
  const now = context.services.now();
  const next = upcomingConversation(plan.nextConversation?.value, now);
  const { kind, reason, job } = inviteKindOf(plan.summary?.value ?? emptyCounters(), next, now);
  const points = plan.prepared?.value ?? [];
  const answer: InviteAgenda = {
    role: access.role,
    employee: access.employee,
    manager: access.manager,
    suggested: { kind, reason },
    jobDevelopment: job,
    nextConversation: next,
    agendas: (['job', 'career'] as const).map((type) => ({
      kind: type,
      ...inviteHeadingsOf(type),
      prepared: invitePreparedOf(points, type),
    })),
    careerPlan: access.role === 'employee' ? careerPlanView(plan.careerPlan) : null,
  };
  return json(200, answer);
};
