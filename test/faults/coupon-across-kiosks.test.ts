/**
 * A used single-use coupon travels to the other kiosks: kiosk A sells with the member's welcome
 * coupon and syncs; the cloud re-emits the member's `members` row listing the coupon as used, so
 * kiosk B stops offering it after its next pull, before B could sell it a second time. The online
 * member lookup carries the same list. The checker's redeemCoupon effect check is shown to bite.
 */
import { describe, expect, it } from 'vitest';
import { readOnly } from '../../core/store/db';
import { usedCouponsOf } from '../../core/members';
import { lookupMemberOnline } from '../../sync/lookup';
import { openSyncEngine } from '../../sync/open';

import { check } from './support/checker';

import { enrolledKiosk, type EnrolledKiosk } from './support/in-process';
import { useFaultEnvironment } from './support/environment';
import { COUPON, MEMBER, MEMBER_QR, offered, sellWithCoupon } from './support/welcome-coupon';

const env = useFaultEnvironment();

const usedHere = (k: EnrolledKiosk) =>
  k.db
    .prepare<[string], { coupon_code: string }>(
      'SELECT coupon_code FROM member_used_coupons WHERE member_id = ?',
    )
    .all(MEMBER)
    .map((r) => r.coupon_code);

describe('a single-use coupon used at one kiosk', () => {
  it('is no longer offered at another kiosk after its next pull, and the lookup carries it', async () => {
    const [a, b] = [
      await enrolledKiosk(env.newDir(), env.cloud),
      await enrolledKiosk(env.newDir(), env.cloud),
    ];
    try {
      for (const k of [a, b]) expect((await k.sync()).ok).toBe(true);
      expect(usedHere(b)).toEqual([]);
      expect(offered(b)).toContain(COUPON);

      await sellWithCoupon(a);
      expect((await a.sync()).ok).toBe(true);
      const [redemption] = await env.cloud.query<{ redemption_id: string; device_id: string }>(
        'SELECT redemption_id, device_id FROM coupon_redemptions WHERE coupon_code = $1 AND member_id = $2',
        [COUPON, MEMBER],
      );
      expect(redemption).toBeDefined();
      // b has not pulled since: it still offers the coupon (the gap this change closes)
      expect(offered(b)).toContain(COUPON);

      expect((await b.sync()).ok).toBe(true);
      expect(usedHere(b)).toEqual([COUPON]);
      expect(usedCouponsOf(readOnly(b.db), MEMBER).has(COUPON)).toBe(true);
      expect(offered(b)).not.toContain(COUPON);
      expect(offered(b).length).toBeGreaterThan(0); // other coupons are still offered
      expect(
        b.db.prepare("SELECT count(*) AS n FROM outbox WHERE mutation = 'redeemCoupon'").get(),
      ).toEqual({ n: 0 });

      // The online lookup answers the same list and caches it.
      b.db.prepare('DELETE FROM member_used_coupons').run();
      expect(offered(b)).toContain(COUPON);
      const opened = openSyncEngine(b.db, b.key);
      if (!opened.ok) throw new Error(opened.error.message);
      try {
        const found = await lookupMemberOnline(
          {
            db: b.db,
            key: b.key,
            client: opened.value.client,
            token: opened.value.credentials.token,
          },
          { qrToken: MEMBER_QR },
        );
        expect(found.ok && found.value?.member.usedCoupons).toEqual([COUPON]);
      } finally {
        opened.value.engine.stop();
        opened.value.client.close();
      }
      expect(usedHere(b)).toEqual([COUPON]);
      expect(offered(b)).not.toContain(COUPON);

      expect(await check(env.cloud, [a.db, b.db])).toEqual([]);

      // The checker's redeemCoupon probe bites both ways: an effect of a rejected mutation, and a
      // missing effect of an applied one.
      const key = (
        a.db
          .prepare("SELECT idempotency_key AS k FROM outbox WHERE mutation = 'redeemCoupon'")
          .get() as {
          k: string;
        }
      ).k;
      const setStatus = (status: string) =>
        env.cloud.query(
          `UPDATE mutations SET outcome = jsonb_set(outcome, '{status}', to_jsonb($2::text)) WHERE key = $1`,
          [key, status],
        );
      await setStatus('rejected');
      expect(await check(env.cloud, [a.db, b.db])).toEqual([
        `${key}: effect present 1 times, expected 0`,
      ]);
      await setStatus('applied');
      await env.cloud.query('DELETE FROM coupon_redemptions WHERE redemption_id = $1', [
        redemption!.redemption_id,
      ]);
      expect(await check(env.cloud, [a.db, b.db])).toEqual([
        `${key}: effect present 0 times, expected 1`,
      ]);
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);
});
