/**
 * Sends nudges to the Teams activity feed through Microsoft Graph, with the app's own identity
 * (client credentials): POST /users/{userId}/teamwork/sendActivityNotification
 * https://learn.microsoft.com/graph/api/userteamwork-sendactivitynotification
 * The permission is the least privileged one Graph documents for it, the resource-specific
 * TeamsActivity.Send.User, which the manifest asks for and each person grants by having the app
 * installed (not the tenant-wide application permission TeamsActivity.Send).
 *
 * Each notification is classified — sent, not installed for the recipient (the app must be installed
 * for a person to receive its notifications; that is no failure of the run), or failed — and
 * nothing here logs or returns the notification's content.
 */
import { createHash } from 'node:crypto';
import type { INetworkModule } from '@azure/msal-node';
import { TenantClients, type ClientCredential } from '../directory';
import { nudgeText, type NudgeLink, type NudgeNotification } from '../domain';
import { TeamsAppIds } from './app-catalog';

export interface ActivityFeedSettings {
  /** The app registration's client id (the manifest's webApplicationInfo.id). */
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  graphBaseUrl: string;
  /** The manifest's id (TEAMS_APP_ID): the deep links use it for an app that is not in the org catalog. */
  manifestAppId: string;
  /**
   * The org catalog's id for the app, when the admin set it (TEAMS_APP_CATALOG_ID); otherwise it is
   * looked up in Graph once per tenant (notify/app-catalog.ts), as the deep links need it.
   */
  catalogAppId?: string | null;
  /** How long to honour one Retry-After before giving up on the notification (and the run's rest). */
  maxRetryWaitMs: number;
  /** Attempts per notification, the first included. */
  maxAttempts?: number;
  /** How long one request may take before it counts as a network failure. */
  requestTimeoutMs?: number;
  /** MSAL's HTTP client; only replaced to point MSAL at a stand-in in tests. */
  networkClient?: INetworkModule;
  /** How a Retry-After wait is spent; a test may count the wait instead of sitting through it. */
  sleep?: (ms: number) => Promise<void>;
}

export type SendFailure =
  /** Graph kept throttling (429/503/504) beyond the attempts or the wait allowed. */
  | 'throttled'
  /** 403 other than "not installed": the app's resource-specific permission is missing or refused. */
  | 'forbidden'
  /** 404: no such user in the tenant (left the organisation). */
  | 'notFound'
  /** Graph refused the request (400): the body or the activity type does not match the manifest. */
  | 'badRequest'
  /** Any other answer from Graph. */
  | 'graphError'
  /** No answer: the connection failed or timed out. */
  | 'network'
  /** No app token from Entra ID. */
  | 'token';

export type SendOutcome =
  | { status: 'sent' }
  /** The app is not installed for the recipient: nothing to send until an admin policy or the person installs it. */
  | { status: 'notInstalled' }
  | { status: 'failed'; reason: SendFailure; httpStatus?: number };

export interface SendReport {
  /** One outcome per notification, by idempotency key, in the order given. */
  outcomes: { key: string; outcome: SendOutcome }[];
  /** For the run's log line: counts only. */
  counts: Record<SendOutcome['status'], number>;
}

/** The request body of sendActivityNotification, as Graph v1.0 documents it. */
export interface ActivityNotificationBody {
  /** A text topic with a Teams deep link: the only topic that opens a personal tab on a given page. */
  topic: { source: 'text'; value: string; webUrl: string };
  activityType: string;
  /** Teams shows the first 150 characters. */
  previewText: { content: string };
  /** The same chainId on a later request replaces the earlier notification: a retried send shows once. */
  chainId: number;
  templateParameters: { name: string; value: string }[];
}

const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Graph's own words when the app is not installed for the recipient (403 Forbidden). */
const NOT_INSTALLED = /not authorized to generate custom text notifications|expected Teams app is installed/i;
const PAGE_NAMES: Record<NudgeLink['page'], string> = { myplan: 'My plan', team: 'My team' };

const sleepFor = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * The deep link to one of the app's personal tabs, in the form the tab itself builds
 * (tab/src/host/teams-host.ts appPageLink): the page, and the employee as the subEntityId.
 */
export function activityDeepLink(teamsAppId: string, link: NudgeLink): string {
  const context = link.subPageId
    ? `?context=${encodeURIComponent(JSON.stringify({ subEntityId: link.subPageId }))}`
    : '';
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${link.page}${context}`;
}

/** A positive whole number under 2^48, the same for the same key. */
function chainIdOf(key: string): number {
  return createHash('sha256').update(key).digest().readUIntBE(0, 6);
}

export function activityNotificationBody(
  notification: NudgeNotification,
  teamsAppId: string,
): ActivityNotificationBody {
  const parameters: Record<string, string> = notification.templateParameters;
  return {
    topic: {
      source: 'text',
      value: PAGE_NAMES[notification.link.page],
      webUrl: activityDeepLink(teamsAppId, notification.link),
    },
    activityType: notification.activityType,
    previewText: { content: nudgeText(notification) },
    chainId: chainIdOf(notification.key),
    templateParameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
  };
}

/** Retry-After in seconds or as an HTTP date; a doubling default when Graph gives none. */
function retryAfterMs(header: string | null, attempt: number): number {
  const fallback = 1000 * 2 ** (attempt - 1);
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.max(0, date - Date.now());
}

function isTransient(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** What the daily run sends nudges with: the activity feed in Azure, a stand-in in tests. */
export interface NudgeSender {
  sendAll(tenantId: string, notifications: readonly NudgeNotification[]): Promise<SendReport>;
}

export class ActivityFeedSender implements NudgeSender {
  private readonly clients: TenantClients;
  private readonly appIds: TeamsAppIds;

  constructor(private readonly settings: ActivityFeedSettings) {
    this.clients = new TenantClients(settings);
    this.appIds = new TeamsAppIds({
      graphBaseUrl: settings.graphBaseUrl,
      manifestAppId: settings.manifestAppId,
      catalogAppId: settings.catalogAppId ?? null,
      ...(settings.requestTimeoutMs ? { requestTimeoutMs: settings.requestTimeoutMs } : {}),
    });
  }

  /** The app's own token for Graph in the tenant; null when Entra ID gives none. */
  private async appToken(tenantId: string): Promise<string | null> {
    try {
      const client = await this.clients.for(tenantId);
      const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE] });
      return result?.accessToken ?? null;
    } catch {
      return null;
    }
  }

  /** Sends one notification, waiting out throttling as Graph asks, within the attempts and the wait allowed. */
  async send(tenantId: string, notification: NudgeNotification): Promise<SendOutcome> {
    const token = await this.appToken(tenantId);
    if (!token) return { status: 'failed', reason: 'token' };
    const url = `${this.settings.graphBaseUrl.replace(/\/$/, '')}/users/${encodeURIComponent(notification.recipientId)}/teamwork/sendActivityNotification`;
    const body = JSON.stringify(activityNotificationBody(notification, await this.appIds.idFor(tenantId, token)));
    const attempts = this.settings.maxAttempts ?? DEFAULT_ATTEMPTS;
    let last: SendOutcome = { status: 'failed', reason: 'network' };
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
      } catch {
        // A lost answer may hide a delivered notification; the retry's same chainId replaces it rather than adding one.
        last = { status: 'failed', reason: 'network' };
        if (attempt < attempts) await this.wait(retryAfterMs(null, attempt));
        continue;
      }
      if (response.ok) {
        await response.body?.cancel();
        return { status: 'sent' };
      }
      const text = await response.text();
      if (response.status === 403)
        return NOT_INSTALLED.test(text)
          ? { status: 'notInstalled' }
          : { status: 'failed', reason: 'forbidden', httpStatus: 403 };
      if (response.status === 404) return { status: 'failed', reason: 'notFound', httpStatus: 404 };
      if (response.status === 400) return { status: 'failed', reason: 'badRequest', httpStatus: 400 };
      if (!isTransient(response.status)) return { status: 'failed', reason: 'graphError', httpStatus: response.status };
      last = { status: 'failed', reason: 'throttled', httpStatus: response.status };
      const waitMs = retryAfterMs(response.headers.get('retry-after'), attempt);
      if (attempt >= attempts || waitMs > this.settings.maxRetryWaitMs) return last;
      await this.wait(waitMs);
    }
    return last;
  }

  /**
   * Sends a run's notifications one after another. Once Graph throttles beyond what one wait allows,
   * or no token can be had, the rest are not attempted (they fail the same way and stay unsent, so
   * the next run picks them up) rather than pressing on against what Graph asked.
   */
  async sendAll(tenantId: string, notifications: readonly NudgeNotification[]): Promise<SendReport> {
    const outcomes: SendReport['outcomes'] = [];
    const counts: SendReport['counts'] = { sent: 0, notInstalled: 0, failed: 0 };
    let stopped: SendOutcome | null = null;
    for (const notification of notifications) {
      const outcome: SendOutcome = stopped ?? (await this.send(tenantId, notification));
      if (outcome.status === 'failed' && (outcome.reason === 'throttled' || outcome.reason === 'token'))
        stopped = outcome;
      outcomes.push({ key: notification.key, outcome });
      counts[outcome.status] += 1;
    }
    return { outcomes, counts };
  }

  private wait(ms: number): Promise<void> {
    return (this.settings.sleep ?? sleepFor)(ms);
  }
}
