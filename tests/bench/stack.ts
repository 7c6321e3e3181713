import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { startAzurite } from '../../functions/dev/azurite';
import { devEnvironment } from '../../functions/dev/dev-env';
import { loadOrCreateDevKeys, mintDevToken } from '../../functions/dev/dev-identity';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import { loadConfig } from '../../functions/src/config';
import type { OrgChart } from '../../functions/src/directory';
import { servicesFromTables, type Services } from '../../functions/src/services';
import { ensureTables, openTables, type Tables } from '../../functions/src/store';
import { sequentialRounds, type Span } from './rounds';

export type StorageRequestKind =
  'point read' | 'query' | 'transaction' | 'insert' | 'update' | 'delete' | 'table' | 'other';

/** One request the data-tables client sent, on the counter's own clock (a sequence number per event). */
export interface StorageRequest extends Span {
  method: string;
  kind: StorageRequestKind;
  /** Sent to the nudges index (another table) rather than to a plan's partition. */
  nudgesIndex: boolean;
  status: number | null;
}

export interface StorageMeasure<T> {
  result: T;
  requests: number;
  /** Sequential rounds: requests that started only after an earlier one's answer ended add a round. */
  rounds: number;
  /** How many of each kind: point reads, queries, transactions… */
  kinds: Partial<Record<StorageRequestKind, number>>;
  /** How many of the requests went to the nudges index (a confirmation marks the plan there). */
  nudgesIndex: number;
}

/** What a Table Storage REST request is, from its method and address. */
export function kindOf(method: string, url: string): StorageRequestKind {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return 'other';
  }
  if (path.endsWith('/$batch')) return 'transaction';
  if (/\/Tables(\(|$)/.test(path)) return 'table';
  const entity = /\(PartitionKey='.*',RowKey='.*'\)$/.test(path);
  switch (method.toUpperCase()) {
    case 'GET':
      return entity ? 'point read' : 'query';
    case 'POST':
      return 'insert';
    case 'PUT':
    case 'MERGE':
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return 'other';
  }
}

/**
 * Counts every request the real @azure/data-tables client sends, retries included; while `measure`
 * runs it also records each request's start and end, so the sequential rounds can be told apart from
 * requests sent together.
 */
export class StorageCounter {
  count = 0;
  private clock = 0;
  private readonly recorders = new Set<StorageRequest[]>();
  readonly policy: PipelinePolicy = {
    name: 'benchStorageCounter',
    sendRequest: async (request, next) => {
      this.count += 1;
      const record: StorageRequest = {
        method: request.method,
        kind: kindOf(request.method, request.url),
        nudgesIndex: request.url.includes('/nudges'),
        status: null,
        start: ++this.clock,
        end: null,
      };
      for (const recorder of this.recorders) recorder.push(record);
      try {
        const response = await next(request);
        record.status = response.status;
        return response;
      } finally {
        record.end = ++this.clock;
      }
    },
  };

  async measure<T>(work: () => Promise<T>): Promise<StorageMeasure<T>> {
    const records: StorageRequest[] = [];
    this.recorders.add(records);
    try {
      const result = await work();
      const kinds: Partial<Record<StorageRequestKind, number>> = {};
      for (const record of records) kinds[record.kind] = (kinds[record.kind] ?? 0) + 1;
      return {
        result,
        requests: records.length,
        rounds: sequentialRounds(records).rounds,
        kinds,
        nudgesIndex: records.filter((record) => record.nudgesIndex).length,
      };
    } finally {
      this.recorders.delete(records);
    }
  }
}

/** The last entity group transaction the app's store submitted, as it handed it to the SDK. */
export interface TransactionLog {
  last: TransactionAction[] | null;
}

/** Keeps a copy of each transaction submitted on `table`, so the bench can make the same one directly. */
function recordTransactions(table: TableClient): TransactionLog {
  const log: TransactionLog = { last: null };
  const submit = table.submitTransaction.bind(table);
  table.submitTransaction = (actions, options) => {
    log.last = [...actions];
    return submit(actions, options);
  };
  return log;
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
  /** The last transaction the app submitted on the plans table. */
  transactions: TransactionLog;
  token(person: BenchPerson): Promise<string>;
  /** The settings the stack's API runs with, for another process to run the same API on the same storage. */
  env: Record<string, string>;
  close(): Promise<void>;
  host: LocalHost;
}

export async function startBenchStack(chart: OrgChart): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'career-bench-'));
  const orgChart = join(dir, 'org.json');
  writeFileSync(orgChart, JSON.stringify(chart));
  const azurite = await startAzurite();
  const keys = await loadOrCreateDevKeys(join(dir, 'keys.json'), join(dir, 'jwks.json'));
  const env = devEnvironment({
    connectionString: azurite.connectionString,
    jwksFile: join(dir, 'jwks.json'),
    orgChart,
  });
  const config = loadConfig(env);
  const counter = new StorageCounter();
  if (config.storage.kind !== 'connectionString') throw new Error('The bench runs on Azurite.');
  const tables = openTables(config.storage, { additionalPolicies: [{ policy: counter.policy, position: 'perRetry' }] });
  await ensureTables(tables);
  const transactions = recordTransactions(tables.plans);
  const services = servicesFromTables(config, tables);
  const host = await startLocalHost({ services });
  return {
    url: host.url,
    services,
    tables,
    counter,
    transactions,
    host,
    env,
    token: (person) => mintDevToken(keys, { tenantId: TENANT, userId: person.id }),
    async close() {
      await host.close();
      await azurite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
