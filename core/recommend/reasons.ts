/** The one-line reasons of personal picks, in Chinese and English. */
import type { Label } from '../rules/types';
import type { ReadableDB } from '../store/db';
import { inSentence } from './catalog-facts';
import type { StyleSignal } from './member-signals';

/** Names of the demo catalog's style tags; an unknown tag is shown as written. */
export const TAG_LABELS: Record<string, Label> = {
  business: { zh: '商务', en: 'business' },
  sporty: { zh: '运动', en: 'sporty' },
  street: { zh: '街头', en: 'street' },
  minimalist: { zh: '极简', en: 'minimalist' },
  outdoor: { zh: '户外', en: 'outdoor' },
  romantic: { zh: '浪漫', en: 'romantic' },
  basic: { zh: '基础', en: 'basic' },
};

/** For a style the member bought, liked or saved before. */
export function directReason(own: StyleSignal): Label {
  if (own.saved) return { zh: '您收藏的款式', en: 'A style you saved' };
  if (own.bought)
    return { zh: '您买过这款，看看其他颜色', en: 'You bought this style: see it in other colours' };
  return { zh: '您试穿过这款', en: 'You tried this one on before' };
}

/** For a style often bought with one the member bought (or tried). */
export function affinityReason(db: ReadableDB, anchorStyle: string, bought: boolean): Label | null {
  const anchor = db
    .prepareRead<[string], { nameZh: string; nameEn: string }>(
      'SELECT name_zh AS nameZh, name_en AS nameEn FROM products WHERE style_id = ?',
    )
    .get(anchorStyle);
  if (!anchor) return null;
  const en = inSentence(anchor.nameEn);
  return bought
    ? { zh: `与您买过的${anchor.nameZh}很搭`, en: `Goes well with the ${en} you bought` }
    : { zh: `常与您试穿过的${anchor.nameZh}一起购买`, en: `Often bought with the ${en} you tried` };
}

/** For a style whose tags match the member's taste: names the tag they like most. */
export function tagReason(tags: readonly string[], taste: ReadonlyMap<string, number>): Label {
  const best = [...tags].sort((a, b) => (taste.get(b) ?? 0) - (taste.get(a) ?? 0))[0];
  if (!best || !(taste.get(best) ?? 0)) return { zh: '为您推荐', en: 'Picked for you' };
  const label = TAG_LABELS[best] ?? { zh: best, en: best };
  return { zh: `符合您喜欢的${label.zh}风格`, en: `Matches your ${label.en} style` };
}
