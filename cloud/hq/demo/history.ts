/**
 * The demo store's history (fixtures/demo-store/history): eight months of sales in the stores, the
 * online store and the mini-program, and the fitting-room try-ons with their outcome and the
 * shopper's reason. Loaded as events (sales, tryons) in one transaction with the upkeep triggers
 * off, then the rollups are recomputed from them in the same transaction, so the console shows
 * the history's real patterns on first start.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/db';
import { parseCsv } from '../../demo/csv';
import { recomputeRollups } from '../rollups/recompute';

const CHUNK = 4000;
const OUTCOMES: Record<string, string> = {
  liked: 'liked',
  rejected: 'rejected',
  size_swap: 'size-swap',
  'size-swap': 'size-swap',
  bought: 'bought',
};
const REASONS: Record<string, string> = {
  too_small: 'too-small',
  too_big: 'too-big',
  colour: 'colour',
  style: 'style',
  price: 'price',
};
const CHANNELS = new Set(['store', 'online', 'miniapp']);

interface HistorySale {
  sale_id: string;
  store_id: string;
  member_id: string | null;
  total_cents: number;
  body: object;
  sold_at: string;
  channel: string;
}

function salesOf(rows: Record<string, string>[]): HistorySale[] {
  const byTxn = new Map<string, HistorySale & { lines: object[] }>();
  for (const r of rows) {
    const txn = r.txn_id ?? '';
    const qty = Number.parseInt(r.qty ?? '0', 10);
    const unit = Number.parseInt(r.unit_price_cents ?? '0', 10);
    if (!txn || !r.sku || !(qty > 0) || !CHANNELS.has(r.channel ?? '')) continue;
    let sale = byTxn.get(txn);
    if (!sale) {
      sale = {
        sale_id: txn,
        store_id: r.location_id ?? '',
        member_id: r.member_id || null,
        total_cents: 0,
        body: {},
        sold_at: r.ts ?? '',
        channel: r.channel ?? 'store',
        lines: [],
      };
      byTxn.set(txn, sale);
    }
    sale.lines.push({ sku: r.sku, qty, unitPriceCents: unit, discountCents: 0 });
    sale.total_cents += qty * unit;
  }
  return [...byTxn.values()].map(({ lines, ...sale }) => ({
    ...sale,
    body: {
      saleId: sale.sale_id,
      memberId: sale.member_id,
      lines,
      totalCents: sale.total_cents,
      payments: [],
      soldAt: sale.sold_at,
    },
  }));
}

function tryonsOf(rows: Record<string, string>[]) {
  return rows.flatMap((r, i) => {
    const outcome = OUTCOMES[r.outcome ?? ''];
    if (!outcome || !r.session_id || !r.sku || !r.ts) return [];
    const id = `H${String(i + 1).padStart(7, '0')}`;
    const reason = REASONS[r.reason ?? ''] ?? null;
    const memberId = r.member_id || null;
    return [
      {
        tryon_id: id,
        store_id: r.store_id ?? '',
        at: r.ts,
        outcome,
        reason,
        body: {
          tryOnId: id,
          sessionId: r.session_id,
          sku: r.sku,
          memberId,
          outcome,
          reason,
          at: r.ts,
        },
      },
    ];
  });
}

export async function loadDemoHistory(
  db: Db,
  dir: string,
): Promise<{ sales: number; tryons: number }> {
  const read = async (name: string) =>
    parseCsv(await readFile(join(dir, 'history', `${name}.csv`), 'utf8'));
  const sales = salesOf(await read('transactions'));
  const tryons = tryonsOf(await read('tryons'));
  await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('hq.bulk', 'on', true)");
    for (let i = 0; i < sales.length; i += CHUNK)
      await tx.query(
        `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
         SELECT sale_id, 'history', store_id, member_id, total_cents, body, sold_at, channel
         FROM jsonb_to_recordset($1::jsonb) AS r(sale_id text, store_id text, member_id text, total_cents int,
           body jsonb, sold_at timestamptz, channel text)
         ON CONFLICT (sale_id) DO NOTHING`,
        [JSON.stringify(sales.slice(i, i + CHUNK))],
      );
    for (let i = 0; i < tryons.length; i += CHUNK)
      await tx.query(
        `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
         SELECT tryon_id, 'history', store_id, body, at, outcome, reason
         FROM jsonb_to_recordset($1::jsonb) AS r(tryon_id text, store_id text, body jsonb, at timestamptz,
           outcome text, reason text)
         ON CONFLICT (tryon_id) DO NOTHING`,
        [JSON.stringify(tryons.slice(i, i + CHUNK))],
      );
    await recomputeRollups(tx, { facts: 'from-events' });
  });
  return { sales: sales.length, tryons: tryons.length };
}
