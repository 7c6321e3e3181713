import { randomBytes } from 'node:crypto';
import { odata, type TableEntity } from '@azure/data-tables';
import type { AuditEntry } from '../domain';
import { newestFirst } from './keys';
import type { Tables } from './tables';

/** Audit rows live in the plan's own partition, after every other row, newest first. */
export const AUDIT_PREFIX = 'z_';
const AUDIT_END = 'z`';

/** The row of an audit entry, to write on its own or inside the transaction of the change it records. */
export function auditEntity(planPartition: string, entry: AuditEntry): TableEntity {
  const rowKey = `${AUDIT_PREFIX}${newestFirst(Date.parse(entry.at))}${randomBytes(4).toString('hex')}`;
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

  /**
   * A page of the trail, newest first: one ranged query. `after` is the row key that ended the
   * previous page, so every entry is reachable, however many there are.
   */
  async listPage(
    planPartition: string,
    pageSize: number,
    after: string | undefined,
  ): Promise<{ entries: AuditEntry[]; continueAfter: string | null }> {
    const from = after ?? AUDIT_PREFIX;
    const filter = after
      ? odata`PartitionKey eq ${planPartition} and RowKey gt ${from} and RowKey lt ${AUDIT_END}`
      : odata`PartitionKey eq ${planPartition} and RowKey ge ${from} and RowKey lt ${AUDIT_END}`;
    const pages = this.tables.plans
      .listEntities<AuditEntry>({ queryOptions: { filter } })
      .byPage({ maxPageSize: pageSize + 1 });
    const rows: (AuditEntry & { rowKey: string })[] = [];
    for await (const page of pages) {
      for (const row of page) {
        const entry: AuditEntry & { rowKey: string } = {
          rowKey: row.rowKey ?? '',
          at: row.at,
          actorId: row.actorId,
          actorRole: row.actorRole,
          action: row.action,
        };
        if (row.target) entry.target = row.target;
        rows.push(entry);
      }
      if (rows.length > pageSize) break;
    }
    const shown = rows.slice(0, pageSize);
    const continueAfter = rows.length > pageSize ? (shown.at(-1)?.rowKey ?? null) : null;
    return { entries: shown.map(({ rowKey: _rowKey, ...entry }) => entry), continueAfter };
  }
}
