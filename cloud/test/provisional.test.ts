import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, enrollDevice, env, push, saleArgs, startCloud, type Cloud } from './harness';

const register = (provisionalId: string, phone: string) => ({
  provisionalId,
  name: '新会员',
  phone,
  gender: null,
  birthday: null,
  consentProfile: true,
  consentMarketing: true,
});

describe.each(DB_KINDS)('provisional member ids on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  const one = async <T>(sql: string, params: unknown[]) =>
    (await cloud.db.query<T & Record<string, unknown>>(sql, params as never)).rows[0];

  it('every mutation naming a provisional id lands on the permanent member, merged or new', async () => {
    const dev = await enrollDevice(cloud);
    const res = await push(cloud, dev, '1', [
      env(1, 'registerMember', register('PRV-new', '13900139001')),
      // another kiosk's sign-up with the same phone merges into that member
      env(2, 'registerMember', register('PRV-merged', '+8613900139001')),
      env(3, 'earnPoints', { earnId: 'W-1', memberId: 'PRV-new', points: 200, saleId: null }),
      env(4, 'earnPoints', { earnId: 'W-2', memberId: 'PRV-merged', points: 50, saleId: null }),
      env(5, 'redeemCoupon', {
        redemptionId: 'CR-1',
        couponCode: 'WELCOME50',
        memberId: 'PRV-merged',
        saleId: 'SALE-1',
        discountCents: 5000,
      }),
      env(6, 'setPreference', { memberId: 'PRV-merged', key: 'size.top', value: 'M' }),
      env(7, 'recordSale', saleArgs('SALE-1', { memberId: 'PRV-new', discountCents: 5000 })),
      env(8, 'redeemPoints', {
        redemptionId: 'RP-1',
        memberId: 'PRV-merged',
        points: 100,
        saleId: null,
      }),
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results as { status: string; result: { memberId?: string } }[];
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('applied'));
    const memberId = results[0]?.result.memberId ?? '';
    expect(memberId).toMatch(/^M\d+$/);
    expect(results[1]?.result).toEqual({ provisionalId: 'PRV-merged', memberId, merged: true });
    expect(
      await one<{ points: number }>('SELECT points FROM members WHERE member_id = $1', [memberId]),
    ).toEqual({ points: 150 });
    expect(
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM points_ledger WHERE member_id = $1`,
        [memberId],
      ),
    ).toEqual({ n: 3 });
    expect(
      await one('SELECT member_id FROM coupon_redemptions WHERE redemption_id = $1', ['CR-1']),
    ).toEqual({ member_id: memberId });
    expect(
      await one('SELECT member_id FROM member_settings WHERE key = $1 AND member_id = $2', [
        'pref.size.top',
        memberId,
      ]),
    ).toEqual({ member_id: memberId });
    expect(await one('SELECT member_id FROM sales WHERE sale_id = $1', ['SALE-1'])).toEqual({
      member_id: memberId,
    });
    expect(
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM members WHERE member_id LIKE 'PRV-%'`,
        [],
      ),
    ).toEqual({ n: 0 });
    // the same sign-up sent again (a retry under a new key) answers the same permanent id
    const again = await push(cloud, dev, '1', [
      env(9, 'registerMember', register('PRV-merged', '13900139001')),
    ]);
    expect(again.json().results[0].result).toEqual({
      provisionalId: 'PRV-merged',
      memberId,
      merged: true,
    });
  });
});
