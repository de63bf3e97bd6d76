/**
 * Import specs for past sales and try-ons (history/). Each row gets `line_no`, its position among
 * the rows of the same transaction or session, since one item bought twice is two identical lines.
 * Optional: a store folder without history imports, it just has nothing to recommend from.
 */
import { z } from 'zod';
import { cents, id, optionalId, timestamp } from './fields';
import { fileSpec, type FileSpec, type PrepareContext } from './spec';

/** A member erased on this kiosk stays unlinked from history, whatever the file says. */
function unlinkErased(column: number) {
  return (row: unknown[], { db }: PrepareContext): unknown[] => {
    const memberId = row[column];
    if (memberId === null) return row;
    const erased = db
      .prepare<[unknown], { n: number }>(
        'SELECT 1 AS n FROM members WHERE member_id = ? AND erased_at IS NOT NULL',
      )
      .get(memberId);
    if (!erased) return row;
    const out = [...row];
    out[column] = null;
    return out;
  };
}

const positive = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, 'must be a whole number ≥ 1')
  .transform(Number);

const transactions = z.object({
  txn_id: id,
  member_id: optionalId,
  location_id: id,
  channel: z.enum(['store', 'online', 'miniapp'], { message: 'must be store, online or miniapp' }),
  ts: timestamp,
  sku: id,
  qty: positive,
  unit_price_cents: cents,
});

const tryons = z.object({
  session_id: id,
  member_id: optionalId,
  store_id: id,
  ts: timestamp,
  sku: id,
  // The export writes size_swap; the kiosk's own outcome names use a hyphen.
  outcome: z
    .enum(['liked', 'rejected', 'size_swap', 'size-swap', 'bought'], {
      message: 'must be liked, rejected, size_swap or bought',
    })
    .transform((value) => (value === 'size_swap' ? 'size-swap' : value)),
  // Optional column (older exports lack it): the "not for me" reason, empty when none was given.
  reason: z
    .enum(['', 'too_small', 'too_big', 'colour', 'style', 'price'], {
      message: 'must be empty, too_small, too_big, colour, style or price',
    })
    .optional()
    .transform((value) => (value ? value.replace('_', '-') : null)),
});

export const historyFiles: readonly FileSpec[] = [
  fileSpec({
    file: 'history/transactions.csv',
    table: 'history_transactions',
    header: Object.keys(transactions.shape),
    schema: transactions,
    columns: [
      'txn_id',
      'line_no',
      'member_id',
      'location_id',
      'channel',
      'ts',
      'sku',
      'qty',
      'unit_price_cents',
    ],
    key: ['txn_id', 'line_no'],
    optional: true,
    prepare: unlinkErased(2),
    toRow: (row, ctx) => {
      const t = row;
      return [
        t.txn_id,
        ctx.ordinal(t.txn_id),
        t.member_id,
        t.location_id,
        t.channel,
        t.ts,
        t.sku,
        t.qty,
        t.unit_price_cents,
      ];
    },
  }),
  fileSpec({
    file: 'history/tryons.csv',
    table: 'history_tryons',
    header: ['session_id', 'member_id', 'store_id', 'ts', 'sku', 'outcome'],
    schema: tryons,
    columns: ['session_id', 'line_no', 'member_id', 'store_id', 'ts', 'sku', 'outcome', 'reason'],
    key: ['session_id', 'line_no'],
    optional: true,
    prepare: unlinkErased(2),
    toRow: (row, ctx) => {
      const t = row;
      return [
        t.session_id,
        ctx.ordinal(t.session_id),
        t.member_id,
        t.store_id,
        t.ts,
        t.sku,
        t.outcome,
        t.reason,
      ];
    },
  }),
];
