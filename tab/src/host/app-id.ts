/**
 * The Teams app id in the manifest (TEAMS_APP_ID at build time). Teams knows an app uploaded to the
 * organisation's catalog by another id, which the host gives in the context; this one is the
 * fallback for hosts that do not.
 */
export const MANIFEST_APP_ID = import.meta.env.VITE_TEAMS_APP_ID ?? 'career-conversations-local';

/** The manifest's static tabs (their entityId): the pages the app can be navigated to. */
export type AppPage = 'myplan' | 'team';
export const APP_PAGES: readonly AppPage[] = ['myplan', 'team'];
