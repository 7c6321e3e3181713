import { readFileSync, statSync } from 'node:fs';
import * as z from 'zod';
import type { Person } from '../contract';
import type { Directory, OrgLookup } from './directory';
import { GUID_PATTERN } from '../domain';

export const OrgChartSchema = z.strictObject({
  tenants: z.array(
    z.strictObject({
      tenantId: z.string().regex(GUID_PATTERN),
      name: z.string(),
      people: z.array(
        z.strictObject({
          id: z.string().regex(GUID_PATTERN),
          shortName: z.string().regex(/^[a-z][a-z0-9-]*$/),
          displayName: z.string(),
          jobTitle: z.string().optional(),
          email: z.string().optional(),
          managerId: z.string().regex(GUID_PATTERN).nullable(),
        }),
      ),
    }),
  ),
});
export type OrgChart = z.infer<typeof OrgChartSchema>;
export type OrgChartPerson = OrgChart['tenants'][number]['people'][number];

function toPerson(entry: OrgChartPerson): Person {
  const person: Person = { id: entry.id, displayName: entry.displayName };
  if (entry.jobTitle) person.jobTitle = entry.jobTitle;
  if (entry.email) person.email = entry.email;
  return person;
}

export function readOrgChart(path: string): OrgChart {
  return OrgChartSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

interface TenantIndex {
  byId: Map<string, Person>;
  managerIdOf: Map<string, string | null>;
  reportsOf: Map<string, Person[]>;
}

function indexOf(people: readonly OrgChartPerson[]): TenantIndex {
  const byId = new Map(people.map((entry) => [entry.id, toPerson(entry)]));
  const managerIdOf = new Map(people.map((entry) => [entry.id, entry.managerId]));
  const reportsOf = new Map<string, Person[]>();
  for (const entry of people) {
    if (!entry.managerId) continue;
    const reports = reportsOf.get(entry.managerId) ?? [];
    reports.push(toPerson(entry));
    reportsOf.set(entry.managerId, reports);
  }
  return { byId, managerIdOf, reportsOf };
}

/**
 * The org chart from a JSON file, for local runs and tests. The file is read again when it
 * changes, so a reporting line edited while the app runs takes effect at once; each tenant's
 * people are indexed once per version of the file, not per request.
 */
export class FileDirectory implements Directory {
  private cached: { mtimeMs: number; size: number; tenants: Map<string, TenantIndex> } | null = null;

  constructor(private readonly path: string) {}

  private tenant(tenantId: string): TenantIndex | undefined {
    const { mtimeMs, size } = statSync(this.path);
    if (this.cached?.mtimeMs !== mtimeMs || this.cached.size !== size) {
      const chart = readOrgChart(this.path);
      this.cached = {
        mtimeMs,
        size,
        tenants: new Map(chart.tenants.map((tenant) => [tenant.tenantId, indexOf(tenant.people)])),
      };
    }
    return this.cached.tenants.get(tenantId);
  }

  forCaller(caller: { tenantId: string }): OrgLookup {
    return this.forTenant(caller.tenantId);
  }

  forTenant(tenantId: string): OrgLookup {
    const index = this.tenant(tenantId) ?? indexOf([]);
    // Copies: a caller may add to what it gets without changing the next caller's answer.
    const copy = (person: Person | undefined): Person | null => (person ? { ...person } : null);
    return {
      // The chart is in memory: answers are ready at once, behind the same promise-based interface as Graph.
      person: (userId) => Promise.resolve(copy(index.byId.get(userId))),
      managerOf: (userId) => {
        const managerId = index.managerIdOf.get(userId);
        return Promise.resolve(copy(managerId ? index.byId.get(managerId) : undefined));
      },
      directReportsOf: (userId) =>
        Promise.resolve((index.reportsOf.get(userId) ?? []).map((person) => ({ ...person }))),
    };
  }
}
