import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';

export const TABLE_NAMES = { plans: 'plans', links: 'links' } as const;

export type StorageSettings =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'endpoint'; endpoint: string; credential: TokenCredential };

export interface Tables {
  plans: TableClient;
  links: TableClient;
}

export function openTables(settings: StorageSettings, options: TableServiceClientOptions = {}): Tables {
  const open = (name: string): TableClient =>
    settings.kind === 'connectionString'
      ? TableClient.fromConnectionString(settings.connectionString, name, {
          ...options,
          // Azurite listens on plain http on this machine's loopback.
          allowInsecureConnection: settings.connectionString.includes('http://'),
        })
      : new TableClient(`${settings.endpoint.replace(/\/$/, '')}`, name, settings.credential, options);
  return { plans: open(TABLE_NAMES.plans), links: open(TABLE_NAMES.links) };
}

/** Creates the tables when missing (start-up); existing tables are left as they are. */
export async function ensureTables(tables: Tables): Promise<void> {
  await Promise.all([tables.plans.createTable(), tables.links.createTable()]);
}
