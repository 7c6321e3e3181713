import type { Person } from '../contract';

/** The org chart as seen by one caller (Graph answers on the caller's behalf). */
export interface OrgLookup {
  person(userId: string): Promise<Person | null>;
  managerOf(userId: string): Promise<Person | null>;
  directReportsOf(userId: string): Promise<Person[]>;
}

export interface Directory {
  forCaller(caller: { tenantId: string; userId: string; token: string }): OrgLookup;
  /** The org chart as the app itself sees it, for work no one is signed in to (the daily nudges run). */
  forTenant(tenantId: string): OrgLookup;
}
