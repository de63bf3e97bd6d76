/** Bilingual receipt labels for discounts that have no coupon title of their own. */
import type { Label, Tier } from './types';

/**
 * Chinese stores state a discount as the share paid, in tenths: 5 % off is 95折, 10 % off is 9折,
 * 12.5 % off is 8.75折.
 */
export function zheOf(basisPointsOff: number): string {
  const paidPct = (10_000 - basisPointsOff) / 100;
  if (paidPct % 10 === 0) return `${paidPct / 10}折`;
  if (Number.isInteger(paidPct)) return `${paidPct}折`;
  return `${paidPct / 10}折`;
}

export function tierLabel(tier: Tier, basisPoints: number): Label {
  return {
    zh: `${tier.name.zh} ${zheOf(basisPoints)}`,
    en: `${tier.name.en} member ${basisPoints / 100}% off`,
  };
}

export const discountLabel = {
  points: (points: number): Label => ({
    zh: `积分抵扣 ${points.toLocaleString('en-US')}分`,
    en: `Points redeemed: ${points.toLocaleString('en-US')}`,
  }),
};
