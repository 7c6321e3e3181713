/**
 * Live updates through Azure Web PubSub: after a change to a conversation is stored, the API tells
 * the conversation's group "this conversation changed" (who, which kind, which version — never
 * what it says), and the people who have it open read it again. Table Storage stays the record;
 * a lost notice costs only the tab's slower safety poll.
 *
 * Each conversation has its own group, named by a keyed hash of tenant, plan and conversation, so
 * a name says nothing and cannot be guessed. A client's access token joins that one group when it
 * connects and carries no roles: it can receive, not publish, and not join any other group.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { WebPubSubServiceClient } from '@azure/web-pubsub';
import { decodeJwt } from 'jose';
import type { LiveAccess, LiveMessage } from '../contract';

/** What became of one notice: sent, not sent because live updates are off, or failed (a content-free kind). */
export type PublishOutcome = { status: 'sent' } | { status: 'off' } | { status: 'failed'; failure: string };

export interface LiveUpdates {
  /** False when no Web PubSub is configured: nothing is published and negotiating answers no URL. */
  readonly enabled: boolean;
  /** The group of one conversation's live updates. */
  groupOf(tenantId: string, employeeId: string, conversationId: string): string;
  /** A client URL for this user that joins `group` alone, and when its token expires. */
  clientAccess(userId: string, group: string): Promise<LiveAccess>;
  /** Sends the notice to everyone in the group; never rejects. */
  publish(group: string, message: LiveMessage): Promise<PublishOutcome>;
}

/** How long a client's access token lasts; the tab negotiates again before it runs out. */
export const CLIENT_TOKEN_MINUTES = 30;
/** How long one publish may take before it is abandoned. */
export const PUBLISH_TIMEOUT_MS = 1_000;

/**
 * A conversation's group: `c_` and the HMAC-SHA256 of tenant, plan and conversation under the
 * secret key, base64url — 45 characters of [A-Za-z0-9_-], within Web PubSub's group-name rules.
 * Without the key nobody can name, or recognise, the group of a conversation.
 */
export function liveGroupName(key: string, tenantId: string, employeeId: string, conversationId: string): string {
  const mac = createHmac('sha256', key).update(JSON.stringify([tenantId, employeeId, conversationId]));
  return `c_${mac.digest('base64url')}`;
}

/** What kind of failure an error from the service SDK was, without its message (which may echo a request). */
export function failureKind(error: unknown): string {
  const { name, statusCode, code } = (error ?? {}) as { name?: unknown; statusCode?: unknown; code?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  if (typeof statusCode === 'number') return `status=${statusCode}`;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return `network code=${code}`;
  return `error=${typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'unknown'}`;
}

/** A promise that rejects once the signal aborts (and never settles otherwise). */
function rejectWhenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => {
      reject(signal.reason as Error);
    });
  });
}

/** Live updates off: group names nobody receives, no client URL, and nothing sent. */
export class DisabledLiveUpdates implements LiveUpdates {
  readonly enabled = false;
  // A key of this process only: the names never leave it, but they stay as unguessable as the real ones.
  private readonly key = randomBytes(32).toString('base64url');

  groupOf(tenantId: string, employeeId: string, conversationId: string): string {
    return liveGroupName(this.key, tenantId, employeeId, conversationId);
  }

  clientAccess(): Promise<LiveAccess> {
    return Promise.resolve({ url: null, expiresAt: null });
  }

  publish(): Promise<PublishOutcome> {
    return Promise.resolve({ status: 'off' });
  }
}

export interface WebPubSubSettings {
  service:
    | { kind: 'endpoint'; endpoint: string; credential: () => Promise<TokenCredential> }
    | { kind: 'connectionString'; connectionString: string; endpoint: string };
  hub: string;
  groupKey: string;
  publishTimeoutMs?: number;
}

/** Live updates through a Web PubSub service, with the service SDK. */
export class WebPubSubLiveUpdates implements LiveUpdates {
  readonly enabled = true;
  private client: Promise<WebPubSubServiceClient> | undefined;

  constructor(private readonly settings: WebPubSubSettings) {}

  /**
   * The SDK, loaded when first needed rather than when the app starts (the Function App's start-up
   * stays as short as without live updates); a failed attempt is tried again next time.
   */
  private service(): Promise<WebPubSubServiceClient> {
    this.client ??= this.createClient().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async createClient(): Promise<WebPubSubServiceClient> {
    const { WebPubSubServiceClient } = await import('@azure/web-pubsub');
    const { service, hub } = this.settings;
    // One attempt: a notice retried after the moment has passed helps nobody, and the tab's safety poll
    // catches what is lost. Plain http only for a loopback stand-in (config.ts refuses it elsewhere).
    const options = {
      retryOptions: { maxRetries: 0 },
      ...(service.endpoint.startsWith('http:') ? { allowInsecureConnection: true } : {}),
    };
    return service.kind === 'endpoint'
      ? new WebPubSubServiceClient(service.endpoint, await service.credential(), hub, options)
      : new WebPubSubServiceClient(service.connectionString, hub, options);
  }

  groupOf(tenantId: string, employeeId: string, conversationId: string): string {
    return liveGroupName(this.settings.groupKey, tenantId, employeeId, conversationId);
  }

  async clientAccess(userId: string, group: string): Promise<LiveAccess> {
    const client = await this.service();
    // No roles: the connection receives its one group's messages and can do nothing else.
    const { url, token } = await client.getClientAccessToken({
      userId,
      groups: [group],
      expirationTimeInMinutes: CLIENT_TOKEN_MINUTES,
    });
    const { exp } = decodeJwt(token);
    const expiresAt = exp ? new Date(exp * 1000) : new Date(Date.now() + CLIENT_TOKEN_MINUTES * 60_000);
    return { url, expiresAt: expiresAt.toISOString() };
  }

  async publish(group: string, message: LiveMessage): Promise<PublishOutcome> {
    // The bound covers everything, loading the SDK and signing in included.
    const signal = AbortSignal.timeout(this.settings.publishTimeoutMs ?? PUBLISH_TIMEOUT_MS);
    try {
      const client = await Promise.race([this.service(), rejectWhenAborted(signal)]);
      await client.group(group).sendToAll(message, { abortSignal: signal });
      return { status: 'sent' };
    } catch (error) {
      return { status: 'failed', failure: signal.aborted ? 'timeout' : failureKind(error) };
    }
  }
}
