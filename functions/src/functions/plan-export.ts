import { ExportQuerySchema, GuidSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { pathParam, queryObject, validate } from '../http/request';
import { json } from '../http/response';
import { exportToMarkdown } from './export-markdown';
import { withWellFormedText } from './export-text';
import { authorisePlan, recordAudit } from './plan-access';
import { planExportView } from './views';

/**
 * GET /api/plans/{employeeId}/export?format=json|markdown — the whole plan the caller may see,
 * with the caller's own private notes and nobody else's.
 */
export const exportPlan: ApiHandler = async (request, context) => {
  const employeeId = pathParam(request, 'employeeId', GuidSchema);
  const { format } = validate(ExportQuerySchema, queryObject(request), 'query');
  const access = await authorisePlan(context, employeeId, 'exportPlan');
  const plan = await context.services.plans.readWholePlan(access.partitionKey, context.identity.userId);
  const body = withWellFormedText(planExportView(plan, access, context.services.now()));
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
