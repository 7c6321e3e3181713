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

/**
 * The org chart from a JSON file, for local runs and tests. The file is read again when it
 * changes, so a reporting line edited while the app runs takes effect at once.
 */
export class FileDirectory implements Directory {
  private cached: { mtimeMs: number; size: number; chart: OrgChart } | null = null;

  constructor(private readonly path: string) {}

  private chart(): OrgChart {
    const { mtimeMs, size } = statSync(this.path);
    if (this.cached?.mtimeMs !== mtimeMs || this.cached.size !== size) {
      this.cached = { mtimeMs, size, chart: readOrgChart(this.path) };
    }
    return this.cached.chart;
  }

  forCaller(caller: { tenantId: string }): OrgLookup {
    return this.forTenant(caller.tenantId);
  }

  forTenant(tenantId: string): OrgLookup {
    const people = this.chart().tenants.find((tenant) => tenant.tenantId === tenantId)?.people ?? [];
    const byId = new Map(people.map((entry) => [entry.id, entry]));
    return {
      // The chart is in memory: answers are ready at once, behind the same promise-based interface as Graph.
      person: (userId) => {
        const entry = byId.get(userId);
        return Promise.resolve(entry ? toPerson(entry) : null);
      },
      managerOf: (userId) => {
        const managerId = byId.get(userId)?.managerId;
        const manager = managerId ? byId.get(managerId) : undefined;
        return Promise.resolve(manager ? toPerson(manager) : null);
      },
      directReportsOf: (userId) => Promise.resolve(people.filter((entry) => entry.managerId === userId).map(toPerson)),
    };
  }
}
