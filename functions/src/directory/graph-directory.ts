import type { INetworkModule } from '@azure/msal-node';
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
  /** How long answers are kept; bounds how long a changed reporting line takes to apply. */
  cacheTtlMs: number;
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
  private readonly cache = new Map<string, { expires: number; value: unknown }>();

  constructor(private readonly settings: GraphDirectorySettings) {
    this.clients = new TenantClients(settings);
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
    if (hit && hit.expires > Date.now()) return hit.value as T;
    const value = await load();
    this.cache.set(key, { expires: Date.now() + this.settings.cacheTtlMs, value });
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
