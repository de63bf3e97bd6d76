import { describe, expect, it } from 'vitest';
import { priceBasket, type BasketLine, type PricedBasket, type PricingInput } from './pricing';
import { demoCoupons, demoTiers } from './test-support';
import type { CouponApplication } from './types';

const tiers = demoTiers();
const coupons = demoCoupons();
const NOV = new Date('2026-11-15T10:00:00+08:00');

const present = (...codes: string[]): CouponApplication[] =>
  codes.map((code) => ({ code, coupon: coupons.get(code) }));
const item = (sku: string, unit: number, list = unit, qty = 1): BasketLine => ({
  sku,
  styleId: sku.slice(0, 6),
  qty,
  unitPriceCents: unit,
  listPriceCents: list,
});

function price(over: Partial<PricingInput>): PricedBasket {
  const r = priceBasket({
    lines: [],
    member: null,
    tiers,
    coupons: [],
    now: NOV,
    usedCoupons: new Set(),
    ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('worked examples with the demo coupons', () => {
  it('WELCOME50 on a ¥399 basket: ¥50 off, ¥349 to pay, 349 points', () => {
    const b = price({
      lines: [item('KNI002-BEI-M', 39900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('WELCOME50'),
    });
    expect(b.discounts).toEqual([
      {
        kind: 'amount',
        code: 'WELCOME50',
        label: { zh: '新会员立减50元', en: 'New member: 50 off' },
        amountCents: 5000,
      },
    ]);
    expect(b.totalCents).toBe(34900);
    expect(b.pointsEarned).toBe(349);
    expect(b.rejectedCoupons).toEqual([]);
  });

  it('WELCOME50 below its ¥299 minimum is rejected with below-min-spend', () => {
    const b = price({
      lines: [item('TEE001-WHT-M', 29899)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('WELCOME50'),
    });
    expect(b.rejectedCoupons).toEqual([{ code: 'WELCOME50', reason: 'below-min-spend' }]);
    expect(b.totalCents).toBe(29899);
  });

  it('GOLD100 for a gold member at exactly ¥1,000 of goods: 5 % member discount, then ¥100 off', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 60000), item('KNI002-BEI-M', 40000)],
      member: { id: 'M2', tier: 'gold' },
      coupons: present('GOLD100'),
    });
    expect(b.discounts.map((d) => [d.kind, d.code, d.amountCents])).toEqual([
      ['tier', undefined, 5000],
      ['threshold', 'GOLD100', 10000],
    ]);
    expect(b.discounts[0]?.label).toEqual({ zh: '金卡会员 95折', en: 'Gold member 5% off' });
    expect(b.totalCents).toBe(85000);
    // ¥100 split 57000 : 38000 → 6000 / 4000.
    expect(b.lines.map((l) => l.netCents)).toEqual([51000, 34000]);
    expect(b.pointsEarned).toBe(850 * 2);
  });

  it('GOLD100 is refused to a silver member (tier-too-low) and below ¥1,000 (below-min-spend)', () => {
    const silver = price({
      lines: [item('COA002-BEI-L', 120000)],
      member: { id: 'M3', tier: 'silver' },
      coupons: present('GOLD100'),
    });
    expect(silver.rejectedCoupons).toEqual([{ code: 'GOLD100', reason: 'tier-too-low' }]);
    const short = price({
      lines: [item('COA002-BEI-L', 99999)],
      member: { id: 'M2', tier: 'gold' },
      coupons: present('GOLD100'),
    });
    expect(short.rejectedCoupons).toEqual([{ code: 'GOLD100', reason: 'below-min-spend' }]);
  });

  it('SPRING20 is expired in November and not yet valid in February', () => {
    const lines = [item('JAC010-BEI-M', 115900)];
    const member = { id: 'M1', tier: 'regular' };
    expect(price({ lines, member, coupons: present('SPRING20') }).rejectedCoupons).toEqual([
      { code: 'SPRING20', reason: 'expired' },
    ]);
    const feb = price({
      lines,
      member,
      coupons: present('SPRING20'),
      now: new Date('2026-02-10T12:00:00+08:00'),
    });
    expect(feb.rejectedCoupons).toEqual([{ code: 'SPRING20', reason: 'not-yet-valid' }]);
    const apr = price({
      lines,
      member,
      coupons: present('SPRING20'),
      now: new Date('2026-04-10T12:00:00+08:00'),
    });
    expect(apr.totalCents).toBe(92720);
  });

  it('dates are Shanghai dates: STORE30 starts at 00:00 on 1 November local, 16:00 UTC the day before', () => {
    const lines = [item('SNE006-BEI-38', 101900)];
    const member = { id: 'M1', tier: 'regular' };
    const before = price({
      lines,
      member,
      coupons: present('STORE30'),
      now: new Date('2026-10-31T15:59:59Z'),
    });
    expect(before.rejectedCoupons).toEqual([{ code: 'STORE30', reason: 'not-yet-valid' }]);
    const after = price({
      lines,
      member,
      coupons: present('STORE30'),
      now: new Date('2026-10-31T16:00:00Z'),
    });
    expect(after.appliedCoupons).toEqual(['STORE30']);
    const lastDay = price({
      lines,
      member,
      coupons: present('WELCOME50'),
      now: new Date('2026-12-31T23:59:59+08:00'),
    });
    expect(lastDay.appliedCoupons).toEqual(['WELCOME50']);
  });

  it('EXPIRED10 is expired; a used single-use WELCOME50 is already-used; an unknown code is unknown-coupon', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 178900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: [...present('EXPIRED10', 'WELCOME50'), { code: 'NOPE' }],
      usedCoupons: new Set(['WELCOME50']),
    });
    expect(b.rejectedCoupons).toEqual([
      { code: 'EXPIRED10', reason: 'expired' },
      { code: 'NOPE', reason: 'unknown-coupon' },
      { code: 'WELCOME50', reason: 'already-used' },
    ]);
    expect(b.totalCents).toBe(178900);
  });

  it('one cash coupon per basket: WELCOME50 beats STORE30, which is not-stackable', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 178900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('STORE30', 'WELCOME50'),
    });
    expect(b.appliedCoupons).toEqual(['WELCOME50']);
    expect(b.rejectedCoupons).toEqual([{ code: 'STORE30', reason: 'not-stackable' }]);
  });

  it('one percent coupon: for a black member AUTUMN15 beats BLACKVIP; it stacks on the 10 % tier discount', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 178900)],
      member: { id: 'M4', tier: 'black' },
      coupons: present('BLACKVIP', 'AUTUMN15'),
    });
    expect(b.appliedCoupons).toEqual(['AUTUMN15']);
    expect(b.rejectedCoupons).toEqual([{ code: 'BLACKVIP', reason: 'not-stackable' }]);
    // 178900 − 17890 = 161010; 15 % of 161010 = 24151.5 → 24152 (half-up); 136858.
    expect(b.discounts.map((d) => d.amountCents)).toEqual([17890, 24152]);
    expect(b.totalCents).toBe(136858);
  });

  it('BDAY2X doubles points for silver and above, prints a ¥0 line, and is tier-too-low for regular', () => {
    const silver = price({
      lines: [item('KNI002-BEI-M', 39900)],
      member: { id: 'M3', tier: 'silver' },
      coupons: present('BDAY2X'),
    });
    expect(silver.pointsMultiplier).toBe(2);
    expect(silver.discounts).toEqual([
      {
        kind: 'tier',
        label: { zh: '银卡会员 97折', en: 'Silver member 3% off' },
        amountCents: 1197,
      },
      {
        kind: 'points_multiplier',
        code: 'BDAY2X',
        label: { zh: '生日月双倍积分', en: 'Birthday month double points' },
        amountCents: 0,
      },
    ]);
    expect(silver.pointsEarned).toBe(Math.floor(38703 / 100) * 1 * 2);
    const regular = price({
      lines: [item('KNI002-BEI-M', 39900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('BDAY2X'),
    });
    expect(regular.pointsMultiplier).toBe(1);
    expect(regular.rejectedCoupons).toEqual([{ code: 'BDAY2X', reason: 'tier-too-low' }]);
  });

  it('coupons need a member; points need a member', () => {
    const b = price({ lines: [item('KNI002-BEI-M', 39900)], coupons: present('WELCOME50') });
    expect(b.rejectedCoupons).toEqual([{ code: 'WELCOME50', reason: 'member-required' }]);
    expect(b.pointsEarned).toBe(0);
    const r = priceBasket({
      lines: [item('KNI002-BEI-M', 39900)],
      member: null,
      tiers,
      coupons: [],
      now: NOV,
      usedCoupons: new Set(),
      pointsToRedeem: 100,
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('member-required');
  });

  it('the same code twice counts once (duplicate)', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 178900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('WELCOME50', 'WELCOME50'),
    });
    expect(b.appliedCoupons).toEqual(['WELCOME50']);
    expect(b.rejectedCoupons).toEqual([{ code: 'WELCOME50', reason: 'duplicate' }]);
    expect(b.totalCents).toBe(173900);
  });

  it('points redeem in whole ¥1 blocks, never below zero, and earn only on what is paid', () => {
    const b = price({
      lines: [item('TEE001-WHT-M', 9950)],
      member: { id: 'M1', tier: 'regular' },
      pointsToRedeem: 1_000_050,
    });
    expect(b.pointsRedeemed).toBe(9900);
    expect(b.discounts).toEqual([
      {
        kind: 'points',
        label: { zh: '积分抵扣 9,900分', en: 'Points redeemed: 9,900' },
        amountCents: 9900,
        points: 9900,
      },
    ]);
    expect(b.totalCents).toBe(50);
    expect(b.pointsEarned).toBe(0);
    const custom = price({
      lines: [item('TEE001-WHT-M', 9950)],
      member: { id: 'M1', tier: 'regular' },
      pointsToRedeem: 250,
      redeemRate: { points: 50, cents: 100 },
    });
    expect([custom.pointsRedeemed, custom.totalCents]).toEqual([250, 9450]);
  });

  it('markdowns show per line and thresholds are judged on selling prices', () => {
    const b = price({
      lines: [item('KNI002-BEI-M', 29900, 39900)],
      member: { id: 'M1', tier: 'regular' },
      coupons: present('WELCOME50'),
    });
    expect(b.lines[0]).toMatchObject({
      listAmountCents: 39900,
      amountCents: 29900,
      markdownCents: 10000,
    });
    expect([b.listTotalCents, b.subtotalCents, b.totalCents]).toEqual([39900, 29900, 24900]);
  });
});

describe('the worked receipt in docs/pricing.md', () => {
  it('prices to ¥2,130.50 with 8,520 points, line by line', () => {
    const b = price({
      lines: [item('COA002-BEI-L', 178900), item('KNI002-BEI-M', 49900, 59900, 2)],
      member: { id: 'M000011', tier: 'gold' },
      coupons: present('GOLD100', 'AUTUMN15', 'BDAY2X', 'SPRING20'),
      now: new Date('2026-11-15T15:30:00+08:00'),
      pointsToRedeem: 2050,
    });
    expect(b.discounts.map((d) => [d.kind, d.amountCents])).toEqual([
      ['tier', 13935],
      ['percent', 39715],
      ['threshold', 10000],
      ['points_multiplier', 0],
      ['points', 2000],
    ]);
    expect([
      b.listTotalCents,
      b.subtotalCents,
      b.totalCents,
      b.pointsRedeemed,
      b.pointsEarned,
    ]).toEqual([298700, 278700, 213050, 2000, 8520]);
    expect(b.lines.map((l) => l.discounts.map((d) => d.amountCents))).toEqual([
      [8945, 25493, 6419, 1284],
      [4990, 14222, 3581, 716],
    ]);
    expect(b.lines.map((l) => l.netCents)).toEqual([136759, 76291]);
    expect(b.rejectedCoupons).toEqual([{ code: 'SPRING20', reason: 'expired' }]);
  });
});

describe('bad input is a typed error', () => {
  const base = { member: null, tiers, coupons: [], now: NOV, usedCoupons: new Set<string>() };
  it.each([
    ['zero qty', { lines: [{ ...item('A', 100), qty: 0 }] }, 'invalid-line'],
    ['fractional price', { lines: [item('A', 100.5, 200)] }, 'invalid-line'],
    ['selling above list', { lines: [item('A', 200, 100)] }, 'invalid-line'],
    [
      'negative points',
      { lines: [item('A', 100)], member: { id: 'M', tier: 'gold' }, pointsToRedeem: -5 },
      'invalid-points',
    ],
    [
      'unknown tier',
      { lines: [item('A', 100)], member: { id: 'M', tier: 'platinum' } },
      'unknown-tier',
    ],
    ['invalid date', { lines: [item('A', 100)], now: new Date('nope') }, 'invalid-date'],
  ] as const)('%s', (_n, patch, code) => {
    const r = priceBasket({ ...base, ...patch });
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});
