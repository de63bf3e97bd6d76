import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import {
  DB_KINDS,
  enrollDevice,
  env,
  lookup,
  pullAll,
  push,
  startCloud,
  type Cloud,
} from './harness';

const MEMBER = 'M000017'; // home store S001
const MEMBER_CARD = '6280000000000172';

describe.each(DB_KINDS)('used single-use coupons in the members stream on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  let seq = 0;
  const redeem = async (couponCode: string, redemptionId: string) => {
    const args = { redemptionId, couponCode, memberId: MEMBER, saleId: null, discountCents: 5000 };
    const res = await push(cloud, dev, 'e1', [env(++seq, 'redeemCoupon', args)]);
    expect(res.statusCode).toBe(200);
    return res.json().results[0];
  };
  beforeAll(async () => {
    cloud = await startCloud(kind);
    dev = await enrollDevice(cloud, 'S001');
  });
  afterAll(async () => cloud.close());

  it('re-emits the member row with the coupon when a single-use redemption applies, only then', async () => {
    const snapshot = await pullAll(cloud, dev.token, 'members');
    const before = snapshot.rows.find((r) => r.key === MEMBER);
    expect(before?.data).toMatchObject({ memberId: MEMBER, usedCoupons: [] });

    expect(await redeem('WELCOME50', 'CR-1')).toMatchObject({ status: 'applied' });
    const delta = await pullAll(cloud, dev.token, 'members', snapshot.cursor);
    expect(
      delta.rows.map((r) => [r.key, (r.data as { usedCoupons?: unknown }).usedCoupons]),
    ).toEqual([[MEMBER, ['WELCOME50']]]);

    // a multi-use coupon is not listed and does not re-emit the row; a rejected second use neither
    expect(await redeem('SPRING20', 'CR-2')).toMatchObject({ status: 'applied' });
    expect(await redeem('WELCOME50', 'CR-3')).toMatchObject({
      status: 'rejected',
      error: { code: 'coupon-already-used' },
    });
    const quiet = await pullAll(cloud, dev.token, 'members', delta.cursor);
    expect(quiet.rows).toEqual([]);

    const res = await lookup(cloud, dev.token, { cardNo: MEMBER_CARD });
    expect(res.statusCode).toBe(200);
    expect(res.json().member.usedCoupons).toEqual(['WELCOME50']);
  });
});
