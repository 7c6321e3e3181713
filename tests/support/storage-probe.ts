import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { odata } from '@azure/data-tables';
import { startAzurite, type RunningAzurite } from '../../functions/dev/azurite';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import type { Directory } from '../../functions/src/directory';
import { AuditStore, LinkStore, NudgeStore, PlanStore, ensureTables, openTables } from '../../functions/src/store';
import type { TestStack } from './stack';

/**
 * Every stored row of both tables, audit rows included (`stack.snapshot()` leaves them out): to
 * prove that a request wrote nothing at all, not even into a plan's trail.
 */
export async function everyRow(stack: TestStack): Promise<string[]> {
  const rows: string[] = [];
  for (const table of [stack.tables.plans, stack.tables.links]) {
    for await (const entity of table.listEntities())
      rows.push(`${entity.partitionKey}|${entity.rowKey}|${entity.etag}`);
  }
  return rows.sort();
}

/** The audit rows stored in one person's plan partition, read straight from storage. */
export async function auditRowsOf(stack: TestStack, shortName: string): Promise<string[]> {
  const person = stack.person(shortName);
  const partition = `${person.tenantId}_${person.id}`;
  const rows: string[] = [];
  for await (const entity of stack.tables.plans.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${partition} and kind eq 'audit'` },
  })) {
    rows.push(String(entity.rowKey));
  }
  return rows.sort();
}

/** What the app asked of storage and of the directory while serving requests. */
export interface Recorded {
  /** Storage requests: method and path (no query, no body). */
  storage: string[];
  /** Directory lookups by name, in the order they were made. */
  directory: string[];
}

export interface CountingHost {
  url: string;
  /** Starts a fresh record; the returned object fills as requests are served. */
  record(): Recorded;
  /** Another instance of the API over the same storage, with stores of its own (as a second Functions instance has). */
  anotherInstance(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The same API as the stack's (same token verifier, same org chart, same handlers), served over
 * its own Azurite through stores whose every storage request is recorded by a pipeline policy (the
 * Azure SDK's public hook), and a directory whose every lookup is recorded.
 */
export async function startCountingHost(stack: TestStack): Promise<CountingHost> {
  let current: Recorded = { storage: [], directory: [] };
  const policy: PipelinePolicy = {
    name: 'record-storage-requests',
    sendRequest(request, next) {
      current.storage.push(`${request.method} ${new URL(request.url).pathname}`);
      return next(request);
    },
  };
  let azurite: RunningAzurite | undefined;
  let host: LocalHost | undefined;
  try {
    azurite = await startAzurite();
    const tables = openTables(
      { kind: 'connectionString', connectionString: azurite.connectionString },
      { additionalPolicies: [{ policy, position: 'perRetry' }] },
    );
    await ensureTables(tables);
    const inner = stack.services.directory;
    const directory: Directory = {
      forTenant: (tenantId) => inner.forTenant(tenantId),
      forCaller(caller) {
        const lookup = inner.forCaller(caller);
        return {
          person(id) {
            current.directory.push('person');
            return lookup.person(id);
          },
          managerOf(id) {
            current.directory.push('managerOf');
            return lookup.managerOf(id);
          },
          directReportsOf(id) {
            current.directory.push('directReportsOf');
            return lookup.directReportsOf(id);
          },
        };
      },
    };
    host = await startLocalHost({
      services: {
        ...stack.services,
        directory,
        plans: new PlanStore(tables),
        links: new LinkStore(tables),
        audit: new AuditStore(tables),
        nudges: new NudgeStore(tables),
      },
    });
  } catch (error) {
    await host?.close();
    await azurite?.close();
    throw error;
  }
  const started = { host, azurite };
  return {
    url: started.host.url,
    record() {
      current = { storage: [], directory: [] };
      return current;
    },
    async anotherInstance() {
      const tables = openTables({ kind: 'connectionString', connectionString: started.azurite.connectionString });
      const other = await startLocalHost({
        services: {
          ...stack.services,
          plans: new PlanStore(tables),
          links: new LinkStore(tables),
          audit: new AuditStore(tables),
          nudges: new NudgeStore(tables),
        },
      });
      return { url: other.url, close: () => other.close() };
    },
    async close() {
      await started.host.close();
      await started.azurite.close();
    },
  };
}
