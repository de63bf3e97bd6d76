import { describe, expect, it } from 'vitest';
import { pickReason, sizeProposalReason } from './reasons';

const names = (id: string) => (id === 'COA001' ? { nameZh: '风衣', nameEn: 'Trench coat' } : null);

describe('pick reasons', () => {
  it('words every reason code in Chinese and English', () => {
    expect(pickReason({ code: 'taste', boughtBy: 2 }, names)).toEqual({
      zh: '和您品味相近的会员也买了这款',
      en: 'Members with your taste also bought this',
    });
    expect(pickReason({ code: 'taste', boughtBy: 0 }, names).en).toBe(
      'Members with your taste also liked this',
    );
    expect(pickReason({ code: 'own', tries: 2, bought: false }, names)).toEqual({
      zh: '您试穿过两次',
      en: 'You tried this twice',
    });
    expect(pickReason({ code: 'own', tries: 4, bought: false }, names)).toEqual({
      zh: '您试穿过四次',
      en: 'You tried this 4 times',
    });
    expect(pickReason({ code: 'own', tries: 1, bought: true }, names).en).toMatch(/You bought/);
    expect(pickReason({ code: 'goes-with', anchor: 'COA001', bought: true }, names)).toEqual({
      zh: '与您买过的风衣很搭',
      en: 'Goes well with the trench coat you bought',
    });
    expect(pickReason({ code: 'with-visit', anchor: 'COA001', liked: true }, names)).toEqual({
      zh: '因为您喜欢这件风衣',
      en: 'Because you liked the trench coat',
    });
    expect(pickReason({ code: 'tag', tag: 'business' }, names)).toEqual({
      zh: '符合您喜欢的商务风格',
      en: 'Matches your business style',
    });
    expect(pickReason({ code: 'tag', tag: 'boho' }, names).en).toBe('Matches your boho style');
    expect(pickReason({ code: 'popular' }, names).en).toBe('A bestseller this season');
  });

  it('falls back to a line naming nothing when the anchor is unknown', () => {
    expect(pickReason({ code: 'goes-with', anchor: 'GONE', bought: false }, names).en).toBe(
      'Picked for you',
    );
  });

  it('says why another size is proposed', () => {
    expect(
      sizeProposalReason({ styleId: 'A', colour: 'BLK', from: 'M', to: 'L', because: 'too-small' }),
    ).toEqual({ zh: '试试 L 码：M 码偏小', en: 'Try size L: M felt too small' });
    expect(
      sizeProposalReason({ styleId: 'A', colour: 'BLK', from: '29', to: '28', because: 'too-big' })
        .en,
    ).toBe('Try size 28: 29 felt too big');
  });
});
