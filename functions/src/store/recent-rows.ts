import type { TableEntity, TableEntityResult } from '@azure/data-tables';

type Row = TableEntityResult<Record<string, unknown>>;

/**
 * The rows this process last read or wrote, with their ETags, so that a write can start from the
 * version the caller holds instead of reading it again. Nothing is ever served from here to a
 * reader: only writes use it, and every write is conditional on the remembered ETag, so a row that
 * changed elsewhere (another instance, another process) fails the write and is read again. It is
 * bounded, forgets the oldest first, and lives with the store object that the process makes once.
 */
export class RecentRows {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly capacity = 1000) {}

  private static key(partitionKey: string, rowKey: string): string {
    return `${partitionKey}\n${rowKey}`;
  }

  get(partitionKey: string, rowKey: string): Row | undefined {
    const key = RecentRows.key(partitionKey, rowKey);
    const row = this.rows.get(key);
    if (row) {
      // Most recently used last, so the oldest is the first to go.
      this.rows.delete(key);
      this.rows.set(key, row);
    }
    return row;
  }

  remember(row: Row): void {
    if (!row.partitionKey || !row.rowKey || !row.etag) return;
    const key = RecentRows.key(row.partitionKey, row.rowKey);
    this.rows.delete(key);
    this.rows.set(key, row);
    while (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next().value;
      if (oldest === undefined) break;
      this.rows.delete(oldest);
    }
  }

  /** Remembers an entity as written, with the ETag storage answered for it. */
  written(entity: TableEntity, etag: string): void {
    this.remember({ ...entity, etag });
  }

  forget(partitionKey: string, rowKey: string): void {
    this.rows.delete(RecentRows.key(partitionKey, rowKey));
  }
}
