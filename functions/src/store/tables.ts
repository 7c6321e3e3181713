import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';

export const TABLE_NAMES = { plans: 'plans', links: 'links', nudges: 'nudges' } as const;

export type StorageSettings =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'endpoint'; endpoint: string; credential: TokenCredential };

export interface Tables {
  plans: TableClient;
  links: TableClient;
  /** Which plans the daily nudges run looks at, and when: one partition per tenant. */
  nudges: TableClient;
}

/** Throttling (429), 5xx and timeouts are retried with exponential backoff; writes carry ETags, so a retry never applies twice. */
const RETRY_OPTIONS = { maxRetries: 4, retryDelayInMs: 250, maxRetryDelayInMs: 4000 };

export function openTables(settings: StorageSettings, clientOptions: TableServiceClientOptions = {}): Tables {
  const options: TableServiceClientOptions = { retryOptions: RETRY_OPTIONS, ...clientOptions };
  const open = (name: string): TableClient =>
    settings.kind === 'connectionString'
      ? TableClient.fromConnectionString(settings.connectionString, name, {
          ...options,
          // Azurite listens on plain http on this machine's loopback.
          allowInsecureConnection: settings.connectionString.includes('http://'),
        })
      : new TableClient(settings.endpoint.replace(/\/$/, ''), name, settings.credential, options);
  return { plans: open(TABLE_NAMES.plans), links: open(TABLE_NAMES.links), nudges: open(TABLE_NAMES.nudges) };
}

/** Creates the tables when missing (start-up); existing tables are left as they are. */
export async function ensureTables(tables: Tables): Promise<void> {
  await Promise.all([tables.plans.createTable(), tables.links.createTable(), tables.nudges.createTable()]);
}
