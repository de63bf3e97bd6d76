/**
 * A campaign from the console to the till and back: marketing launches a campaign over the HQ API,
 * a kiosk of the store pulls, the checkout offers the coupon to a targeted member and not to a
 * held-out control member (nor to the control member's typed code), the targeted member pays with
 * it, the kiosk pushes the sale and the redemption, and the campaign's page counts both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SEGMENTS, hqSession, type HqSession } from '../../cloud/campaigns/test-support';
import { loadDemoHistory } from '../../cloud/hq/demo/history';
import { DEMO_DIR } from '../../cloud/test/harness';
import { tempDir } from '../support/temp';
import { startRealCloud, type RunningCloud } from './support/cloud';
import { checkoutScreen, enrolledKiosk } from './support/in-process';

const DRESS = '6970001000016';
const bytes = (text: string) => new TextEncoder().encode(text);

let cloud: RunningCloud;
let marketing: HqSession;
const dir = tempDir('kiosk-campaign-');

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  await loadDemoHistory(cloud.cloud.db, DEMO_DIR);
  marketing = await hqSession(cloud.cloud.app, cloud.cloud.db, 'mark.eting', 'marketing');
}, 90_000);
afterAll(async () => {
  await cloud.close();
  dir.remove();
});

describe('a campaign at the checkout', () => {
  it('is offered to targeted members only, redeemed, and counted on the campaign page', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const created = await marketing.call('POST', '/campaigns', {
      name: 'S001 welcome back',
      segments: ALL_SEGMENTS,
      stores: ['S001'],
      tiers: [],
      offer: {
        kind: 'amount',
        value: 3000,
        minSpendCents: 0,
        titleZh: '回店礼',
        titleEn: 'Welcome back',
      },
      startsOn: today,
      endsOn: today,
      controlPct: 20,
    });
    expect(created.statusCode).toBe(200);
    const id: string = created.json().campaignId;
    const launched = await marketing.call('POST', `/campaigns/${id}/launch`);
    expect(launched.statusCode).toBe(200);
    const code: string = launched.json().campaign.couponCode;

    const qrOf = async (arm: string) => {
      const [row] = await cloud.query<{ member_id: string; qr_token: string }>(
        `SELECT m.member_id, m.qr_token FROM campaign_members cm JOIN members m USING (member_id)
         WHERE cm.campaign_id = $1 AND cm.arm = $2 AND m.qr_token IS NOT NULL ORDER BY m.member_id LIMIT 1`,
        [id, arm],
      );
      if (!row) throw new Error(`no ${arm} member with a QR`);
      return row;
    };
    const targeted = await qrOf('treatment');
    const control = await qrOf('control');

    const kiosk = await enrolledKiosk(dir.path, cloud);
    expect((await kiosk.sync()).ok).toBe(true);
    const screen = checkoutScreen(kiosk);
    try {
      // the control member: not offered, and a typed code does not apply either
      screen.handleScan(bytes(DRESS));
      const asControl = screen.handleScan(bytes(control.qr_token));
      expect(asControl.member).not.toBeNull();
      expect(asControl.cart?.coupons.map((c) => c.code)).not.toContain(code);
      expect(
        screen.checkout.toggleCoupon(code, true).cart?.discounts.map((d) => d.code),
      ).not.toContain(code);
    } finally {
      screen.close();
    }
    const till = checkoutScreen(kiosk);
    try {
      till.handleScan(bytes(DRESS));
      expect(till.handleScan(bytes(targeted.qr_token)).cart?.coupons.map((c) => c.code)).toContain(
        code,
      );
      const cart = till.checkout.toggleCoupon(code, true).cart;
      expect(cart?.coupons.find((c) => c.code === code)?.applied).toBe(true);
      await till.checkout.pay('wechat', '134567890123456789');
      expect(till.current().cart?.payment.state).toBe('paid');
    } finally {
      till.close();
    }
    expect((await kiosk.sync()).ok).toBe(true);

    const result = (await marketing.call('GET', `/campaigns/${id}`)).json();
    expect(result.treatment.redeemers).toBe(1);
    expect(result.control.redeemers).toBe(0);
    expect(result.treatment.revenueCents).toBeGreaterThan(0);
    const [redemption] = await cloud.query<{ member_id: string }>(
      'SELECT member_id FROM coupon_redemptions WHERE coupon_code = $1',
      [code],
    );
    expect(redemption?.member_id).toBe(targeted.member_id);
  });
});
