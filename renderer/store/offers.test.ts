import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import { offerDate, offerNotice, offerPhrase, offerYuan, zhe } from './offers';
import { fiftyOff } from './view-fixture';

const FIFTY_OFF = fiftyOff;
const zhT = createI18n('zh-CN').t;
const enT = createI18n('en').t;

describe('offer wording', () => {
  it('says the brief’s example in both languages', () => {
    expect(offerNotice(FIFTY_OFF, enT, 'en')).toBe(
      'A coupon is waiting for you: ¥50 off over ¥300, until 31 Dec — use it at checkout',
    );
    expect(offerNotice(FIFTY_OFF, zhT, 'zh-CN')).toBe(
      '您有一张优惠券待使用：满 ¥300 减 ¥50，有效期至 12月31日，结账时即可使用',
    );
  });

  it('words percent off as 折 in Chinese, no minimum spend, and points multipliers', () => {
    const pct = { ...FIFTY_OFF, kind: 'percent' as const, value: 15, minSpendCents: 0 };
    expect(offerPhrase(pct, enT)).toBe('15% off');
    expect(offerPhrase(pct, zhT)).toBe('8.5 折');
    expect(offerPhrase({ ...pct, minSpendCents: 19900 }, zhT)).toBe('满 ¥199 享 8.5 折');
    const pts = { ...FIFTY_OFF, kind: 'points_multiplier' as const, value: 2, minSpendCents: 0 };
    expect(offerNotice(pts, enT, 'en')).toBe('2× points on what you buy, until 31 Dec');
    expect(offerNotice(pts, zhT, 'zh-CN')).toBe('购物可享2倍积分，有效期至 12月31日');
  });

  it('keeps fen when a sum is not whole yuan, and a date it cannot read as it is', () => {
    expect(offerYuan(2990)).toBe('¥29.90');
    expect(offerYuan(120000)).toBe('¥1,200');
    expect(zhe(20)).toBe('8');
    expect(offerDate('2027-01-05', 'en')).toBe('5 Jan');
    expect(offerDate('not-a-date', 'zh-CN')).toBe('not-a-date');
  });
});
