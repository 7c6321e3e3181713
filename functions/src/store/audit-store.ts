import { randomBytes } from 'node:crypto';
import { odata, type TableEntity } from '@azure/data-tables';
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

/** Audit rows live in the plan's own partition, after every other row, newest first. */
export const AUDIT_PREFIX = 'z_';
const AUDIT_END = 'z`';
const NEWEST_FIRST_BASE = 9_999_999_999_999;

/** The row of an audit entry, to write on its own or inside the transaction of the change it records. */
export function auditEntity(planPartition: string, entry: AuditEntry): TableEntity {
  const time = Date.parse(entry.at);
  const rowKey = `${AUDIT_PREFIX}${String(NEWEST_FIRST_BASE - time).padStart(13, '0')}${randomBytes(4).toString('hex')}`;
  return { partitionKey: planPartition, rowKey, kind: 'audit', ...entry };
}

/**
 * The audit trail. Changes write their entry in the same transaction as the change itself (see
 * PlanStore); reads, exports and refusals append one here. Nothing updates or deletes an entry,
 * and no route reaches one except the employee's read.
 */
export class AuditStore {
  constructor(private readonly tables: Tables) {}

  async append(planPartition: string, entry: AuditEntry): Promise<void> {
    await this.tables.plans.createEntity(auditEntity(planPartition, entry));
  }

  async list(planPartition: string, max: number): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    const pages = this.tables.plans
      .listEntities<AuditEntry>({
        queryOptions: {
          filter: odata`PartitionKey eq ${planPartition} and RowKey ge ${AUDIT_PREFIX} and RowKey lt ${AUDIT_END}`,
        },
      })
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
