import type { Tables } from '../../functions/src/store';

/**
 * Every row of every table — audit rows and the nudges index included — with its ETag, sorted. The
 * same list before and after a request means it wrote nothing at all, not even a rewrite of a row.
 */
export async function everyRow(tables: Tables): Promise<string[]> {
  const rows: string[] = [];
  const every = [
    ['plans', tables.plans],
    ['links', tables.links],
    ['nudges', tables.nudges],
  ] as const;
  for (const [name, table] of every) {
    for await (const entity of table.listEntities()) {
      rows.push(`${name}|${entity.partitionKey}|${entity.rowKey}|${entity.etag}`);
    }
  }
  return rows.sort();
}
