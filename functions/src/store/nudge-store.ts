import { odata, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { GUID_PATTERN } from '../domain';
import { NUDGE_SENT_PREFIX } from './keys';
import type { Tables } from './tables';

type Row = TableEntityResult<Record<string, unknown>>;

/** One plan in the nudges index: whose it is, and the first day the daily run should look at it. */
export interface NudgeIndexEntry {
  employeeId: string;
  /** The manager when the plan last changed; the run asks the directory who it is now. */
  managerId: string | null;
  /** YYYY-MM-DD; the run looks at the plan on or after this day. */
  checkFrom: string;
}

/** An index row as read, with the ETag that lets the run reschedule it without undoing a newer mark. */
export interface StoredNudgeIndexEntry extends NudgeIndexEntry {
  etag: string;
}

/** Sent-nudge rows live in the plan's partition under this prefix, one per idempotency key. */
const SENT_PREFIX = NUDGE_SENT_PREFIX;
const SENT_END = 'n`';

function assertGuid(value: string, what: string): void {
  if (!GUID_PATTERN.test(value)) throw new Error(`Refusing to build a key from an invalid ${what}.`);
}

/**
 * What the daily nudges run reads and writes: the index of plans to look at (one partition per
 * tenant, one row per employee, so a run reads one partition per tenant instead of every plan), and
 * the nudges already sent, kept in the plan's own partition so a retried run sends nothing twice.
 */
export class NudgeStore {
  constructor(private readonly tables: Tables) {}

  /** Asks the run to look at the plan from `checkFrom` on (an agreement or a confirmation changed it). */
  async mark(tenantId: string, entry: NudgeIndexEntry): Promise<void> {
    assertGuid(tenantId, 'tenant id');
    assertGuid(entry.employeeId, 'employee id');
    await this.tables.nudges.upsertEntity(
      {
        partitionKey: tenantId,
        rowKey: entry.employeeId,
        managerId: entry.managerId ?? undefined,
        checkFrom: entry.checkFrom,
      },
      'Replace',
    );
  }

  /**
   * Asks the run to look at the plan on `checkFrom` at the latest: an earlier day already set (an
   * action coming due, a waiting confirmation) stands, so a mark for a later day never postpones it.
   */
  async markNoLaterThan(tenantId: string, entry: NudgeIndexEntry): Promise<void> {
    assertGuid(tenantId, 'tenant id');
    assertGuid(entry.employeeId, 'employee id');
    const wanted = {
      partitionKey: tenantId,
      rowKey: entry.employeeId,
      managerId: entry.managerId ?? undefined,
      checkFrom: entry.checkFrom,
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let current: { checkFrom?: unknown; etag: string } | null = null;
      try {
        current = await this.tables.nudges.getEntity(tenantId, entry.employeeId);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      }
      try {
        if (!current) await this.tables.nudges.createEntity(wanted);
        else if (typeof current.checkFrom === 'string' && current.checkFrom <= entry.checkFrom) return;
        else await this.tables.nudges.updateEntity(wanted, 'Replace', { etag: current.etag });
        return;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        // Marked or rescheduled meanwhile: decide again on what is there now.
        if (status !== 409 && status !== 412) throw error;
      }
    }
  }

  /** Every plan of the tenant in the index: one partition, read page by page. */
  async listTenant(tenantId: string): Promise<StoredNudgeIndexEntry[]> {
    assertGuid(tenantId, 'tenant id');
    const entries: StoredNudgeIndexEntry[] = [];
    const rows = this.tables.nudges.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${tenantId}` },
    });
    for await (const row of rows) {
      entries.push({
        employeeId: String(row.rowKey),
        managerId: typeof row.managerId === 'string' ? row.managerId : null,
        checkFrom: typeof row.checkFrom === 'string' ? row.checkFrom : '0000-01-01',
        etag: row.etag,
      });
    }
    return entries;
  }

  /**
   * Sets when the run looks at the plan next, unless the plan was marked since the run read the index
   * (its ETag moved): that mark asks for a look sooner and stands.
   */
  async reschedule(
    tenantId: string,
    read: StoredNudgeIndexEntry,
    next: Pick<NudgeIndexEntry, 'managerId' | 'checkFrom'>,
  ): Promise<void> {
    try {
      await this.tables.nudges.updateEntity(
        {
          partitionKey: tenantId,
          rowKey: read.employeeId,
          managerId: next.managerId ?? undefined,
          checkFrom: next.checkFrom,
        },
        'Replace',
        { etag: read.etag },
      );
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 412 && status !== 404) throw error;
    }
  }

  async forget(tenantId: string, employeeId: string): Promise<void> {
    try {
      await this.tables.nudges.deleteEntity(tenantId, employeeId);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }

  /** The keys of the nudges already sent about a plan (or, in a manager's own partition, to them as a manager). */
  async sentKeys(partitionKey: string): Promise<Set<string>> {
    const keys = new Set<string>();
    const rows = this.tables.plans.listEntities<Row>({
      queryOptions: {
        filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${SENT_PREFIX} and RowKey lt ${SENT_END}`,
        select: ['RowKey'],
      },
    });
    for await (const row of rows) keys.add(String(row.rowKey).slice(SENT_PREFIX.length));
    return keys;
  }

  /** Records nudges as sent, in transactions of up to 100 (a retry of a recorded key changes nothing). */
  async recordSent(partitionKey: string, keys: readonly string[], sentAt: string): Promise<void> {
    for (let start = 0; start < keys.length; start += 100) {
      const batch = keys
        .slice(start, start + 100)
        .map((key): TransactionAction => [
          'upsert',
          { partitionKey, rowKey: `${SENT_PREFIX}${key}`, kind: 'nudgeSent', sentAt },
          'Replace',
        ]);
      await this.tables.plans.submitTransaction(batch);
    }
  }
}
