/**
 * The id a tenant's Teams knows the app by, for the nudges' deep links
 * (`https://teams.microsoft.com/l/entity/<app id>/<page>`). An app uploaded to the organisation's
 * catalog (the Teams admin center, or `atk publish` once approved) gets an id of the catalog's own,
 * and only that one opens it there; an app that is not in the catalog (uploaded by a person, or
 * sideloaded while testing) is reached by its manifest id.
 *
 * So the id is, in order: the catalog id the admin set (TEAMS_APP_CATALOG_ID, for instance the
 * publish step's TEAMS_APP_PUBLISHED_APP_ID); else the catalog's own answer to
 * `GET /appCatalogs/teamsApps?$filter=externalId eq '<manifest id>'` (application permission
 * AppCatalog.Read.All), for an entry distributed by the organisation; else the manifest id.
 *
 * The answer is kept per tenant in a small cache that lives as long as the process (bounded: the
 * oldest tenant is forgotten first), so a run asks Graph once per tenant, not once per nudge: a
 * found id for 6 hours, the fallback for 15 minutes, so an app published meanwhile is found the
 * next morning. It holds only app ids, never anything about a person.
 */

/** A Graph answer for the catalog lookup, as much of it as is read. */
interface CatalogAnswer {
  value?: { id?: unknown; externalId?: unknown; distributionMethod?: unknown }[];
}

export interface AppCatalogSettings {
  graphBaseUrl: string;
  /** The manifest's id (TEAMS_APP_ID): what the catalog calls externalId, and the fallback. */
  manifestAppId: string;
  /** The catalog's id when the admin knows it (TEAMS_APP_CATALOG_ID): no lookup at all then. */
  catalogAppId?: string | null;
  /** How long a found catalog id is kept (default 6 hours). */
  foundTtlMs?: number;
  /** How long the fallback to the manifest id is kept (default 15 minutes). */
  fallbackTtlMs?: number;
  /** How many tenants are remembered at most (default 100); the oldest is forgotten first. */
  maxTenants?: number;
  /** How long the lookup may take before the manifest id is used (default 5 s). */
  requestTimeoutMs?: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * An OData string literal: single quotes around the value, each quote inside doubled (OData ABNF,
 * `SQUOTE-in-string`). The whole filter then goes into the query through URLSearchParams, which
 * percent-encodes it; no value is ever pasted into a URL by hand.
 */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The Graph request that finds the app in the tenant's catalog by its manifest id. */
export function catalogLookupUrl(graphBaseUrl: string, manifestAppId: string): string {
  const url = new URL(`${graphBaseUrl.replace(/\/$/, '')}/appCatalogs/teamsApps`);
  url.search = new URLSearchParams({
    $filter: `externalId eq ${odataString(manifestAppId)}`,
    $select: 'id,externalId,distributionMethod',
  }).toString();
  return url.toString();
}

/** The catalog's id for the app, from Graph's answer; null when the organisation's catalog has no entry. */
export function catalogIdFrom(answer: unknown, manifestAppId: string): string | null {
  const entries = (answer as CatalogAnswer | null)?.value;
  if (!Array.isArray(entries)) return null;
  const entry = entries.find(
    (candidate) =>
      candidate.externalId === manifestAppId &&
      candidate.distributionMethod === 'organization' &&
      typeof candidate.id === 'string' &&
      candidate.id !== '',
  );
  return typeof entry?.id === 'string' ? entry.id : null;
}

export class TeamsAppIds {
  private readonly known = new Map<string, { id: string; until: number }>();

  constructor(private readonly settings: AppCatalogSettings) {}

  private now(): number {
    return (this.settings.now ?? Date.now)();
  }

  /** The id to link to in this tenant; `token` is the app's own Graph token (null: none to be had). */
  async idFor(tenantId: string, token: string | null): Promise<string> {
    const { catalogAppId, manifestAppId } = this.settings;
    if (catalogAppId) return catalogAppId;
    const cached = this.known.get(tenantId);
    if (cached && cached.until > this.now()) return cached.id;
    const found = token ? await this.lookUp(token) : null;
    this.remember(tenantId, found ?? manifestAppId, found ? (this.settings.foundTtlMs ?? 6 * HOUR_MS) : null);
    return found ?? manifestAppId;
  }

  /** Graph's catalog entry for the app, or null: not in the catalog, no permission (403), or no answer. */
  private async lookUp(token: string): Promise<string | null> {
    try {
      const response = await fetch(catalogLookupUrl(this.settings.graphBaseUrl, this.settings.manifestAppId), {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs ?? 5_000),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return null;
      }
      return catalogIdFrom(await response.json(), this.settings.manifestAppId);
    } catch {
      return null;
    }
  }

  private remember(tenantId: string, id: string, ttlMs: number | null): void {
    this.known.delete(tenantId);
    this.known.set(tenantId, { id, until: this.now() + (ttlMs ?? this.settings.fallbackTtlMs ?? HOUR_MS / 4) });
    const limit = this.settings.maxTenants ?? 100;
    for (const oldest of this.known.keys()) {
      if (this.known.size <= limit) break;
      this.known.delete(oldest);
    }
  }
}
