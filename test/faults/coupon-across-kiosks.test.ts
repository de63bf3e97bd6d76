/**
 * A used single-use coupon travels to the other kiosks: kiosk A sells with the member's welcome
 * coupon and syncs; the cloud re-emits the member's `members` row listing the coupon as used, so
 * kiosk B stops offering it after its next pull, before B could sell it a second time. The online
 * member lookup carries the same list. The checker's redeemCoupon effect check is shown to bite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnly } from '../../core/store/db';
import { usedCouponsOf } from '../../host/services/screens/reference';
import { lookupMemberOnline } from '../../sync/lookup';
import { openSyncEngine } from '../../sync/open';
import { tempDir } from '../support/temp';
import { check } from './support/checker';
import { startRealCloud, type RunningCloud } from './support/cloud';
import { checkoutScreen, enrolledKiosk, type EnrolledKiosk } from './support/in-process';

const MEMBER = 'M000017'; // regular, home store S001
const MEMBER_QR = 'MBR1.9NQFWTNQ9DDFJPCKCBYH';
const COUPON = 'WELCOME50'; // single use, ¥50 off from ¥299
const DRESS = '6970001000016';
const bytes = (text: string) => new TextEncoder().encode(text);

let cloud: RunningCloud;
const dirs = [tempDir('kiosk-used-a-'), tempDir('kiosk-used-b-')];

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
}, 60_000);
afterAll(async () => {
  await cloud.close();
  for (const d of dirs) d.remove();
});

/** The coupons the checkout offers the member with the dress in the basket. */
function offered(k: EnrolledKiosk): string[] {
  const s = checkoutScreen(k);
  try {
    s.handleScan(bytes(DRESS));
    return s.handleScan(bytes(MEMBER_QR)).cart?.coupons.map((c) => c.code) ?? [];
  } finally {
    s.close();
  }
}

async function sellWithCoupon(k: EnrolledKiosk): Promise<void> {
  const s = checkoutScreen(k);
  try {
    s.handleScan(bytes(DRESS));
    expect(s.handleScan(bytes(MEMBER_QR)).member).not.toBeNull();
    const cart = s.checkout.toggleCoupon(COUPON, true).cart;
    expect(cart?.coupons.find((c) => c.code === COUPON)?.applied).toBe(true);
    await s.checkout.pay('wechat', '134567890123456789');
    expect(s.current().cart?.payment.state).toBe('paid');
  } finally {
    s.close();
  }
}

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
      await enrolledKiosk(dirs[0]!.path, cloud),
      await enrolledKiosk(dirs[1]!.path, cloud),
    ];
    try {
      for (const k of [a, b]) expect((await k.sync()).ok).toBe(true);
      expect(usedHere(b)).toEqual([]);
      expect(offered(b)).toContain(COUPON);

      await sellWithCoupon(a);
      expect((await a.sync()).ok).toBe(true);
      const [redemption] = await cloud.query<{ redemption_id: string; device_id: string }>(
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

      expect(await check(cloud, [a.db, b.db])).toEqual([]);

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
        cloud.query(
          `UPDATE mutations SET outcome = jsonb_set(outcome, '{status}', to_jsonb($2::text)) WHERE key = $1`,
          [key, status],
        );
      await setStatus('rejected');
      expect(await check(cloud, [a.db, b.db])).toEqual([
        `${key}: effect present 1 times, expected 0`,
      ]);
      await setStatus('applied');
      await cloud.query('DELETE FROM coupon_redemptions WHERE redemption_id = $1', [
        redemption!.redemption_id,
      ]);
      expect(await check(cloud, [a.db, b.db])).toEqual([
        `${key}: effect present 0 times, expected 1`,
      ]);
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);
});
