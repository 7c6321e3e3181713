import { ClientFailureReportSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { readJsonBody } from '../http/request';

/**
 * POST /api/client-failures — the tab reports a page that failed to draw (its error boundary caught it). One log line
 * for telemetry: the surface, the kind of error and the components it happened in. No content, no storage.
 */
export const reportClientFailure: ApiHandler = async (request, context) => {
  const report = await readJsonBody(request, ClientFailureReportSchema);
  context.invocation.warn(
    `Tab failure: surface=${report.surface} error=${report.errorName} in=${report.components.join('<') || 'unknown'}`,
  );
  return { status: 204, headers: { 'Cache-Control': 'no-store' } };
};
