/**
 * A Teams host for one framed tab: it answers teams-js's postMessage calls (initialize, context,
 * SSO token, deep links, the configuration page) the way Teams does, so the tab runs its real
 * Teams code path. Facts from teams-js 2.58: requests carry `func`, `args`, a numeric `id` and
 * `uuidAsString`; replies echo `id` and `uuidAsString` with `args`; host events such as a theme
 * change carry `func` and `args` and no `id`.
 */

export type FrameContext = 'content' | 'sidePanel' | 'settings' | 'meetingStage';
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface EmulatedPerson {
  id: string;
  tenantId: string;
  displayName: string;
  shortName: string;
}

export interface HostSettings {
  person: EmulatedPerson;
  frameContext: FrameContext;
  theme: TeamsTheme;
  meetingId: string | null;
  chatId: string | null;
  subPageId: string | null;
  getToken: () => Promise<string>;
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

/** What this host supports; teams-js checks it before letting the app call a capability. */
const RUNTIME_CONFIG = {
  apiVersion: 4,
  isLegacyTeams: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    appInstallDialog: {},
    pages: { appButton: {}, backStack: {}, config: {}, tabs: {} },
    teamsCore: {},
  },
};

function isRequest(data: unknown): data is AppRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as AppRequest).func === 'string' &&
    typeof (data as AppRequest).id === 'number'
  );
}

export class TeamsHostEmulator {
  private readonly listener = (event: MessageEvent) => {
    this.onMessage(event);
  };
  private settings: HostSettings;
  private pendingSave: (() => void) | null = null;

  constructor(
    private readonly frame: HTMLIFrameElement,
    settings: HostSettings,
  ) {
    this.settings = settings;
    window.addEventListener('message', this.listener);
  }

  dispose(): void {
    window.removeEventListener('message', this.listener);
  }

  /** Teams tells a running app that the person switched theme. */
  setTheme(theme: TeamsTheme): void {
    this.settings = { ...this.settings, theme };
    this.post({ func: 'themeChange', args: [theme] });
  }

  /** The person pressed Save on the configuration page. */
  save(): Promise<void> {
    return new Promise((resolve) => {
      this.pendingSave = resolve;
      this.post({ func: 'settings.save', args: [{}] });
    });
  }

  private post(message: object): void {
    this.frame.contentWindow?.postMessage(message, window.location.origin);
  }

  /** The legacy (v1) context object teams-js turns into app.Context. */
  private context(): Record<string, unknown> {
    const { person, frameContext, theme, meetingId, chatId, subPageId } = this.settings;
    return {
      locale: 'en-gb',
      theme,
      frameContext,
      hostClientType: 'web',
      hostName: 'Teams',
      appLaunchId: `preview-${person.shortName}`,
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

  private onMessage(event: MessageEvent): void {
    if (event.source !== this.frame.contentWindow || event.origin !== window.location.origin) return;
    if (!isRequest(event.data)) return;
    const request = event.data;
    const args = request.args ?? [];
    const reply = (replyArgs: unknown[]) => {
      (event.source as Window).postMessage(
        { id: request.id, uuidAsString: request.uuidAsString, args: replyArgs },
        event.origin,
      );
    };
    this.settings.log(`${this.settings.person.shortName} → ${request.func}`);

    switch (request.func) {
      case 'initialize':
        reply([this.settings.frameContext, 'web', JSON.stringify(RUNTIME_CONFIG), '2.0.1']);
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
      case 'executeDeepLink':
        this.settings.openLink(typeof args[0] === 'string' ? args[0] : '');
        reply([true]);
        return;
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
