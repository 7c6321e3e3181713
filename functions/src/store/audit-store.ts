import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Tables } from './tables';

/** What happened to a plan: who, what and when — never what anyone wrote. */
export interface AuditEntry {
  at: string;
  actorId: string;
  /** The actor's role on the plan at the time; none for a refused access. */
  actorRole: 'employee' | 'manager' | 'none';
  action: AuditAction;
  /** The conversation, action or item concerned, by id. */
  target?: string;
}

export type AuditAction =
  | 'careerPlan.write'
  | 'conversation.start'
  | 'conversation.agree'
  | 'agenda.add'
  | 'agenda.tick'
  | 'action.add'
  | 'action.change'
  | 'note.write'
  | 'meeting.link'
  | 'plan.export'
  | 'plan.delete'
  | 'access.refused';

const NEWEST_FIRST_BASE = 9_999_999_999_999;

/**
 * The audit trail: one partition per plan, newest first. It can only be appended to and read —
 * there is no method here that updates or deletes an entry, and no route that reaches one.
 */
export class AuditStore {
  constructor(private readonly tables: Tables) {}

  async append(planPartition: string, entry: AuditEntry): Promise<void> {
    const time = Date.parse(entry.at);
    const rowKey = `${String(NEWEST_FIRST_BASE - time).padStart(13, '0')}${randomBytes(4).toString('hex')}`;
    await this.tables.audit.createEntity({ partitionKey: planPartition, rowKey, ...entry });
  }

  async list(planPartition: string, max: number): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    const pages = this.tables.audit
      .listEntities<AuditEntry>({ queryOptions: { filter: odata`PartitionKey eq ${planPartition}` } })
      .byPage({ maxPageSize: Math.min(max, 1000) });
    for await (const page of pages) {
      for (const row of page) {
        const entry: AuditEntry = { at: row.at, actorId: row.actorId, actorRole: row.actorRole, action: row.action };
        if (row.target) entry.target = row.target;
        entries.push(entry);
      }
      if (entries.length >= max) break;
    }
    return entries.slice(0, max);
  }
}
