import { describe, expect, it } from 'vitest';
import { lookPairs } from './look';
import { CATALOG, table, type Fact } from './test-data';

const group = (
  id: string,
  styles: string[],
  outcome: Fact['outcome'],
  member: string | null = null,
  day = 1,
): Fact[] => styles.map((style) => ({ member, style, outcome, day, group: id }));

describe('lookPairs', () => {
  it('pairs styles of other slots bought or tried together, never after a rejection', () => {
    const facts = [
      ...group('X1', ['S1', 'S2'], 'purchase'),
      ...group('X2', ['S1', 'S2'], 'purchase'),
      ...group('T1', ['S1', 'SHO'], 'liked'),
      ...group('T2', ['S1', 'S3'], 'rejected'),
      // Same slot (two tops): no pair.
      ...group('X3', ['S1', 'S4'], 'purchase'),
    ];
    const t = table(facts);
    const pairs = lookPairs(t, CATALOG, { until: Infinity });
    const of = (s: string) =>
      (pairs[t.styles.find(s) ?? -1] ?? []).map((p) => [t.styles.values[p.style], p.coPurchases]);
    expect(of('S1')).toEqual([
      ['S2', 2],
      ['SHO', 0],
    ]);
  });

  it('pairs what one member bought across visits, and does not let a bestseller partner with all', () => {
    const facts: Fact[] = [
      ...group('A', ['B1'], 'purchase', 'M1', 1),
      ...group('B', ['B2'], 'purchase', 'M1', 20),
    ];
    // POP is in 40 sales, once with B2; B3 only with B2, twice.
    for (let i = 0; i < 40; i++)
      facts.push(...group(`P${i}`, i === 0 ? ['POP', 'B2'] : ['POP'], 'purchase'));
    facts.push(...group('Q1', ['B3', 'B2'], 'purchase'), ...group('Q2', ['B3', 'B2'], 'purchase'));
    const t = table(facts);
    const pairs = lookPairs(t, CATALOG, { until: Infinity });
    const partners = (pairs[t.styles.find('B2') ?? -1] ?? []).map((p) => t.styles.values[p.style]);
    expect(partners).toContain('B1');
    expect(partners.indexOf('B3')).toBeLessThan(partners.indexOf('POP'));
  });
});
