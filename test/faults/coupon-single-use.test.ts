/**
 * A single-use coupon is single-use across kiosks: two kiosks, both offline, sell to the same
 * member with the same welcome coupon through the real checkout screen. Each sale queues its
 * `redeemCoupon` with the sale; when both sync to the real cloud exactly one redemption applies,
 * the other is rejected (`coupon-already-used`) and comes back as a compensation and a staff task.
 * Neither kiosk offers the coupon to that member again.
 */
import { describe, expect, it } from 'vitest';
import { readOnly } from '../../core/store/db';
import { usedCouponsOf } from '../../core/members';

import { check } from './support/checker';

import { enrolledKiosk } from './support/in-process';
import { useFaultEnvironment } from './support/environment';
import { COUPON, MEMBER, offered, sellWithCoupon } from './support/welcome-coupon';

const env = useFaultEnvironment();

describe('the same single-use coupon at two offline kiosks', () => {
  it('applies once in the cloud; the other kiosk gets the rejection, a compensation and a staff task', async () => {
    const [a, b] = [
      await enrolledKiosk(env.newDir(), env.cloud),
      await enrolledKiosk(env.newDir(), env.cloud),
    ];
    try {
      for (const k of [a, b]) expect((await k.sync()).ok).toBe(true); // catalog, members, coupons
      expect(offered(a)).toContain(COUPON);
      // Offline: each kiosk sells with the coupon; nothing reaches the cloud yet.
      await sellWithCoupon(a);
      await sellWithCoupon(b);
      for (const k of [a, b])
        expect(
          k.db
            .prepare(
              "SELECT count(*) AS n FROM outbox WHERE mutation = 'redeemCoupon' AND state = 'pending'",
            )
            .get(),
        ).toEqual({ n: 1 });
      // Back online: a first, then b; then both again so every kiosk converges.
      for (const k of [a, b, a, b]) expect((await k.sync()).ok).toBe(true);

      const redemptions = await env.cloud.query<{ device_id: string }>(
        'SELECT device_id FROM coupon_redemptions WHERE coupon_code = $1 AND member_id = $2',
        [COUPON, MEMBER],
      );
      expect(redemptions).toHaveLength(1);
      const outcomes = await env.cloud.query<{ status: string; code: string | null }>(
        `SELECT outcome->>'status' AS status, outcome->'error'->>'code' AS code FROM mutations
         WHERE name = 'redeemCoupon' ORDER BY processed_at, seq`,
      );
      expect(outcomes).toEqual([
        { status: 'applied', code: null },
        { status: 'rejected', code: 'coupon-already-used' },
      ]);
      const tasks = await env.cloud.query<{ kind: string }>(
        "SELECT kind FROM staff_tasks WHERE kind = 'coupon-already-used'",
      );
      expect(tasks).toHaveLength(1);

      // The loser (b) acknowledged the rejection with the compensation and a staff task.
      const local = b.db
        .prepare<[], { error_code: string; compensation: string }>(
          'SELECT error_code, compensation FROM sync_staff_tasks',
        )
        .all();
      expect(local.map((t) => t.error_code)).toEqual(['coupon-already-used']);
      expect(JSON.parse(local[0]?.compensation ?? '{}')).toEqual({
        kind: 'coupon-used',
        couponCode: COUPON,
        memberId: MEMBER,
        discountCents: 5000,
      });
      expect(
        b.db.prepare("SELECT state, last_error FROM outbox WHERE mutation = 'redeemCoupon'").get(),
      ).toMatchObject({
        state: 'acked',
        last_error: expect.stringMatching(/^coupon-already-used/),
      });
      expect(a.db.prepare('SELECT count(*) AS n FROM sync_staff_tasks').get()).toEqual({ n: 0 });

      // Neither kiosk offers the coupon to this member again; the sale itself stands on both.
      for (const k of [a, b]) {
        expect(usedCouponsOf(readOnly(k.db), MEMBER).has(COUPON)).toBe(true);
        expect(offered(k)).not.toContain(COUPON);
      }
      const sales = await env.cloud.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sales WHERE member_id = $1',
        [MEMBER],
      );
      expect(sales).toEqual([{ n: 2 }]);
      expect(await check(env.cloud, [a.db, b.db])).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);
});
