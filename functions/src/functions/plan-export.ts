import { ExportQuerySchema, type PlanExport } from '../contract';
import type { ApiHandler } from '../http/handler';
import { queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { exportToMarkdown } from './export-markdown';
import { openPlan, recordAudit } from './plan-access';
import { careerPlanView } from './plan-get';
import { actionView, conversationRecord } from './views';

/**
 * GET /api/plans/{employeeId}/export?format=json|markdown — the whole plan the caller may see,
 * with the caller's own private notes and nobody else's.
 */
export const exportPlan: ApiHandler = async (request, context) => {
  const access = await openPlan(context, request.params['employeeId'], 'exportPlan');
  const { format } = validate(ExportQuerySchema, queryObject(request), 'query');
  const plan = await context.services.plans.readWholePlan(access.partitionKey, context.identity.userId);
  const body: PlanExport = {
    exportedAt: context.services.now().toISOString(),
    role: access.role,
    employee: access.employee,
    careerPlan: careerPlanView(plan.careerPlan),
    conversations: plan.conversations.map((conversation) => {
      const note = plan.notes.find((entry) => entry.value.conversationId === conversation.value.id);
      return {
        conversation: conversationRecord(conversation),
        actions: plan.actions.filter((action) => action.value.conversationId === conversation.value.id).map(actionView),
        myNote: note ? { text: note.value.text, updatedAt: note.value.updatedAt, etag: note.etag } : null,
      };
    }),
  };
  await recordAudit(context, access, 'plan.export', format);
  const filename = `career-plan-${access.employee.displayName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  if (format === 'markdown') {
    return {
      status: 200,
      headers: {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${filename}.md"`,
      },
      body: exportToMarkdown(body),
    };
  }
  return json(200, body, { 'Content-Disposition': `attachment; filename="${filename}.json"` });
};
