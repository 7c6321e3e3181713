import { AppId, app, authentication, pages } from '@microsoft/teams-js';
import { APP_PAGES, MANIFEST_APP_ID, appPageDeepLink, planSubPageId, type AppPage, type PlanSection } from './app-id';

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
  /** The id the host knows this app by (in the org catalog it is not the manifest's), when it says. */
  appId: string | null;
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

/**
 * How teams-js can reach a host from this window: the parent frame (Teams on the web and desktop,
 * Outlook, the Microsoft 365 app), the window that opened this one, or — in Teams, Outlook and the
 * Microsoft 365 app on phones and tablets, where the tab is the top window of a web view — the
 * native bridge the app injects as window.nativeInterface.
 */
export function hostBridge(win: Window = window): 'frame' | 'opener' | 'native' | null {
  if (win.parent !== win) return 'frame';
  if (win.opener) return 'opener';
  if ((win as Window & { nativeInterface?: unknown }).nativeInterface) return 'native';
  return null;
}

/** The id the host knows this app by, once the context said it. */
let hostAppId: string | null = null;

let connection: Promise<HostContext> | null = null;

/**
 * Initialises teams-js and reads the context, once per page: the entry starts it before React renders,
 * and the app picks up the same handshake. Rejects with OutsideTeamsError when no host answers.
 */
export function connectToHost(): Promise<HostContext> {
  connection ??= handshake();
  return connection;
}

async function handshake(): Promise<HostContext> {
  if (!hostBridge()) {
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
  hostAppId = context.app.appId?.toString() ?? null;
  return {
    frameContext: context.page.frameContext,
    hostName: context.app.host.name,
    clientType: context.app.host.clientType,
    locale: context.app.locale,
    theme: asTheme(context.app.theme),
    meetingId: context.meeting?.id ?? null,
    chatId: context.chat?.id ?? null,
    subPageId: context.page.subPageId ?? null,
    appId: hostAppId,
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
// Callers that start together (the panel's first requests) share one request to the host.
let tokenInFlight: Promise<string> | null = null;

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
  tokenInFlight ??= authentication
    .getAuthToken()
    .then((token) => {
      cachedToken = { token, expiresAt: expiryOf(token) };
      return token;
    })
    .finally(() => {
      tokenInFlight = null;
    });
  return tokenInFlight;
}

/**
 * The address of one of the app's pages, as a Teams deep link: what the link shows, and how a host
 * without in-app navigation gets there. It names the app by the id the host gave (the org catalog's)
 * and by the manifest's only when the host gave none.
 */
export function appPageLink(pageId: AppPage, subPageId?: string): string {
  return appPageDeepLink(hostAppId ?? MANIFEST_APP_ID, pageId, subPageId);
}

/** The link to an employee's plan in the "My plan" personal tab, landing on one part of it (the history). */
export function planHistoryLink(employeeId: string, section?: PlanSection): string {
  return appPageLink('myplan', planSubPageId(employeeId, section));
}

/**
 * Opens one of the app's own pages in the host the person is in — Teams, Outlook or the Microsoft
 * 365 app, on any device: by in-app navigation where the host offers it (pages.currentApp, which
 * needs no app id), else by navigating to the app under the id the host knows it by, and only on
 * hosts that offer neither by following the deep link.
 */
export async function openAppPage(pageId: AppPage, subPageId?: string): Promise<void> {
  const target = { pageId, ...(subPageId ? { subPageId } : {}) };
  try {
    if (pages.currentApp.isSupported()) {
      await pages.currentApp.navigateTo(target);
      return;
    }
    if (pages.isSupported() && hostAppId) {
      await pages.navigateToApp({ appId: new AppId(hostAppId), ...target });
      return;
    }
  } catch {
    // The host refused the navigation: the link may still get there.
  }
  await app.openLink(appPageLink(pageId, subPageId));
}

/** Opens an employee's plan history in the "My plan" personal tab. */
export function openPlanHistory(employeeId: string): Promise<void> {
  return openAppPage('myplan', planSubPageId(employeeId, 'history'));
}

/** The app page a deep link built by appPageLink points to, or null for any other link. */
export function appPageOf(url: string): { pageId: AppPage; subPageId?: string } | null {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed?.hostname !== 'teams.microsoft.com') return null;
  const [, appId = '', pageId = ''] = /^\/l\/entity\/([^/]+)\/([^/]+)$/.exec(parsed.pathname) ?? [];
  const page = APP_PAGES.find((entry) => entry === pageId);
  if (!page || ![hostAppId, MANIFEST_APP_ID].includes(decodeURIComponent(appId))) return null;
  let subPageId: unknown;
  try {
    subPageId = (JSON.parse(parsed.searchParams.get('context') ?? '{}') as { subEntityId?: unknown }).subEntityId;
  } catch {
    subPageId = undefined;
  }
  return { pageId: page, ...(typeof subPageId === 'string' ? { subPageId } : {}) };
}

/**
 * Follows a link from inside the host: a link to one of the app's own pages navigates there
 * (openAppPage); any other goes to the host, which opens it in Teams or in a browser.
 */
export async function openDeepLink(url: string): Promise<void> {
  const page = appPageOf(url);
  if (page) await openAppPage(page.pageId, page.subPageId);
  else await app.openLink(url);
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
