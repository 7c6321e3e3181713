import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { startAzurite } from '../../functions/dev/azurite';
import { devEnvironment } from '../../functions/dev/dev-env';
import { loadOrCreateDevKeys, mintDevToken } from '../../functions/dev/dev-identity';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import { loadConfig } from '../../functions/src/config';
import type { OrgChart } from '../../functions/src/directory';
import { servicesFromTables, type Services } from '../../functions/src/services';
import { ensureTables, openTables, type Tables } from '../../functions/src/store';

/** Counts every request the real @azure/data-tables client sends, retries included. */
export class StorageCounter {
  count = 0;
  readonly policy: PipelinePolicy = {
    name: 'benchStorageCounter',
    sendRequest: (request, next) => {
      this.count += 1;
      return next(request);
    },
  };

  async measure<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
    const before = this.count;
    const result = await work();
    return { result, requests: this.count - before };
  }
}

const TENANT = '2b7d4e6f-1a3c-4e5b-9d8f-0a1b2c3d4e5f';
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface BenchPerson {
  id: string;
  shortName: string;
}

/**
 * Managers with 1, 10 and 50 reports; every report of the 50-report manager is an employee whose
 * history the growth runs fill.
 */
export function benchOrgChart(): {
  chart: OrgChart;
  managers: Record<1 | 10 | 50, BenchPerson>;
  reportsOf50: BenchPerson[];
} {
  const people: OrgChart['tenants'][number]['people'] = [];
  let next = 1;
  const add = (shortName: string, managerId: string | null) => {
    const id = guid(next++);
    people.push({ id, shortName, displayName: shortName, managerId });
    return { id, shortName };
  };
  const managers = { 1: add('manager-1', null), 10: add('manager-10', null), 50: add('manager-50', null) };
  const reportsOf50: BenchPerson[] = [];
  for (const size of [1, 10, 50] as const) {
    for (let index = 0; index < size; index += 1) {
      const person = add(`report-${size}-${index}`, managers[size].id);
      if (size === 50) reportsOf50.push(person);
    }
  }
  return { chart: { tenants: [{ tenantId: TENANT, name: 'Bench', people }] }, managers, reportsOf50 };
}

export interface BenchStack {
  url: string;
  services: Services;
  tables: Tables;
  counter: StorageCounter;
  token(person: BenchPerson): Promise<string>;
  close(): Promise<void>;
  host: LocalHost;
}

export async function startBenchStack(chart: OrgChart): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'career-bench-'));
  const orgChart = join(dir, 'org.json');
  writeFileSync(orgChart, JSON.stringify(chart));
  const azurite = await startAzurite();
  const keys = await loadOrCreateDevKeys(join(dir, 'keys.json'), join(dir, 'jwks.json'));
  const config = loadConfig(
    devEnvironment({ connectionString: azurite.connectionString, jwksFile: join(dir, 'jwks.json'), orgChart }),
  );
  const counter = new StorageCounter();
  if (config.storage.kind !== 'connectionString') throw new Error('The bench runs on Azurite.');
  const tables = openTables(config.storage, { additionalPolicies: [{ policy: counter.policy, position: 'perRetry' }] });
  await ensureTables(tables);
  const services = servicesFromTables(config, tables);
  const host = await startLocalHost({ services });
  return {
    url: host.url,
    services,
    tables,
    counter,
    host,
    token: (person) => mintDevToken(keys, { tenantId: TENANT, userId: person.id }),
    async close() {
      await host.close();
      await azurite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
