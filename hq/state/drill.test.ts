import { describe, expect, it } from 'vitest';
import { figureValue, isFigure } from './drill';

describe('figureValue', () => {
  it('a ratio of sides that add up several parts', () => {
    // sell-through: sold / (sold + on hand)
    expect(figureValue([30], [30, 90], 1)).toBe(0.25);
  });
  it('a sum has no denominator; a factor scales (weekly units over 4 weeks)', () => {
    expect(figureValue([3, 4], [], 1)).toBe(7);
    expect(figureValue([20], [], 1 / 4)).toBe(5);
    expect(figureValue([12], [6], 4)).toBe(8);
  });
  it('nothing below the line is no value, not infinity', () => {
    expect(figureValue([5], [0], 1)).toBeNull();
    expect(figureValue([5], [0, 0], 1)).toBeNull();
  });
  it('tells a figure from a plain rows link', () => {
    const link = { kind: 'sales' as const, params: {} };
    expect(isFigure(link)).toBe(false);
    expect(
      isFigure({ figure: 'aov', format: 'money2', numerator: [], denominator: [], factor: 1 }),
    ).toBe(true);
  });
});
