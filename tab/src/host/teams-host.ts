import { app, authentication, pages } from '@microsoft/teams-js';

/** The only module that talks to teams-js: everything else sees these plain types. */
export type ThemeName = 'default' | 'dark' | 'contrast';

export interface HostContext {
  frameContext: string;
  hostName: string;
  clientType: string;
  locale: string;
  theme: ThemeName;
  /** Ids to find things with, never proof of identity: the API takes the user from the token. */
  meetingId: string | null;
  chatId: string | null;
  subPageId: string | null;
}

const INITIALIZE_TIMEOUT_MS = 8000;

function asTheme(value: string | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export class OutsideTeamsError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'OutsideTeamsError';
  }
}

/** Initialises teams-js and reads the context; rejects with OutsideTeamsError when no host answers. */
export async function connectToHost(): Promise<HostContext> {
  if (window.parent === window && !window.opener) {
    throw new OutsideTeamsError('This page is not inside Microsoft Teams.');
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OutsideTeamsError('No Teams host answered.'));
    }, INITIALIZE_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
  } catch (error) {
    throw error instanceof OutsideTeamsError
      ? error
      : new OutsideTeamsError(error instanceof Error ? error.message : 'Teams did not start the app.');
  } finally {
    clearTimeout(timer);
  }
  const context = await app.getContext();
  return {
    frameContext: context.page.frameContext,
    hostName: context.app.host.name,
    clientType: context.app.host.clientType,
    locale: context.app.locale,
    theme: asTheme(context.app.theme),
    meetingId: context.meeting?.id ?? null,
    chatId: context.chat?.id ?? null,
    subPageId: context.page.subPageId ?? null,
  };
}

/** Tells Teams the app has loaded, so it hides its loading indicator. */
export function reportLoaded(): void {
  // A host that does not track loading may refuse; the app runs all the same.
  app.notifySuccess().catch(() => undefined);
}

export function onThemeChange(handler: (theme: ThemeName) => void): void {
  app.registerOnThemeChangeHandler((theme) => {
    handler(asTheme(theme));
  });
}

// teams-js asks the host for every token; reuse one until shortly before it expires.
const TOKEN_RENEW_MARGIN_MS = 5 * 60 * 1000;
let cachedToken: { token: string; expiresAt: number } | null = null;

function expiryOf(token: string): number {
  try {
    const body = token.split('.')[1] ?? '';
    const payload = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/** The Teams SSO token for the API (only the API verifies it; here its expiry just decides when to ask again). */
export async function getApiToken(): Promise<string> {
  if (cachedToken && cachedToken.expiresAt - TOKEN_RENEW_MARGIN_MS > Date.now()) return cachedToken.token;
  const token = await authentication.getAuthToken();
  cachedToken = { token, expiresAt: expiryOf(token) };
  return token;
}

const APP_ID = import.meta.env.VITE_TEAMS_APP_ID ?? 'career-conversations-local';

/** The Teams deep link to an employee's plan history in the "My plan" personal tab. */
export function planHistoryLink(employeeId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: employeeId }));
  return `https://teams.microsoft.com/l/entity/${APP_ID}/myplan?context=${context}`;
}

/** Follows a deep link inside the host (Teams switches to the tab) rather than in a browser window. */
export async function openDeepLink(url: string): Promise<void> {
  await app.openLink(url);
}

/** On the configuration page: what Teams adds to the meeting when the person presses Save. */
export function registerMeetingTabConfig(): void {
  const origin = window.location.origin;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        entityId: 'career-conversations',
        contentUrl: `${origin}/index.html?view=sidepanel`,
        websiteUrl: `${origin}/index.html?view=myplan`,
        suggestedDisplayName: 'Career Conversations',
      })
      .then(() => {
        save.notifySuccess();
      })
      .catch((error: unknown) => {
        save.notifyFailure(error instanceof Error ? error.message : 'Could not save.');
      });
  });
  pages.config.setValidityState(true);
}
