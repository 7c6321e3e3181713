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
    timer = setTimeout(() => reject(new OutsideTeamsError('No Teams host answered.')), INITIALIZE_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
  } catch (error) {
    throw error instanceof OutsideTeamsError ? error : new OutsideTeamsError(error instanceof Error ? error.message : 'Teams did not start the app.');
  } finally {
    clearTimeout(timer);
  }
  const context = await app.getContext();
  return {
    frameContext: context.page.frameContext ?? 'content',
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
  app.notifySuccess();
}

export function onThemeChange(handler: (theme: ThemeName) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme)));
}

/** The Teams SSO token for the API; teams-js caches and renews it. */
export function getApiToken(): Promise<string> {
  return authentication.getAuthToken();
}

const APP_ID = import.meta.env.VITE_TEAMS_APP_ID ?? 'career-conversations-local';

/** Opens an employee's plan history in the "My plan" personal tab. */
export async function openPlanHistory(employeeId: string): Promise<void> {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: employeeId }));
  await app.openLink(`https://teams.microsoft.com/l/entity/${APP_ID}/myplan?context=${context}`);
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
      .then(() => save.notifySuccess())
      .catch((error: unknown) => save.notifyFailure(error instanceof Error ? error.message : 'Could not save.'));
  });
  pages.config.setValidityState(true);
}
