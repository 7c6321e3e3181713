/**
 * The Teams app id in the manifest (TEAMS_APP_ID at build time). Teams knows an app uploaded to the
 * organisation's catalog by another id, which the host gives in the context; this one is the
 * fallback for hosts that do not.
 */
export const MANIFEST_APP_ID = import.meta.env.VITE_TEAMS_APP_ID ?? 'career-conversations-local';

/** The manifest's static tabs (their entityId): the pages the app can be navigated to. */
export type AppPage = 'myplan' | 'team';
export const APP_PAGES: readonly AppPage[] = ['myplan', 'team'];

/** The parts of My plan a link can land on: each has its heading there. */
export type PlanSection = 'plan' | 'prepare' | 'history' | 'reminders' | 'data';
export const PLAN_SECTIONS: readonly PlanSection[] = ['plan', 'prepare', 'history', 'reminders', 'data'];

/**
 * What a link to My plan carries as its subPageId (Teams' subEntityId): whose plan, and the part of it to land on —
 * "<employee id>" or "<employee id>/<section>". The activity feed's links name the employee alone.
 */
export function planSubPageId(employeeId: string, section?: PlanSection): string {
  return section ? `${employeeId}/${section}` : employeeId;
}

export function parsePlanSubPageId(subPageId: string | null): {
  employeeId: string | null;
  section: PlanSection | null;
} {
  if (!subPageId) return { employeeId: null, section: null };
  const [employeeId = '', section] = subPageId.split('/');
  const known = PLAN_SECTIONS.find((entry) => entry === section) ?? null;
  return { employeeId: employeeId || null, section: known };
}

/**
 * A Teams deep link to one of the app's pages (the one shape teams-host and the Outlook add-in both write), naming
 * the app by `appId`: the id the host gave, or the manifest's.
 */
export function appPageDeepLink(appId: string, pageId: AppPage, subPageId?: string): string {
  const context = subPageId ? `?context=${encodeURIComponent(JSON.stringify({ subEntityId: subPageId }))}` : '';
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${pageId}${context}`;
}
