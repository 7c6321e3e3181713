/**
 * The id a tenant's Teams gives the app once an admin uploads it to the organisation's catalog: not
 * the manifest's id, so a deep link built from the manifest id leads nowhere there. The host
 * emulator knows the app by it (except as the oldest host, which gives no app id at all).
 */
export const ORG_CATALOG_APP_ID = '7a1d3c5e-2b4f-4a6c-8e0d-9f1b3d5e7a2c';

/**
 * The manifest id of a preview build (no TEAMS_APP_ID at build time; tab/src/host/app-id.ts). The
 * Graph stand-in's org catalog lists the app under it, as externalId, with ORG_CATALOG_APP_ID as its id.
 */
export const PREVIEW_MANIFEST_APP_ID = 'career-conversations-local';
