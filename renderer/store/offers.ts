/**
 * A campaign offer in words (pure): "¥50 off over ¥300" / "满 ¥300 减 ¥50", a percent as a Chinese
 * discount ("8.5 折" for 15 % off), a points multiplier, and the last valid date as shoppers read
 * it ("31 Dec" / "12月31日").
 */
import type { MemberOfferView } from '../../bridge/views';
import type { Language } from '../i18n';
import { formatYuan } from './selectors';

type Translate = (key: string, params: Record<string, string | number>) => string;

/** Whole yuan without the fen ("¥300"); otherwise as every price is shown ("¥29.90"). */
export function offerYuan(cents: number): string {
  return cents % 100 === 0 ? `¥${(cents / 100).toLocaleString('en-US')}` : formatYuan(cents);
}

/** A percent off as the Chinese 折: 15 → "8.5", 20 → "8". */
export function zhe(percentOff: number): string {
  return String((100 - percentOff) / 10);
}

/** 'YYYY-MM-DD' → "31 Dec" (en) or "12月31日" (zh-CN). */
export function offerDate(date: string, language: Language): string {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    day: 'numeric',
    month: language === 'en' ? 'short' : 'long',
    timeZone: 'UTC',
  }).format(at);
}

/** What the offer gives, in one short phrase. */
export function offerPhrase(offer: MemberOfferView, t: Translate): string {
  const min = offerYuan(offer.minSpendCents);
  const over = offer.minSpendCents > 0;
  switch (offer.kind) {
    case 'amount':
    case 'threshold':
      return t(over ? 'offers.amountOver' : 'offers.amount', {
        amount: offerYuan(offer.value),
        min,
      });
    case 'percent':
      return t(over ? 'offers.percentOver' : 'offers.percent', {
        percent: offer.value,
        zhe: zhe(offer.value),
        min,
      });
    case 'points_multiplier':
      return t('offers.points', { factor: offer.value });
  }
}

/** The mirror's sentence for one waiting offer. */
export function offerNotice(offer: MemberOfferView, t: Translate, language: Language): string {
  return t(offer.kind === 'points_multiplier' ? 'offers.pointsWaiting' : 'offers.couponWaiting', {
    offer: offerPhrase(offer, t),
    date: offerDate(offer.validTo, language),
  });
}
