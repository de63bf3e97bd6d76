import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MemberLookupResponse } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, env, lookup, push, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('conflict rules on %s', (kind) => {
  let cloud: Cloud;
  let a: EnrollResponse;
  let b: EnrollResponse;
  const seq = new Map<string, number>();
  /** Device b (store S002) writes for S001 members: each presented a card there (a ticket). */
  const tickets = new Map<string, string>();
  const send = async (
    d: EnrollResponse,
    name: string,
    args: { memberId?: string | null; [field: string]: unknown },
    hlcMs?: number,
  ) => {
    const n = (seq.get(d.deviceId) ?? 0) + 1;
    seq.set(d.deviceId, n);
    const presence = d === b && args.memberId ? tickets.get(args.memberId) : undefined;
    const res = await push(cloud, d, 'e1', [
      env(n, name, args, { ...(hlcMs === undefined ? {} : { hlcMs }), presence }),
    ]);
    expect(res.statusCode).toBe(200);
    return res.json().results[0];
  };
  beforeAll(async () => {
    cloud = await startCloud(kind);
    a = await enrollDevice(cloud, 'S001');
    b = await enrollDevice(cloud, 'S002');
    for (const [memberId, cardNo] of [
      ['M000013', '6280000000000131'],
      ['M000027', '6280000000000271'],
    ] as const) {
      const found = await lookup(cloud, b.token, { cardNo });
      tickets.set(memberId, found.json<MemberLookupResponse>().presence.ticket);
    }
  });
  afterAll(async () => cloud.close());

  it('uses a single-use coupon once across kiosks: the second is rejected with a task and compensation', async () => {
    const args = {
      couponCode: 'WELCOME50',
      memberId: 'M000013',
      saleId: 'S-c',
      discountCents: 5000,
    };
    expect((await send(a, 'redeemCoupon', { ...args, redemptionId: 'CR-1' })).status).toBe(
      'applied',
    );
    const second = await send(b, 'redeemCoupon', { ...args, redemptionId: 'CR-2' });
    expect(second).toMatchObject({
      status: 'rejected',
      error: { code: 'coupon-already-used' },
      compensation: {
        kind: 'coupon-used',
        couponCode: 'WELCOME50',
        memberId: 'M000013',
        discountCents: 5000,
      },
      staffTask: { kind: 'coupon-already-used' },
    });
    const { rows } = await cloud.db.query<{ last_seq: number }>(
      'SELECT last_seq::int AS last_seq FROM devices WHERE device_id = $1',
      [b.deviceId],
    );
    expect(rows[0]?.last_seq).toBe(seq.get(b.deviceId));
    // a multi-use coupon may be used again
    expect(
      (await send(b, 'redeemCoupon', { ...args, couponCode: 'SPRING20', redemptionId: 'CR-3' }))
        .status,
    ).toBe('applied');
    expect(
      (await send(a, 'redeemCoupon', { ...args, couponCode: 'SPRING20', redemptionId: 'CR-4' }))
        .status,
    ).toBe('applied');
  });

  const t = Date.parse('2026-11-20T10:00:00Z');
  const pref = (key: string, value: string) => ({ memberId: 'M000027', key, value });

  it('keeps the preference with the newer HLC, whatever the arrival order', async () => {
    expect(await send(a, 'setPreference', pref('fit', 'slim'), t + 10)).toMatchObject({
      result: { won: true, value: 'slim' },
    });
    expect(await send(b, 'setPreference', pref('fit', 'regular'), t + 5)).toMatchObject({
      result: { won: false, value: 'slim' },
    });
    expect(await send(b, 'setPreference', pref('fit', 'loose'), t + 20)).toMatchObject({
      result: { won: true, value: 'loose' },
    });
  });

  it('breaks an HLC tie by device id', async () => {
    const [low, high] = a.deviceId < b.deviceId ? [a, b] : [b, a];
    await send(high, 'setPreference', pref('color', 'high'), t + 100);
    expect(await send(low, 'setPreference', pref('color', 'low'), t + 100)).toMatchObject({
      result: { won: false, value: 'high' },
    });
    await send(low, 'setPreference', pref('size', 'low'), t + 100);
    expect(await send(high, 'setPreference', pref('size', 'high'), t + 100)).toMatchObject({
      result: { won: true, value: 'high' },
    });
  });

  it('clamps a stamp from a clock far in the future to the server clock', async () => {
    const year2100 = Date.parse('2100-01-01T00:00:00Z');
    const far = await send(a, 'setPreference', pref('style', 'future'), year2100);
    expect(far.result.won).toBe(true);
    expect(far.result.hlc.startsWith(String(cloud.clock.ms).padStart(15, '0'))).toBe(true);
    const later = await send(b, 'setPreference', pref('style', 'now'), cloud.clock.ms + 1000);
    expect(later).toMatchObject({ result: { won: true, value: 'now' } });
  });

  it('records consent last-writer-wins and reflects it on the member', async () => {
    await send(
      a,
      'recordConsent',
      { consentId: 'C-1', memberId: 'M000027', kind: 'marketing', granted: false },
      t + 50,
    );
    await send(
      b,
      'recordConsent',
      { consentId: 'C-2', memberId: 'M000027', kind: 'marketing', granted: true },
      t + 40,
    );
    const { rows } = await cloud.db.query<{ c: boolean }>(
      "SELECT consent_marketing AS c FROM members WHERE member_id = 'M000027'",
    );
    expect(rows[0]?.c).toBe(false);
  });

  it('deduplicates a sale and a try-on by their ids across devices', async () => {
    const saleArgs = {
      saleId: 'S-dup',
      memberId: null,
      lines: [{ sku: 'DRE001-WHT-XS', qty: 1, unitPriceCents: 1, discountCents: 0 }],
      totalCents: 1,
      payments: [],
      soldAt: '2026-11-20T09:00:00Z',
    };
    expect((await send(a, 'recordSale', saleArgs)).result).toEqual({
      saleId: 'S-dup',
      recorded: true,
    });
    expect((await send(b, 'recordSale', saleArgs)).result).toEqual({
      saleId: 'S-dup',
      recorded: false,
    });
    const tryOn = {
      tryOnId: 'T-dup',
      sessionId: 's',
      sku: 'DRE001-WHT-XS',
      memberId: null,
      action: 'like',
      at: '2026-11-20T09:00:00Z',
    };
    expect((await send(a, 'logTryOn', tryOn)).result.recorded).toBe(true);
    expect((await send(a, 'logTryOn', tryOn)).result.recorded).toBe(false);
  });

  it('rejects an order without stock and reserves one with stock', async () => {
    const none = await send(a, 'placeOrder', {
      orderId: 'O-1',
      kind: 'ship-from-online',
      fromLocation: 'ONLINE',
      lines: [{ sku: 'DRE001-WHT-XS', qty: 10000 }],
      memberId: null,
      contact: null,
    });
    expect(none).toMatchObject({
      status: 'rejected',
      error: { code: 'out-of-stock' },
      compensation: { kind: 'order-cancelled', orderId: 'O-1' },
    });
    const ok = await send(a, 'placeOrder', {
      orderId: 'O-2',
      kind: 'reserve-in-store',
      fromLocation: 'S002',
      lines: [{ sku: 'DRE001-WHT-XS', qty: 1 }],
      memberId: null,
      contact: null,
    });
    expect(ok.result).toEqual({ orderId: 'O-2', status: 'reserved' });
  });
});
