/**
 * A campaign end to end in the cloud: marketing creates and launches it over the HQ API, the
 * audience is members with marketing consent in the chosen segments and store, a 10 % control
 * group is recorded, only the treatment arm's members stream rows carry the offer (never the
 * brand-wide coupons stream), a control member presenting the code is refused, and redemptions and
 * sales are counted on the campaign's result. Roles: store managers see nothing, analysts read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { loadDemoHistory } from '../hq/demo/history';
import { campaignDraft, hqSession, type HqSession } from './test-support';
import {
  DEMO_DIR,
  enrollDevice,
  env,
  pullAll,
  push,
  saleArgs,
  startCloud,
  type Cloud,
} from '../test/harness';

let cloud: Cloud;
let dev: EnrollResponse;
let seq = 0;
const sessions = new Map<string, HqSession>();
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const s = sessions.get(who);
  if (!s) throw new Error(`no session ${who}`);
  return s.call(method, url, payload);
};

const DRAFT = campaignDraft(
  'Come back, S001',
  ['S001'],
  {
    kind: 'amount',
    value: 3000,
    minSpendCents: 20000,
    titleZh: '回店礼 ¥30',
    titleEn: '¥30 welcome back',
  },
  { startsOn: '2026-11-20', endsOn: '2026-12-20' },
);

beforeAll(async () => {
  cloud = await startCloud('pglite');
  await loadDemoHistory(cloud.db, DEMO_DIR);
  sessions.set('marketing', await hqSession(cloud.app, cloud.db, 'mark.eting', 'marketing'));
  sessions.set('analyst', await hqSession(cloud.app, cloud.db, 'an.alyst', 'analyst'));
  sessions.set(
    'store-manager',
    await hqSession(cloud.app, cloud.db, 'mgr.s001', 'store-manager', 'S001'),
  );
  dev = await enrollDevice(cloud, 'S001');
}, 60_000);
afterAll(async () => cloud.close());

describe('campaigns', () => {
  let campaignId = '';
  let code = '';
  const arms = { treatment: [] as string[], control: [] as string[] };

  it('lets marketing preview, create and launch; store managers and analysts may not write', async () => {
    const preview = await call('marketing', 'POST', '/campaigns/preview', DRAFT);
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.eligible).toBeGreaterThan(10);
    expect(p.control).toBe(Math.round(p.eligible * 0.1));

    expect((await call('analyst', 'POST', '/campaigns', DRAFT)).statusCode).toBe(403);
    expect((await call('store-manager', 'GET', '/campaigns')).statusCode).toBe(403);
    const noSession = await cloud.app.inject({
      method: 'POST',
      url: '/hq/api/campaigns',
      payload: DRAFT,
    });
    expect(noSession.statusCode).toBe(401);

    const created = await call('marketing', 'POST', '/campaigns', DRAFT);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ status: 'draft', controlPct: 10, couponCode: null });
    campaignId = created.json().campaignId;

    const launched = await call('marketing', 'POST', `/campaigns/${campaignId}/launch`);
    expect(launched.statusCode).toBe(200);
    const r = launched.json();
    code = r.campaign.couponCode;
    expect(r.campaign.status).toBe('running');
    expect(r.treatment.members + r.control.members).toBe(p.eligible);
    expect(r.control.members).toBe(p.control);
    expect((await call('marketing', 'POST', `/campaigns/${campaignId}/launch`)).statusCode).toBe(
      400,
    );
    expect((await call('analyst', 'GET', `/campaigns/${campaignId}`)).statusCode).toBe(200);
  });

  it('targets only S001 members with marketing consent, recorded in one arm each', async () => {
    const { rows } = await cloud.db.query<{ member_id: string; arm: string; ok: boolean }>(
      `SELECT cm.member_id, cm.arm, (m.consent_marketing AND m.home_store = 'S001' AND NOT m.erased) AS ok
       FROM campaign_members cm JOIN members m USING (member_id) WHERE cm.campaign_id = $1`,
      [campaignId],
    );
    expect(rows.every((r) => r.ok)).toBe(true);
    const { rows: refused } = await cloud.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM members WHERE home_store = 'S001' AND NOT consent_marketing`,
    );
    expect(refused[0]?.n).toBeGreaterThan(0); // the demo has members who said no: none targeted
    for (const r of rows) (r.arm === 'control' ? arms.control : arms.treatment).push(r.member_id);
    expect(arms.control.length).toBeGreaterThan(0);
  });

  it('ships the offer in the treatment members’ rows only, never in the coupons stream', async () => {
    const members = await pullAll(cloud, dev.token, 'members');
    const offersOf = (id: string) =>
      (members.rows.find((r) => r.key === id)?.data as { offers?: { code: string }[] } | null)
        ?.offers ?? [];
    for (const id of arms.treatment) expect(offersOf(id).map((o) => o.code)).toEqual([code]);
    for (const id of arms.control) expect(offersOf(id)).toEqual([]);
    const coupons = await pullAll(cloud, dev.token, 'coupons');
    expect(coupons.rows.map((r) => r.key)).not.toContain(code);
    expect(offersOf(arms.treatment[0] ?? '')[0]).toMatchObject({
      kind: 'amount',
      value: 3000,
      minSpendCents: 20000,
      validFrom: '2026-11-20',
      validTo: '2026-12-20',
      singleUse: true,
    });
  });

  it('refuses the code for a control member and counts a treatment member’s redemption and sale', async () => {
    const [t] = arms.treatment;
    const [c] = arms.control;
    const sale = saleArgs('S-CMP-1', {
      memberId: t,
      sku: 'DRE001-WHT-S',
      unitPriceCents: 39900,
      discountCents: 3000,
      method: 'card',
      soldAt: '2026-11-20T10:00:00Z',
    });
    const redeem = (id: string, memberId: string | undefined, saleId: string | null) =>
      env(++seq, 'redeemCoupon', {
        redemptionId: id,
        couponCode: code,
        memberId,
        saleId,
        discountCents: 3000,
      });
    const res = await push(cloud, dev, 'e1', [
      env(++seq, 'recordSale', sale),
      redeem('CR-T', t, 'S-CMP-1'),
      redeem('CR-C', c, null),
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results[1]).toMatchObject({ status: 'applied' });
    expect(results[2]).toMatchObject({ status: 'rejected', error: { code: 'coupon-not-valid' } });

    const result = (await call('marketing', 'GET', `/campaigns/${campaignId}`)).json();
    expect(result.treatment.redeemers).toBe(1);
    expect(result.control.redeemers).toBe(0);
    expect(result.treatment.redemptionRate).toBeCloseTo(1 / result.treatment.members, 10);
    expect(result.treatment.revenueCents).toBeGreaterThanOrEqual(36900);
    expect(result.uplift).not.toBeNull();
    expect(result.uplift.ciLowCents).toBeLessThan(result.uplift.perMemberCents);
  });
});
