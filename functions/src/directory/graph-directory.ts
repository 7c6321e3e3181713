import type { INetworkModule } from '@azure/msal-node';
import { ExpiringCache } from '../cache/expiring-cache';
import type { Person } from '../contract';
import type { Directory, OrgLookup } from './directory';
import { DirectoryConsentError, DirectoryUnavailableError } from './errors';
import { TenantClients, type ClientCredential } from './tenant-clients';

export type { ClientCredential } from './tenant-clients';

export interface GraphDirectorySettings {
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  graphBaseUrl: string;
  /**
   * How long answers are kept: bounds how long a changed reporting line takes to apply, so at most
   * DIRECTORY_FRESHNESS_MS (60 s); a longer setting is refused.
   */
  cacheTtlMs: number;
  /** How many answers this instance keeps (DIRECTORY_CACHE_SIZE unless a test says otherwise). */
  cacheSize?: number;
  /** Milliseconds since the epoch, for the answers' freshness; a test may move it instead of waiting. */
  now?: () => number;
  /** How long to honour Graph's Retry-After before giving up. */
  maxRetryWaitMs: number;
  /** MSAL's HTTP client; only replaced to point MSAL at a stand-in in tests. */
  networkClient?: INetworkModule;
  /** How a Retry-After wait is spent; a test may count the wait instead of sitting through it. */
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

interface GraphUser {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  jobTitle?: string | null;
  mail?: string | null;
}

/**
 * The longest a directory answer is used: a former manager's access to a plan ends at most this long
 * after HR changes the reporting line in Entra ID (tests/integration/graph-directory.test.ts proves it).
 */
export const DIRECTORY_FRESHNESS_MS = 60_000;
/** Answers kept per Function App instance (a person, a manager or a list of reports each). */
export const DIRECTORY_CACHE_SIZE = 20_000;

const SELECT = '$select=id,displayName,jobTitle,mail';
const GRAPH_SCOPE = 'https://graph.microsoft.com/User.Read.All';
const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';
const MAX_ATTEMPTS = 3;

function toPerson(user: GraphUser): Person {
  const person: Person = { id: user.id.toLowerCase(), displayName: user.displayName ?? 'Unknown person' };
  if (user.jobTitle) person.jobTitle = user.jobTitle;
  if (user.mail) person.email = user.mail;
  return person;
}

function isConsentError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { errorCode?: string }).errorCode ?? ''}` : '';
  return /AADSTS65001|consent_required|AADSTS90094/i.test(text);
}

/**
 * The directory from Microsoft Graph, on behalf of the caller (OBO): a user's manager and a
 * manager's direct reports. Answers are cached briefly per tenant and user. MSAL is loaded with the
 * first token request, not when the app starts.
 */
export class GraphDirectory implements Directory {
  private readonly clients: TenantClients;
  /**
   * Answers per tenant and user, kept at most `cacheTtlMs`, bounded in number (least recently used
   * out first). What is kept is the organisation's directory (who manages whom), the same for every
   * caller of the tenant allowed to read it, not anything of one caller's own.
   */
  private readonly cache: ExpiringCache<unknown>;
  private readonly now: () => number;

  constructor(private readonly settings: GraphDirectorySettings) {
    if (!(settings.cacheTtlMs >= 0 && settings.cacheTtlMs <= DIRECTORY_FRESHNESS_MS))
      throw new Error(`The directory's cacheTtlMs must be between 0 and ${DIRECTORY_FRESHNESS_MS} ms.`);
    this.clients = new TenantClients(settings);
    this.now = settings.now ?? Date.now;
    this.cache = new ExpiringCache({ maxEntries: settings.cacheSize ?? DIRECTORY_CACHE_SIZE, now: this.now });
  }

  /**
   * A Graph token for the caller (on their behalf) or, with no caller, for the app itself (client
   * credentials: the application permission User.Read.All, which the daily nudges run needs).
   */
  private async graphToken(tenantId: string, callerToken: string | null): Promise<string> {
    try {
      const client = await this.clients.for(tenantId);
      const result = callerToken
        ? await client.acquireTokenOnBehalfOf({ oboAssertion: callerToken, scopes: [GRAPH_SCOPE] })
        : await client.acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE] });
      if (!result?.accessToken) throw new Error('The token endpoint returned no access token.');
      return result.accessToken;
    } catch (error) {
      if (isConsentError(error)) throw new DirectoryConsentError();
      throw error;
    }
  }

  /** GET from Graph: null on 404, Retry-After honoured on 429 and 503. */
  private async get<T>(tenantId: string, callerToken: string | null, path: string): Promise<T | null> {
    const token = await this.graphToken(tenantId, callerToken);
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${this.settings.graphBaseUrl.replace(/\/$/, '')}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      if (response.status === 404) return null;
      if (response.ok) return (await response.json()) as T;
      if (response.status === 403) {
        const body = await response.text();
        if (/consent|Authorization_RequestDenied/i.test(body)) throw new DirectoryConsentError();
      }
      if (response.status === 429 || response.status === 503) {
        const retryAfter = Math.max(1, Number(response.headers.get('retry-after') ?? '1') || 1);
        if (attempt >= MAX_ATTEMPTS || retryAfter * 1000 > this.settings.maxRetryWaitMs)
          throw new DirectoryUnavailableError(retryAfter);
        await (this.settings.sleep ?? sleepFor)(retryAfter * 1000);
        continue;
      }
      throw new Error(`Microsoft Graph answered ${response.status} for a directory lookup.`);
    }
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit as T;
    // Fresh from when it was asked for, not from when Graph answered: never older than the bound.
    const asked = this.now();
    const value = await load();
    this.cache.set(key, value, asked + this.settings.cacheTtlMs);
    return value;
  }

  forCaller(caller: { tenantId: string; userId: string; token: string }): OrgLookup {
    return this.lookup(caller.tenantId, caller.token);
  }

  /** The directory as the app itself sees it, for work no one is signed in to (the daily nudges run). */
  forTenant(tenantId: string): OrgLookup {
    return this.lookup(tenantId, null);
  }

  private lookup(tenantId: string, callerToken: string | null): OrgLookup {
    const caller = { tenantId, token: callerToken };
    const key = (what: string, userId: string) => `${caller.tenantId}|${what}|${userId}`;
    const user = (userId: string) => encodeURIComponent(userId);
    return {
      person: (userId) =>
        this.cached(key('person', userId), async () => {
          const found = await this.get<GraphUser>(caller.tenantId, caller.token, `/users/${user(userId)}?${SELECT}`);
          return found ? toPerson(found) : null;
        }),
      managerOf: (userId) =>
        this.cached(key('manager', userId), async () => {
          const found = await this.get<GraphUser>(
            caller.tenantId,
            caller.token,
            `/users/${user(userId)}/manager?${SELECT}`,
          );
          return found && (found['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user'
            ? toPerson(found)
            : null;
        }),
      directReportsOf: (userId) =>
        this.cached(key('reports', userId), async () => {
          const people: Person[] = [];
          let path: string | null = `/users/${user(userId)}/directReports?${SELECT}`;
          while (path) {
            const page: { value: GraphUser[]; '@odata.nextLink'?: string } | null = await this.get(
              caller.tenantId,
              caller.token,
              path,
            );
            for (const entry of page?.value ?? []) {
              if ((entry['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user')
                people.push(toPerson(entry));
            }
            const next: string | undefined = page?.['@odata.nextLink'];
            path = next ? next.slice(next.indexOf('/users/')) : null;
          }
          return people;
        }),
    };
  }
}
