/**
 * Issue 11 item 8: idempotency keys are scoped to the device. A second device reusing a key is
 * processed on its own (not answered with the first device's outcome); a business id (sale id,
 * earn id) still dedupes brand-wide, whichever device and key bring it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { DB_KINDS, countWhere, enrollDevice, env, push, startCloud, type Cloud } from './harness';

const MEMBER = 'M000013'; // home store S001, like both kiosks

describe.each(DB_KINDS)('idempotency keys per device on %s', (kind) => {
  let cloud: Cloud;
  let a: EnrollResponse;
  let b: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud(kind);
    a = await enrollDevice(cloud, 'S001');
    b = await enrollDevice(cloud, 'S001');
  });
  afterAll(async () => cloud.close());

  const ledger = (ref: string) => countWhere(cloud, 'points_ledger', 'ref', ref);
  const earn = (seq: number, earnId: string, key: string) =>
    env(seq, 'earnPoints', { earnId, memberId: MEMBER, points: 7, saleId: null }, { key });

  it("processes another device's mutation under the same key on its own", async () => {
    const first = await push(cloud, a, 'e1', [earn(1, 'E-a', 'earn:1')]);
    expect(first.json().results[0]).toMatchObject({ status: 'applied' });
    const second = await push(cloud, b, 'e1', [earn(1, 'E-b', 'earn:1')]);
    expect(second.json().results[0]).toMatchObject({ status: 'applied' });
    expect([await ledger('earn:E-a'), await ledger('earn:E-b')]).toEqual([1, 1]);
    // the same device reusing its own key still gets its first outcome
    const again = await push(cloud, b, 'e1', [earn(2, 'E-c', 'earn:1')]);
    expect(again.json().results[0]).toMatchObject({
      status: 'duplicate',
      original: { status: 'applied' },
    });
    expect(await ledger('earn:E-c')).toBe(0);
  });

  it('dedupes a business id brand-wide, whatever device or key carries it', async () => {
    const sale = {
      saleId: 'SALE-shared',
      memberId: null,
      lines: [{ sku: 'DRE001-WHT-XS', qty: 1, unitPriceCents: 100, discountCents: 0 }],
      totalCents: 100,
      payments: [],
      soldAt: '2026-11-20T09:00:00Z',
    };
    const byA = await push(cloud, a, 'e1', [env(2, 'recordSale', sale, { key: 'sale:A' })]);
    expect(byA.json().results[0].result).toEqual({ saleId: 'SALE-shared', recorded: true });
    const byB = await push(cloud, b, 'e1', [env(3, 'recordSale', sale, { key: 'sale:B' })]);
    expect(byB.json().results[0].result).toEqual({ saleId: 'SALE-shared', recorded: false });
    const earnB = await push(cloud, b, 'e1', [earn(4, 'E-a', 'another-key')]);
    expect(earnB.json().results[0]).toMatchObject({ status: 'applied' });
    expect(await ledger('earn:E-a')).toBe(1);
    const { rows } = await cloud.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sales WHERE sale_id = 'SALE-shared'",
    );
    expect(rows[0]?.n).toBe(1);
  });
});
