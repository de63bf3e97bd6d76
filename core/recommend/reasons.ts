/**
 * The one-line reason of every pick, in Chinese and English, from the model's reason codes. Pure:
 * the caller gives the names of the styles a reason mentions.
 */
import type { Label } from '../rules/types';
import type { LiveWhy, SizeProposal } from './rank/live';

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

export const POPULAR_REASON: Label = { zh: '本季热销款', en: 'A bestseller this season' };

export interface StyleName {
  nameZh: string;
  nameEn: string;
}

/** "the trench coat" from "Trench coat": product names read inside an English sentence. */
export function inSentence(nameEn: string): string {
  const word = nameEn.split(' ')[0] ?? '';
  // Keep acronyms and brand-like words (e.g. "UV", "GORE") as they are.
  if (word.length > 1 && word === word.toUpperCase()) return nameEn;
  return nameEn.charAt(0).toLowerCase() + nameEn.slice(1);
}

const NUMBERS_ZH = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

function ownReason(tries: number, bought: boolean): Label {
  if (bought)
    return { zh: '您买过这款，看看其他颜色', en: 'You bought this style: see it in other colours' };
  if (tries >= 3)
    return { zh: `您试穿过${NUMBERS_ZH[tries] ?? tries}次`, en: `You tried this ${tries} times` };
  if (tries === 2) return { zh: '您试穿过两次', en: 'You tried this twice' };
  return { zh: '您试穿过这款', en: 'You tried this one on before' };
}

/**
 * The reason line of a pick. `name` finds the style a reason names; when it does not know it,
 * the reason falls back to a line that names nothing.
 */
export function pickReason(why: LiveWhy, name: (styleId: string) => StyleName | null): Label {
  switch (why.code) {
    case 'taste':
      return why.boughtBy > 0
        ? { zh: '和您品味相近的会员也买了这款', en: 'Members with your taste also bought this' }
        : { zh: '和您品味相近的会员也喜欢这款', en: 'Members with your taste also liked this' };
    case 'goes-with': {
      const anchor = name(why.anchor);
      if (!anchor) return { zh: '为您推荐', en: 'Picked for you' };
      const en = inSentence(anchor.nameEn);
      return why.bought
        ? { zh: `与您买过的${anchor.nameZh}很搭`, en: `Goes well with the ${en} you bought` }
        : { zh: `与您试穿过的${anchor.nameZh}很搭`, en: `Goes well with the ${en} you tried` };
    }
    case 'with-visit': {
      const anchor = name(why.anchor);
      if (!anchor) return { zh: '与您正在试穿的很搭', en: 'Goes well with what you are trying on' };
      const en = inSentence(anchor.nameEn);
      return why.liked
        ? { zh: `因为您喜欢这件${anchor.nameZh}`, en: `Because you liked the ${en}` }
        : {
            zh: `与您正在试穿的${anchor.nameZh}很搭`,
            en: `Goes well with the ${en} you are trying on`,
          };
    }
    case 'tag': {
      const label = TAG_LABELS[why.tag] ?? { zh: why.tag, en: why.tag };
      return { zh: `符合您喜欢的${label.zh}风格`, en: `Matches your ${label.en} style` };
    }
    case 'own':
      return ownReason(why.tries, why.bought);
    case 'popular':
      return POPULAR_REASON;
  }
}

/** "Try size L: M felt too small". */
export function sizeProposalReason(p: SizeProposal): Label {
  return p.because === 'too-small'
    ? { zh: `试试 ${p.to} 码：${p.from} 码偏小`, en: `Try size ${p.to}: ${p.from} felt too small` }
    : { zh: `试试 ${p.to} 码：${p.from} 码偏大`, en: `Try size ${p.to}: ${p.from} felt too big` };
}
