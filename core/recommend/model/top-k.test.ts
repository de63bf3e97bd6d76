import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from './top-k';

describe('topK', () => {
  it('is the first k of a stable sort by score, best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 })),
        fc.integer({ min: 0, max: 12 }),
        (xs, k) => {
          const items = xs.map((s, i) => ({ s, i }));
          const expected = [...items].sort((a, b) => b.s - a.s || a.i - b.i).slice(0, k);
          expect(topK(items, k, (x) => x.s)).toEqual(expected);
        },
      ),
    );
  });
});
