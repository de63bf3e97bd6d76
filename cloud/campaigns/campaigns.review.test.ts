/**
 * Review of campaigns (issue 13) with cases the first tests did not cover: a birthday-month
 * points multiplier across the year boundary (double points on every purchase in the month, not
 * once), the control group through the look-up path of another store, a campaign with no control
 * group (no NaN, no interval), and an erasure after launch (the member's row leaves, the counts
 * stay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { loadDemoHistory } from '../hq/demo/history';
import { campaignDraft, hqSession, type HqSession } from './test-support';
import {
  DEMO_DIR,
  enrollDevice,
  env,
  lookup,
  pullAll,
  push,
  startCloud,
  type Cloud,
} from '../test/harness';

let cloud: Cloud;
let s001: EnrollResponse;
let s002: EnrollResponse;
let marketing: HqSession;
let seq = 0;

beforeAll(async () => {
  cloud = await startCloud('pglite');
  await loadDemoHistory(cloud.db, DEMO_DIR);
  marketing = await hqSession(cloud.app, cloud.db, 'mark.review', 'marketing');
  s001 = await enrollDevice(cloud, 'S001');
  s002 = await enrollDevice(cloud, 'S002');
}, 60_000);
afterAll(async () => cloud.close());

async function launch(draft: object) {
  const created = await marketing.call('POST', '/campaigns', draft);
  expect(created.statusCode).toBe(200);
  const id: string = created.json().campaignId;
  const launched = await marketing.call('POST', `/campaigns/${id}/launch`);
  expect(launched.statusCode).toBe(200);
  const { rows } = await cloud.db.query<{ member_id: string; arm: string; birthday: string }>(
    `SELECT cm.member_id, cm.arm, m.birthday FROM campaign_members cm JOIN members m USING (member_id)
     WHERE cm.campaign_id = $1 ORDER BY cm.member_id`,
    [id],
  );
  return { id, code: String(launched.json().campaign.couponCode), members: rows };
}

interface OfferRow {
  code: string;
  kind: string;
  value: number;
  validFrom: string;
  validTo: string;
  singleUse: boolean;
}

async function memberRows(token: string) {
  const { rows } = await pullAll(cloud, token, 'members');
  const latest = new Map<string, { offers?: OfferRow[]; usedCoupons?: string[] } | null>();
  for (const r of rows) latest.set(r.key, r.data as { offers?: OfferRow[] } | null);
  return latest;
}

describe('a birthday-month points multiplier', () => {
  let id = '';
  let code = '';
  let members: { member_id: string; arm: string; birthday: string }[] = [];

  beforeAll(async () => {
    ({ id, code, members } = await launch({
      ...campaignDraft(
        'Birthday double points',
        ['S001'],
        {
          kind: 'amount',
          value: 1,
          minSpendCents: 0,
          titleZh: '生日月双倍积分',
          titleEn: '2× points',
        },
        { startsOn: '2026-11-20', endsOn: '2027-01-31' },
      ),
      offer: {
        kind: 'points_multiplier',
        value: 2,
        minSpendCents: 0,
        titleZh: '生日月双倍积分',
        titleEn: 'Birthday month double points',
      },
      birthdayMonth: true,
    }));
  });

  it('draws only members whose birthday month is in the schedule, across the year boundary', () => {
    expect(members.length).toBeGreaterThan(0);
    const months = new Set(members.map((m) => m.birthday.slice(0, 2)));
    for (const month of months) expect(['11', '12', '01']).toContain(month);
  });

  it('gives each treatment member their own month, valid on every purchase in it (not once)', async () => {
    const rows = await memberRows(s001.token);
    const treatment = members.filter((m) => m.arm === 'treatment');
    expect(treatment.length).toBeGreaterThan(0);
    for (const m of treatment) {
      const offer = rows.get(m.member_id)?.offers?.find((o) => o.code === code);
      const month = m.birthday.slice(0, 2);
      const expected = {
        '11': { validFrom: '2026-11-20', validTo: '2026-11-30' },
        '12': { validFrom: '2026-12-01', validTo: '2026-12-31' },
        '01': { validFrom: '2027-01-01', validTo: '2027-01-31' },
      }[month];
      // "double points in the birthday month": every sale of the month, like the demo's BDAY2X
      expect(offer).toMatchObject({ kind: 'points_multiplier', value: 2, singleUse: false });
      expect(offer).toMatchObject(expected ?? {});
    }
    for (const m of members.filter((x) => x.arm === 'control'))
      expect(rows.get(m.member_id)?.offers ?? []).toEqual([]);
  });

  it('accepts the multiplier on two sales of the month and counts the member once', async () => {
    const t = members.find((m) => m.arm === 'treatment')?.member_id ?? '';
    const redeem = (redemptionId: string, saleId: string) =>
      env(++seq, 'redeemCoupon', {
        redemptionId,
        couponCode: code,
        memberId: t,
        saleId,
        discountCents: 0,
      });
    const res = await push(cloud, s001, 'e-review', [
      redeem('CR-P1', 'S-P1'),
      redeem('CR-P2', 'S-P2'),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    const rows = await memberRows(s001.token);
    expect(rows.get(t)?.usedCoupons ?? []).not.toContain(code);
    const result = (await marketing.call('GET', `/campaigns/${id}`)).json();
    expect(result.treatment.redeemers).toBe(1);
  });
});

describe('a birthday-month campaign whose schedule began before today', () => {
  it('previews the audience the launch then draws (no member whose month is already over)', async () => {
    const draft = {
      ...campaignDraft(
        'Autumn birthdays',
        ['S001'],
        {
          kind: 'amount',
          value: 1000,
          minSpendCents: 0,
          titleZh: '生日礼',
          titleEn: 'Birthday gift',
        },
        { startsOn: '2026-10-01', endsOn: '2026-12-31' },
      ),
      birthdayMonth: true,
    };
    const preview = (await marketing.call('POST', '/campaigns/preview', draft)).json();
    const { members } = await launch(draft);
    expect(members.map((m) => m.birthday.slice(0, 2))).not.toContain('10');
    expect(preview.eligible).toBe(members.length);
  });
});

describe('an amount coupon with and without a control group', () => {
  const OFFER = {
    kind: 'amount' as const,
    value: 2000,
    minSpendCents: 10000,
    titleZh: '回店礼 ¥20',
    titleEn: '¥20 back',
  };
  const DATES = { startsOn: '2026-11-20', endsOn: '2026-12-31' };

  it('holds out about 10 % of the demo audience; a control member found by look-up elsewhere has no offer', async () => {
    const { code, members } = await launch(campaignDraft('Care S001', ['S001'], OFFER, DATES));
    const control = members.filter((m) => m.arm === 'control');
    expect(control.length).toBe(Math.round(members.length * 0.1));
    for (const c of control) {
      const { rows } = await cloud.db.query<{ card_no: string }>(
        'SELECT card_no FROM members WHERE member_id = $1',
        [c.member_id],
      );
      const found = await lookup(cloud, s002.token, { cardNo: rows[0]?.card_no ?? '' });
      expect(found.statusCode).toBe(200);
      expect(JSON.stringify(found.json())).not.toContain(code);
    }
    const coupons = await pullAll(cloud, s002.token, 'coupons');
    expect(coupons.rows.map((r) => r.key)).not.toContain(code);
  });

  it('a single-use offer used at two kiosks offline: the second is refused, one redeemer, both sales counted', async () => {
    const { id, code, members } = await launch(campaignDraft('Twice', ['S001'], OFFER, DATES));
    const t = members.find((m) => m.arm === 'treatment')?.member_id ?? '';
    const before = (await marketing.call('GET', `/campaigns/${id}`)).json();
    const second = await enrollDevice(cloud, 'S001');
    let secondSeq = 0;
    const next = (device: EnrollResponse) => (device === s001 ? ++seq : ++secondSeq);
    const saleAt = (device: EnrollResponse, saleId: string) =>
      push(cloud, device, device === s001 ? 'e-review' : 'e-second', [
        env(next(device), 'recordSale', {
          saleId,
          memberId: t,
          lines: [{ sku: 'DRE001-WHT-S', qty: 1, unitPriceCents: 39900, discountCents: 2000 }],
          totalCents: 37900,
          payments: [{ method: 'card', amountCents: 37900 }],
          soldAt: '2026-11-20T10:00:00Z',
        }),
        env(next(device), 'redeemCoupon', {
          redemptionId: `${saleId}:${code}`,
          couponCode: code,
          memberId: t,
          saleId,
          discountCents: 2000,
        }),
      ]);
    const a = await saleAt(s001, 'S-TWICE-A');
    expect(a.json().results).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);
    const b = await saleAt(second, 'S-TWICE-B');
    expect(b.json().results).toMatchObject([
      { status: 'applied' },
      { status: 'rejected', error: { code: 'coupon-already-used' } },
    ]);
    const after = (await marketing.call('GET', `/campaigns/${id}`)).json();
    expect(after.treatment.redeemers).toBe(before.treatment.redeemers + 1);
    expect(after.treatment.revenueCents - before.treatment.revenueCents).toBe(2 * 37900);
    expect(after.control.revenueCents).toBe(before.control.revenueCents);
  });

  it('before its start (no sales counted yet) shows no interval, not a certain zero', async () => {
    const { id } = await launch(
      campaignDraft('Next year', ['S001'], OFFER, { startsOn: '2027-01-01', endsOn: '2027-01-31' }),
    );
    const result = (await marketing.call('GET', `/campaigns/${id}`)).json();
    expect(result.campaign.status).toBe('scheduled');
    expect(result.treatment.revenueCents).toBe(0);
    expect(result.control.members).toBeGreaterThan(1);
    expect(result.uplift).toBeNull();
  });

  it('with no control group: no interval, null rates, no NaN in the JSON', async () => {
    const { id, members } = await launch(
      campaignDraft('No hold-out', ['S002'], OFFER, DATES, { controlPct: 0 }),
    );
    expect(members.every((m) => m.arm === 'treatment')).toBe(true);
    const res = await marketing.call('GET', `/campaigns/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/NaN|Infinity/);
    expect(res.json()).toMatchObject({
      control: { members: 0, redeemers: 0, redemptionRate: null, revenuePerMemberCents: null },
      uplift: null,
    });
  });

  it('an erasure after launch removes the member’s row from the stream and keeps the counts', async () => {
    const { id, members } = await launch(campaignDraft('Erase one', ['S001'], OFFER, DATES));
    const before = (await marketing.call('GET', `/campaigns/${id}`)).json();
    const t = members.find((m) => m.arm === 'treatment')?.member_id ?? '';
    const res = await push(cloud, s001, 'e-review', [
      env(++seq, 'requestErasure', { requestId: 'ER-CMP-1', memberId: t }),
    ]);
    expect(res.json(), res.body).toMatchObject({ results: [{ status: 'applied' }] });
    const rows = await memberRows(s001.token);
    expect(rows.get(t) ?? null).toBeNull();
    const after = (await marketing.call('GET', `/campaigns/${id}`)).json();
    expect(after.treatment.members).toBe(before.treatment.members);
    expect(after.control.members).toBe(before.control.members);
  });
});
