/**
 * Loads the demo store's history (fixtures/demo-store/history: sales of every channel, try-ons with
 * outcome and reason) into the cloud's history tables, so brand-wide training has the past the
 * kiosks never pushed. Idempotent: rows already there are kept.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Queryable } from '../db/db';
import { parseCsv } from '../demo/csv';

/** The export writes size_swap / too_small; the cloud's names use a hyphen. Empty means none. */
const hyphen = (value: string | undefined) => (value ? value.replace(/_/g, '-') : null);

async function insertRows(tx: Queryable, table: string, columns: string, rows: object[]) {
  const names = columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  for (let i = 0; i < rows.length; i += 5000)
    await tx.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.slice(i, i + 5000))],
    );
}

/** Numbers the rows of each group (sale or session) in file order, as the kiosk's import does. */
function numbered(rows: Record<string, string>[], group: string) {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const id = r[group] ?? '';
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return { row: r, lineNo: n };
  });
}

export async function loadDemoHistory(
  db: Db,
  dir: string,
): Promise<{ transactions: number; tryons: number }> {
  const read = async (name: string) =>
    parseCsv(await readFile(join(dir, 'history', `${name}.csv`), 'utf8'));
  const [transactions, tryons] = await Promise.all([read('transactions'), read('tryons')]);
  await db.transaction(async (tx) => {
    await insertRows(
      tx,
      'history_transactions',
      'txn_id text, line_no int, member_id text, location_id text, channel text, ts timestamptz, sku text, qty int, unit_price_cents int',
      numbered(transactions, 'txn_id').map(({ row, lineNo }) => ({
        txn_id: row.txn_id,
        line_no: lineNo,
        member_id: row.member_id || null,
        location_id: row.location_id,
        channel: row.channel,
        ts: row.ts,
        sku: row.sku,
        qty: Number(row.qty),
        unit_price_cents: Number(row.unit_price_cents),
      })),
    );
    await insertRows(
      tx,
      'history_tryons',
      'session_id text, line_no int, member_id text, store_id text, ts timestamptz, sku text, outcome text, reason text',
      numbered(tryons, 'session_id').map(({ row, lineNo }) => ({
        session_id: row.session_id,
        line_no: lineNo,
        member_id: row.member_id || null,
        store_id: row.store_id,
        ts: row.ts,
        sku: row.sku,
        outcome: hyphen(row.outcome),
        reason: hyphen(row.reason),
      })),
    );
  });
  return { transactions: transactions.length, tryons: tryons.length };
}
