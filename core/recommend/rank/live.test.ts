import { describe, expect, it } from 'vitest';
import type { MemberModel } from '../model/model';
import { nextSize, rankLive, STYLE_DEMOTION, type RankInput, type StyleFacts } from './live';

const sizes: Record<string, string[]> = {
  TOP: ['S', 'M', 'L'],
  JEANS: ['28', '29'],
  HOODIE: ['M', 'L'],
};
const facts: Record<string, StyleFacts> = {
  TOP: { gender: 'U', tags: ['business'] },
  PANTS: { gender: 'U', tags: ['business'] },
  COAT: { gender: 'U', tags: ['business', 'minimalist'] },
  TEE: { gender: 'U', tags: ['street'] },
  JEANS: { gender: 'U', tags: ['street'] },
  HOODIE: { gender: 'U', tags: ['street', 'sporty'] },
  DRESS: { gender: 'F', tags: ['romantic'] },
};
const neighbours: Record<string, [string, number][]> = {
  TEE: [
    ['JEANS', 0.8],
    ['HOODIE', 0.4],
  ],
  TOP: [
    ['PANTS', 0.9],
    ['COAT', 0.5],
  ],
  COAT: [['TOP', 0.7]],
};
const member: MemberModel = {
  memberId: 'M1',
  picks: [
    { styleId: 'TOP', score: 2, why: { code: 'taste', boughtBy: 3 } },
    { styleId: 'COAT', score: 1.6, why: { code: 'own', tries: 2, bought: false } },
    { styleId: 'PANTS', score: 1.2, why: { code: 'tag', tag: 'business' } },
    { styleId: 'HOODIE', score: 0.5, why: { code: 'popular' } },
  ],
  sizes: {},
};
const popular = ['TEE', 'DRESS', 'JEANS', 'TOP'].map((styleId, i) => ({
  styleId,
  popularity: 1 - i * 0.2,
}));
const input = (over: Partial<RankInput> = {}): RankInput => ({
  member,
  popular,
  neighbours: (s) => neighbours[s] ?? [],
  facts: (s) => facts[s],
  sizes: (s) => sizes[s] ?? [],
  gender: 'M',
  visit: [],
  limit: 10,
  ...over,
});
const order = (r: ReturnType<typeof rankLive>) => r.picks.map((p) => p.styleId);

describe('rankLive', () => {
  it('ranks the member’s picks first, keeping their reasons, and never the other gender', () => {
    const r = rankLive(input());
    expect(order(r).slice(0, 3)).toEqual(['TOP', 'COAT', 'PANTS']);
    expect(r.picks[1]?.why).toEqual({ code: 'own', tries: 2, bought: false });
    expect(order(r)).not.toContain('DRESS');
    expect(r.sizeProposals).toEqual([]);
    expect(r.avoidColours).toEqual([]);
  });

  it('lifts what goes with a garment liked now above the member’s history, and drops it from the list', () => {
    const r = rankLive(
      input({
        visit: [{ styleId: 'TEE', size: 'M', colour: 'BLK', outcome: 'liked', reason: null }],
      }),
    );
    expect(order(r)[0]).toBe('JEANS');
    expect(r.picks[0]?.why).toEqual({ code: 'with-visit', anchor: 'TEE', liked: true });
    expect(order(r)).not.toContain('TEE');
    // A like moves more than a mere try-on.
    const tried = rankLive(
      input({
        visit: [{ styleId: 'TEE', size: 'M', colour: 'BLK', outcome: 'tried', reason: null }],
      }),
    );
    const score = (x: typeof r, s: string) => x.picks.find((p) => p.styleId === s)?.score ?? 0;
    expect(score(r, 'JEANS')).toBeGreaterThan(score(tried, 'JEANS'));
  });

  it('demotes every style carrying a tag the shopper rejected as "style"', () => {
    const before = rankLive(input());
    const after = rankLive(
      input({
        visit: [
          { styleId: 'COAT', size: 'M', colour: 'BLK', outcome: 'rejected', reason: 'style' },
        ],
      }),
    );
    const score = (x: typeof before, s: string) => x.picks.find((p) => p.styleId === s)?.score ?? 0;
    expect(score(after, 'TOP')).toBeCloseTo(score(before, 'TOP') * STYLE_DEMOTION, 6);
    expect(score(after, 'PANTS')).toBeCloseTo(score(before, 'PANTS') * STYLE_DEMOTION, 6);
    // The street hoodie, below the business trousers before, is above them now.
    expect(order(before).indexOf('HOODIE')).toBeGreaterThan(order(before).indexOf('PANTS'));
    expect(order(after).indexOf('HOODIE')).toBeLessThan(order(after).indexOf('PANTS'));
  });

  it('avoids a colour turned down, and proposes the next size for too small / too big', () => {
    const r = rankLive(
      input({
        visit: [
          { styleId: 'TEE', size: 'M', colour: 'RED', outcome: 'rejected', reason: 'colour' },
          { styleId: 'TOP', size: 'M', colour: 'BLK', outcome: 'rejected', reason: 'too-small' },
          { styleId: 'JEANS', size: '29', colour: 'NAV', outcome: 'size-swap', reason: 'too-big' },
          { styleId: 'HOODIE', size: 'L', colour: 'GRY', outcome: 'rejected', reason: 'too-small' },
        ],
      }),
    );
    expect(r.avoidColours).toEqual(['RED']);
    expect(r.sizeProposals).toEqual([
      { styleId: 'TOP', colour: 'BLK', from: 'M', to: 'L', because: 'too-small' },
      { styleId: 'JEANS', colour: 'NAV', from: '29', to: '28', because: 'too-big' },
    ]);
  });

  it('without a member (no consent) ranks bestsellers and the visit only', () => {
    const r = rankLive(input({ member: null, gender: null }));
    expect(order(r).slice(0, 4)).toEqual(['TEE', 'DRESS', 'JEANS', 'TOP']);
    expect(r.picks.every((p) => p.why.code === 'popular')).toBe(true);
    const live = rankLive(
      input({
        member: null,
        visit: [{ styleId: 'TOP', size: 'M', colour: 'BLK', outcome: 'liked', reason: null }],
      }),
    );
    expect(order(live)[0]).toBe('PANTS');
    expect(live.picks.some((p) => p.why.code === 'own' || p.why.code === 'taste')).toBe(false);
  });

  it('finds the next size only inside the style’s range', () => {
    expect(nextSize(['S', 'M', 'L'], 'M', 1)).toBe('L');
    expect(nextSize(['S', 'M', 'L'], 'L', 1)).toBeNull();
    expect(nextSize(['S', 'M', 'L'], 'S', -1)).toBeNull();
    expect(nextSize(['S', 'M', 'L'], 'XL', 1)).toBeNull();
  });
});
