/**
 * A campaign from the console to the till and back: marketing launches a campaign over the HQ API,
 * a kiosk of the store pulls, the checkout offers the coupon to a targeted member and not to a
 * held-out control member (nor to the control member's typed code), the targeted member pays with
 * it, the kiosk pushes the sale and the redemption, and the campaign's page counts both.
 * A targeted member of another store, found by the online look-up while present, brings their
 * offers with them: the mirror tells them, the checkout offers the coupon, the cloud takes its use.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDraft, hqSession, type HqSession } from '../../cloud/campaigns/test-support';
import { loadDemoHistory } from '../../cloud/hq/demo/history';
import { DEMO_DIR } from '../../cloud/test/harness';
import { createCatalog } from '../../core/catalog/lookup';
import { readOnly } from '../../core/store/db';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { createScreenService } from '../../host/services/screens/screen-service';
import { tempDir } from '../support/temp';
import { startRealCloud, type RunningCloud } from './support/cloud';
import {
  checkoutScreen,
  enrolledKiosk,
  onlineLookup,
  type EnrolledKiosk,
} from './support/in-process';

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
    const created = await marketing.call(
      'POST',
      '/campaigns',
      campaignDraft(
        'S001 welcome back',
        ['S001'],
        {
          kind: 'amount',
          value: 3000,
          minSpendCents: 0,
          titleZh: '回店礼',
          titleEn: 'Welcome back',
        },
        { startsOn: today, endsOn: today },
        { controlPct: 20 },
      ),
    );
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

/** A screen of `role` on the kiosk, online, asking the cloud for members it has not cached. */
function onlineScreen(k: EnrolledKiosk, role: 'mirror' | 'checkout') {
  return createScreenService({
    config: parseConfig({ storeId: 'S001', role, payment: 'sim' }),
    db: k.db,
    catalog: createCatalog(readOnly(k.db), 'S001'),
    key: k.key,
    log: createLogger(null, 'silent'),
    emit: () => undefined,
    connectivity: () => 'online',
    lookupMember: onlineLookup(k),
  });
}

describe('a campaign member of another store, found by the online look-up', () => {
  it('brings their offers: told on the mirror, offered and redeemed at the checkout', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const created = await marketing.call(
      'POST',
      '/campaigns',
      campaignDraft(
        'S002 visitors',
        ['S002'],
        { kind: 'percent', value: 15, minSpendCents: 30000, titleZh: '85折', titleEn: '15% off' },
        { startsOn: today, endsOn: today },
        { controlPct: 20 },
      ),
    );
    const id: string = created.json().campaignId;
    const code: string = (await marketing.call('POST', `/campaigns/${id}/launch`)).json().campaign
      .couponCode;
    const memberOf = async (arm: string) => {
      const [row] = await cloud.query<{ member_id: string; qr_token: string }>(
        `SELECT m.member_id, m.qr_token FROM campaign_members cm JOIN members m USING (member_id)
         WHERE cm.campaign_id = $1 AND cm.arm = $2 AND m.qr_token IS NOT NULL
         ORDER BY m.member_id DESC LIMIT 1`,
        [id, arm],
      );
      if (!row) throw new Error(`no ${arm} member with a QR`);
      return row;
    };
    const visitor = await memberOf('treatment');
    const control = await memberOf('control');

    mkdirSync(join(dir.path, 'visitor'));
    const kiosk = await enrolledKiosk(join(dir.path, 'visitor'), cloud);
    try {
      expect((await kiosk.sync()).ok).toBe(true);
      const cached = (memberId: string) =>
        kiosk.db.prepare('SELECT 1 FROM members WHERE member_id = ?').get(memberId);
      expect(cached(visitor.member_id)).toBeUndefined(); // S002's members are not S001's stream

      const mirror = onlineScreen(kiosk, 'mirror');
      try {
        mirror.handleScan(bytes(visitor.qr_token));
        await mirror.memberLookupSettled();
        expect(mirror.current().member).not.toBeNull();
        expect(mirror.current().memberOffers.map((o) => [o.code, o.kind, o.value])).toEqual([
          [code, 'percent', 15],
        ]);
        mirror.end();
        mirror.handleScan(bytes(control.qr_token));
        await mirror.memberLookupSettled();
        expect(mirror.current().member).not.toBeNull();
        expect(mirror.current().memberOffers).toEqual([]); // control never receives the offer
      } finally {
        mirror.close();
      }

      const till = onlineScreen(kiosk, 'checkout');
      try {
        till.handleScan(bytes(DRESS));
        till.handleScan(bytes(visitor.qr_token)); // cached now, with a valid presence ticket
        expect(till.current().cart?.coupons.map((c) => c.code)).toContain(code);
        till.checkout.toggleCoupon(code, true);
        till.handleScan(bytes('134567890123456789'));
        await expect.poll(() => till.current().cart?.payment.state).toBe('paid');
      } finally {
        till.close();
      }
      expect((await kiosk.sync()).ok).toBe(true);
    } finally {
      kiosk.close();
    }
    const redemptions = await cloud.query<{ member_id: string }>(
      'SELECT member_id FROM coupon_redemptions WHERE coupon_code = $1',
      [code],
    );
    expect(redemptions.map((r) => r.member_id)).toEqual([visitor.member_id]);
  });
});
