/**
 * The named operations sync/ writes the kiosk through (core/sync-store): what they refuse, what a
 * reset forgets and what the end of a snapshot prunes. The pull and push suites in sync/ cover
 * them end to end against a scripted cloud.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, openDemoDb, type TestDb } from '../../test/support/db';
import { enqueue } from '../outbox/outbox';
import {
  bulkProgress,
  forgetStreamPosition,
  markSnapshotKey,
  oldestUnackedGroup,
  pruneStock,
  queueFigures,
  saveBulkProgress,
  saveCursor,
  savedCursor,
  setAnswerState,
  upsertCoupon,
  upsertStock,
  upsertVariant,
} from '.';

let db: TestDb;
beforeEach(() => {
  db = openDemoDb();
});
afterEach(() => db.close());

describe('pulled rows that do not fit the kiosk schema', () => {
  it('refuses a variant of an unknown style, stock of an unknown SKU and a coupon of an unknown tier', () => {
    const variant = {
      styleId: 'NOPE01',
      gtin: '06970009999990',
      colorCode: 'X',
      colorZh: 'x',
      colorEn: 'x',
    };
    expect(upsertVariant(db, { ...variant, sku: 'NOPE01-X-M', size: 'M' })).toBe(false);
    expect(upsertStock(db, 'NOPE01-X-M', 'S001', 4)).toBe(false);
    const coupon = { code: 'C-NEW', titleZh: 't', titleEn: 't', kind: 'amount', value: 10 };
    const when = { minSpendCents: 0, validFrom: '2026-01-01', validTo: '2026-12-31', singleUse: 0 };
    expect(upsertCoupon(db, { ...coupon, ...when, minTier: 'platinum-x' })).toBe(false);
    expect(count(db, "SELECT count(*) FROM variants WHERE sku = 'NOPE01-X-M'")).toBe(0);
    expect(count(db, "SELECT count(*) FROM coupons WHERE code = 'C-NEW'")).toBe(0);
    expect(upsertCoupon(db, { ...coupon, ...when, minTier: 'regular' })).toBe(true);
    expect(upsertStock(db, 'DRE001-WHT-XS', 'S001', 9)).toBe(true);
    expect(
      count(db, "SELECT on_hand FROM stock WHERE sku = 'DRE001-WHT-XS' AND location_id = 'S001'"),
    ).toBe(9);
  });
});

describe('stream positions', () => {
  it('forgets the cursor, the snapshot keys and the bulk progress of one stream only', () => {
    const at = new Date('2026-09-01T00:00:00Z');
    for (const stream of ['stock', 'catalog']) {
      saveCursor(db, stream, `c-${stream}`, at.toISOString());
      markSnapshotKey(db, stream, 'k1');
      saveBulkProgress(db, stream, { total: 10, done: 4 }, at);
    }
    forgetStreamPosition(db, 'stock');
    expect(savedCursor(db, 'stock')).toBeNull();
    expect(bulkProgress(db, 'stock')).toBeNull();
    expect(count(db, "SELECT count(*) FROM sync_snapshot_keys WHERE stream = 'stock'")).toBe(0);
    expect(savedCursor(db, 'catalog')).toBe('c-catalog');
    expect(bulkProgress(db, 'catalog')).toEqual({ total: 10, done: 4 });
  });

  it('prunes at the end of a stock snapshot the rows it did not list', () => {
    const before = count(db, 'SELECT count(*) FROM stock');
    expect(before).toBeGreaterThan(1);
    markSnapshotKey(db, 'stock', 'DRE001-WHT-XS@S001');
    pruneStock(db);
    expect(count(db, 'SELECT count(*) FROM stock')).toBe(1);
  });
});

describe('the outbox as the pusher sees it', () => {
  it('gives the oldest group in seq order, and counts what an answer acknowledged or parked', () => {
    const now = new Date('2026-09-01T00:00:00Z');
    for (const n of [1, 2, 3])
      db.transaction(() =>
        enqueue(
          db,
          {
            name: 'logTryOn',
            version: 1,
            idempotencyKey: `t:${n}`,
            args: { n },
            hlc: `000001764000000000-000${n}-kiosk-1`,
          },
          now,
        ),
      );
    const rows = oldestUnackedGroup(db, 2);
    expect(rows.map((r) => r.idempotency_key)).toEqual(['t:1', 't:2']);
    setAnswerState(db, rows[0]?.id ?? 0, 'acked', null);
    setAnswerState(db, rows[1]?.id ?? 0, 'parked', 'invalid-args: no');
    expect(queueFigures(db)).toMatchObject({ depth: 1, parked: 1, openStaffTasks: 0 });
  });
});
