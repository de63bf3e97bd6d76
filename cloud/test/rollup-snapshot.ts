/**
 * A rollup table as the upkeep checks compare it: its rows as sorted JSON, without rows whose
 * every non-key column is 0 or null (the triggers leave such rows, the recompute does not).
 */
import type { Queryable } from '../db/db';

export async function rollupSnapshot(q: Queryable, table: string): Promise<string[]> {
  const { rows: keys } = await q.query<{ column_name: string }>(
    `SELECT a.attname AS column_name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary`,
    [table],
  );
  const keySet = new Set(keys.map((k) => k.column_name));
  const { rows } = await q.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(t) AS row FROM ${table} t`,
  );
  return rows
    .map((r) => r.row)
    .filter((row) => Object.entries(row).some(([k, v]) => !keySet.has(k) && v !== 0 && v !== null))
    .map((row) => JSON.stringify(row, Object.keys(row).sort()))
    .sort();
}
