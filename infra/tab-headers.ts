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

export interface HeaderOptions {
  /** Where the API lives when it is not the tab's own origin. */
  apiOrigin?: string | undefined;
  /** The local preview frames the tab from its own origin. */
  allowSameOriginFraming?: boolean;
}

export function contentSecurityPolicy(options: HeaderOptions = {}): string {
  const ancestors = [...(options.allowSameOriginFraming ? ["'self'"] : []), ...FRAME_ANCESTORS];
  const connect = ["'self'", ...(options.apiOrigin ? [options.apiOrigin] : []), TEAMS_JS_CDN];
  return [
    "default-src 'self'",
    "script-src 'self'",
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
