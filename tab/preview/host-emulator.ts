import { APP_PAGES, MANIFEST_APP_ID, type AppPage } from '../src/host/app-id';
import { ORG_CATALOG_APP_ID } from './org-catalog';

export { ORG_CATALOG_APP_ID };

/**
 * A Teams host for one tab: it answers teams-js's calls (initialize, context, SSO token, theme,
 * navigation, deep links, the configuration page) the way Teams, Outlook and the Microsoft 365 app
 * do, so the tab runs its real code path. Two bridges carry the same messages:
 *
 * - framed (Teams, Outlook and the Microsoft 365 app on the web and desktop): the tab is an iframe
 *   and talks to its parent with postMessage;
 * - native (the same hosts on phones and tablets): the tab is the top window of a web view, with
 *   no parent. The app injects window.nativeInterface; teams-js sends each request as JSON through
 *   nativeInterface.framelessPostMessage and receives answers and events when the app calls
 *   window.onNativeMessage({ data }).
 *
 * Facts from teams-js 2.58: requests carry `func`, `args`, a numeric `id` and `uuidAsString`;
 * replies echo `id` and `uuidAsString` with `args`; host events such as a theme change carry `func`
 * and `args` and no `id`. Navigation within the app (pages.currentApp) is offered only when the
 * runtime configuration lists `pages.currentApp`.
 */

export type FrameContext = 'content' | 'sidePanel' | 'settings' | 'meetingStage';
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface EmulatedPerson {
  id: string;
  tenantId: string;
  displayName: string;
  shortName: string;
}

/** How the host lets an app go to one of its own pages. */
export type Navigation =
  /** pages.currentApp: today's Teams, Outlook and Microsoft 365 app. */
  | 'currentApp'
  /** pages.navigateToApp with the app's id, and no pages.currentApp. */
  | 'navigateToApp'
  /** Deep links only, and no app id in the context: the app can only name itself by its manifest id. */
  | 'deepLink';

export interface HostProfile {
  label: string;
  hostName: 'Teams' | 'Outlook' | 'Office';
  clientType: 'web' | 'desktop' | 'android' | 'ios';
  navigation: Navigation;
}

/** The hosts the preview can play. The first is the default. */
export const HOST_PROFILES = {
  teams: { label: 'Teams', hostName: 'Teams', clientType: 'web', navigation: 'currentApp' },
  outlook: { label: 'Outlook', hostName: 'Outlook', clientType: 'web', navigation: 'currentApp' },
  m365: { label: 'Microsoft 365 app', hostName: 'Office', clientType: 'web', navigation: 'currentApp' },
  'teams-navigate-to-app': {
    label: 'Teams without in-app navigation',
    hostName: 'Teams',
    clientType: 'web',
    navigation: 'navigateToApp',
  },
  'teams-deep-link': {
    label: 'Teams with deep links only',
    hostName: 'Teams',
    clientType: 'desktop',
    navigation: 'deepLink',
  },
  mobile: { label: 'Teams on a phone', hostName: 'Teams', clientType: 'android', navigation: 'currentApp' },
} as const satisfies Record<string, HostProfile>;
export type HostProfileName = keyof typeof HOST_PROFILES;

export function isHostProfileName(value: string | null): value is HostProfileName {
  return value !== null && Object.hasOwn(HOST_PROFILES, value);
}

/** The id this host knows the app by: the org catalog's, or the manifest's on a host that gives none. */
export function knownAppId(profile: HostProfile): string {
  return profile.navigation === 'deepLink' ? MANIFEST_APP_ID : ORG_CATALOG_APP_ID;
}

export interface PageTarget {
  pageId: AppPage;
  subPageId: string | null;
}

export interface HostSettings {
  person: EmulatedPerson;
  frameContext: FrameContext;
  theme: TeamsTheme;
  meetingId: string | null;
  chatId: string | null;
  subPageId: string | null;
  profile: HostProfile;
  getToken: () => Promise<string>;
  /** The host switches to one of the app's pages (a personal tab), as Teams does. */
  navigate: (target: PageTarget) => void;
  /** A link the host opens outside the app. */
  openLink: (url: string) => void;
  /** The configuration page saved what Teams would add to the meeting. */
  onConfigSaved: (config: Record<string, unknown>) => void;
  log: (line: string) => void;
}

interface AppRequest {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
}

function isRequest(data: unknown): data is AppRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as AppRequest).func === 'string' &&
    typeof (data as AppRequest).id === 'number'
  );
}

/** What this host supports; teams-js checks it before letting the app call a capability. */
function runtimeConfig(profile: HostProfile): object {
  return {
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      appInstallDialog: {},
      pages: {
        appButton: {},
        backStack: {},
        config: {},
        tabs: {},
        ...(profile.navigation === 'currentApp' ? { currentApp: {} } : {}),
      },
      teamsCore: {},
    },
  };
}

function pageOf(pageId: unknown, subPageId: unknown): PageTarget | null {
  const page = APP_PAGES.find((entry) => entry === pageId);
  return page ? { pageId: page, subPageId: typeof subPageId === 'string' ? subPageId : null } : null;
}

/**
 * The page a Teams deep link names, with the app id it names it under: https://teams.microsoft.com/l/entity/<app id>/<page>.
 * The app's own deep links and its activity feed notifications' links both take this form.
 */
export function deepLinkTarget(url: string): { appId: string; target: PageTarget | null } | null {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const [, appId, pageId] = /^\/l\/entity\/([^/]+)\/([^/]+)$/.exec(parsed?.pathname ?? '') ?? [];
  if (parsed?.hostname !== 'teams.microsoft.com' || appId === undefined) return null;
  let context: { subEntityId?: unknown } = {};
  try {
    context = JSON.parse(parsed.searchParams.get('context') ?? '{}') as { subEntityId?: unknown };
  } catch {
    context = {};
  }
  return { appId: decodeURIComponent(appId), target: pageOf(pageId, context.subEntityId) };
}

/** The host's side of the conversation, whichever bridge carries it. */
class HostCore {
  private pendingSave: (() => void) | null = null;

  constructor(
    private settings: HostSettings,
    /** Sends a host event to the app. */
    private readonly send: (message: object) => void,
    private readonly bridge: string,
  ) {}

  setTheme(theme: TeamsTheme): void {
    this.settings = { ...this.settings, theme };
    this.send({ func: 'themeChange', args: [theme] });
  }

  save(): Promise<void> {
    return new Promise((resolve) => {
      this.pendingSave = resolve;
      this.send({ func: 'settings.save', args: [{}] });
    });
  }

  /** The legacy (v1) context object teams-js turns into app.Context. */
  private context(): Record<string, unknown> {
    const { person, frameContext, theme, meetingId, chatId, subPageId, profile } = this.settings;
    return {
      locale: 'en-gb',
      theme,
      frameContext,
      hostClientType: profile.clientType,
      hostName: profile.hostName,
      appLaunchId: `preview-${person.shortName}`,
      // Hosts that know the app's own id say it; the oldest ones do not.
      ...(profile.navigation === 'deepLink' ? {} : { appId: knownAppId(profile) }),
      userObjectId: person.id,
      userPrincipalName: `${person.shortName}@contoso.example`,
      loginHint: `${person.shortName}@contoso.example`,
      tid: person.tenantId,
      entityId: frameContext === 'sidePanel' ? 'career-conversations' : 'myplan',
      ...(meetingId ? { meetingId } : {}),
      ...(chatId ? { chatId } : {}),
      ...(subPageId ? { subEntityId: subPageId } : {}),
    };
  }

  handle(request: AppRequest, reply: (args: unknown[]) => void): void {
    const args = request.args ?? [];
    const { profile, person } = this.settings;
    const detail = ['pages.currentApp.navigateTo', 'pages.navigateToApp', 'executeDeepLink'].includes(request.func)
      ? ` ${JSON.stringify(args[0])}`
      : '';
    this.settings.log(`${person.shortName} → ${request.func}${detail} (${this.bridge})`);

    switch (request.func) {
      case 'initialize':
        reply([this.settings.frameContext, profile.clientType, JSON.stringify(runtimeConfig(profile)), '2.0.1']);
        return;
      case 'getContext':
        reply([this.context()]);
        return;
      case 'authentication.getAuthToken':
        this.settings.getToken().then(
          (token) => {
            reply([true, token]);
          },
          (error: unknown) => {
            reply([false, error instanceof Error ? error.message : 'No token']);
          },
        );
        return;
      case 'pages.currentApp.navigateTo': {
        // Answered like an SDK error: [error] on failure, [null] on success.
        const params = (args[0] ?? {}) as { pageId?: unknown; subPageId?: unknown };
        const target = profile.navigation === 'currentApp' ? pageOf(params.pageId, params.subPageId) : null;
        if (!target) {
          reply([{ errorCode: 4000, message: 'There is no such page in this app.' }]);
          return;
        }
        reply([null]);
        this.settings.navigate(target);
        return;
      }
      case 'pages.navigateToApp': {
        const params = (args[0] ?? {}) as { appId?: unknown; pageId?: unknown; subPageId?: unknown };
        const target = pageOf(params.pageId, params.subPageId);
        if (params.appId !== knownAppId(profile) || !target) {
          reply([false, 'That app is not installed for you.']);
          return;
        }
        reply([true]);
        this.settings.navigate(target);
        return;
      }
      case 'executeDeepLink': {
        const url = typeof args[0] === 'string' ? args[0] : '';
        const link = deepLinkTarget(url);
        if (!link) {
          reply([true]);
          this.settings.openLink(url);
        } else if (link.appId !== knownAppId(profile) || !link.target) {
          reply([false, 'That app is not installed for you.']);
        } else {
          reply([true]);
          this.settings.navigate(link.target);
        }
        return;
      }
      case 'settings.setSettings':
        this.settings.onConfigSaved((args[0] ?? {}) as Record<string, unknown>);
        reply([true]);
        return;
      case 'settings.save.success':
        this.pendingSave?.();
        this.pendingSave = null;
        return;
      default:
        // registerHandler, appInitialization.*, settings.setValidityState: notifications without a reply.
        return;
    }
  }
}

/** Teams on the web and desktop: the tab in an iframe, talking to this page with postMessage. */
export class TeamsHostEmulator {
  private readonly listener = (event: MessageEvent) => {
    this.onMessage(event);
  };
  private readonly core: HostCore;

  constructor(
    private readonly frame: HTMLIFrameElement,
    settings: HostSettings,
  ) {
    this.core = new HostCore(
      settings,
      (message) => {
        this.frame.contentWindow?.postMessage(message, window.location.origin);
      },
      'frame',
    );
    window.addEventListener('message', this.listener);
  }

  dispose(): void {
    window.removeEventListener('message', this.listener);
  }

  /** Teams tells a running app that the person switched theme. */
  setTheme(theme: TeamsTheme): void {
    this.core.setTheme(theme);
  }

  /** The person pressed Save on the configuration page. */
  save(): Promise<void> {
    return this.core.save();
  }

  private onMessage(event: MessageEvent): void {
    if (event.source !== this.frame.contentWindow || event.origin !== window.location.origin) return;
    if (!isRequest(event.data)) return;
    const request = event.data;
    this.core.handle(request, (args) => {
      (event.source as Window).postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
    });
  }
}

/** What the mobile apps add to the web view's window. */
interface NativeWindow extends Window {
  nativeInterface?: { framelessPostMessage: (message: string) => void };
  onNativeMessage?: (event: { data: unknown }) => void;
}

/**
 * Teams, Outlook and the Microsoft 365 app on phones: the tab is the web view's top window, with no
 * parent frame. Install it before the app's code runs, as the mobile apps inject their bridge
 * before the page loads.
 */
export class NativeHostEmulator {
  private readonly core: HostCore;

  constructor(
    private readonly win: NativeWindow,
    settings: HostSettings,
  ) {
    this.core = new HostCore(
      settings,
      (message) => {
        this.deliver(message);
      },
      'native bridge',
    );
    win.nativeInterface = {
      framelessPostMessage: (message) => {
        this.receive(message);
      },
    };
  }

  setTheme(theme: TeamsTheme): void {
    this.core.setTheme(theme);
  }

  private receive(message: string): void {
    let request: unknown;
    try {
      request = JSON.parse(message);
    } catch {
      return;
    }
    if (!isRequest(request)) return;
    this.core.handle(request, (args) => {
      this.deliver({ id: request.id, uuidAsString: request.uuidAsString, args });
    });
  }

  /** The app answers from native code later, by calling into the page. */
  private deliver(message: object): void {
    setTimeout(() => {
      this.win.onNativeMessage?.({ data: message });
    }, 0);
  }
}
