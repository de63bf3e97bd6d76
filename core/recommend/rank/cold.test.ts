import { describe, expect, it } from 'vitest';
import { coldMemberModel } from './cold';

const day = 86_400_000;
const now = Date.parse('2026-10-01T00:00:00Z');

describe('coldMemberModel', () => {
  it('ranks a member the model lacks from their own events and the item neighbours', () => {
    const model = coldMemberModel({
      memberId: 'M9',
      events: [
        { styleId: 'TOP', outcome: 'rejected', reason: 'too-small', at: now - 3 * day },
        { styleId: 'TOP', outcome: 'liked', reason: null, at: now - 2 * day },
        { styleId: 'COAT', outcome: 'purchase', reason: null, at: now - 400 * day },
      ],
      now,
      weights: { userKnn: 1, itemKnn: 0.5, persona: 0.25, own: 1, popularity: 0.1 },
      popular: [{ styleId: 'TEE', popularity: 1 }],
      neighbours: (s) => (s === 'TOP' ? [['PANTS', 0.9]] : []),
      tags: (s) => (s === 'TEE' ? ['street'] : ['business']),
      limit: 10,
    });
    expect(model.memberId).toBe('M9');
    expect(model.picks[0]?.styleId).toBe('TOP');
    expect(model.picks[0]?.why).toEqual({ code: 'own', tries: 2, bought: false });
    const pants = model.picks.find((p) => p.styleId === 'PANTS');
    expect(pants?.why).toEqual({ code: 'goes-with', anchor: 'TOP', bought: false });
    expect(model.picks.at(-1)?.styleId).toBe('TEE');
  });
});
