/** Campaign offers for the tests of the kiosk's member offers (as the cloud sends them). */
import type { MemberOffer } from './offers';

/** ¥50 off over ¥300, single use, December 2026. */
export const FIFTY_OFF: MemberOffer = {
  code: 'CMP0001-OFF',
  titleZh: '回店礼',
  titleEn: 'Welcome back',
  kind: 'amount',
  value: 5000,
  minSpendCents: 30000,
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
  minTier: 'regular',
  singleUse: true,
};

/** Double points, December 2026 (a birthday month). */
export const DOUBLE_POINTS: MemberOffer = {
  ...FIFTY_OFF,
  code: 'CMP0002-PTS',
  titleZh: '生日月双倍积分',
  titleEn: 'Double points in your birthday month',
  kind: 'points_multiplier',
  value: 2,
  minSpendCents: 0,
};
