/**
 * The HTTP headers the tab's pages are served with, in production (staticwebapp.config.json) and
 * in the local preview. Teams, Outlook and the Microsoft 365 app frame the tab; Microsoft documents
 * these hosts for frame-ancestors (Teams platform docs, "Tab requirements").
 */
export const FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/** teams-js fetches its valid-domains list from here on load. */
const TEAMS_JS_CDN = 'https://res.cdn.office.net';

/**
 * The Outlook add-in's page (addin.html) loads Office.js from Microsoft's CDN, which loads the rest of itself from
 * the same host. Outlook on the web and the new Outlook frame it from the Outlook hosts in FRAME_ANCESTORS.
 */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

export interface HeaderOptions {
  /** Where the API lives when it is not the tab's own origin. */
  apiOrigin?: string | undefined;
  /**
   * Where live updates' WebSocket connects: `wss://<the Web PubSub host>` in production, the local
   * stand-in's `ws://127.0.0.1:<port>` in the preview.
   */
  liveOrigin?: string | undefined;
  /** The local preview frames the tab from its own origin. */
  allowSameOriginFraming?: boolean;
}

/** A WebSocket origin the tab may connect to: wss to a host, or plain ws to this machine only. */
const LIVE_ORIGIN = /^(wss:\/\/[a-z0-9.-]+|ws:\/\/(127\.0\.0\.1|localhost):\d{1,5})$/;

export function contentSecurityPolicy(options: HeaderOptions = {}): string {
  const ancestors = [...(options.allowSameOriginFraming ? ["'self'"] : []), ...FRAME_ANCESTORS];
  if (options.liveOrigin && !LIVE_ORIGIN.test(options.liveOrigin)) {
    throw new Error(
      `The live updates origin must be wss://<host> (or ws://127.0.0.1:<port> locally), not "${options.liveOrigin}".`,
    );
  }
  const connect = [
    "'self'",
    ...(options.apiOrigin ? [options.apiOrigin] : []),
    ...(options.liveOrigin ? [options.liveOrigin] : []),
    TEAMS_JS_CDN,
  ];
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_JS_ORIGIN}`,
    // Fluent UI (Griffel) inserts its style rules at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    `frame-ancestors ${ancestors.join(' ')}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function tabHeaders(options: HeaderOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}
