/**
 * A small brand for the model's tests, shaped so each expectation can be worked out by hand:
 * two taste groups of members (A: business styles B1–B4, Z: street styles S1–S4), one bestseller
 * (POP) everybody buys, a one-size bag, and shoes for the look.
 */
import type { MemberInfo, StyleInfo } from './catalog';
import { EventTable, type Outcome, type Reason } from './events';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-01T00:00:00Z');

const style = (
  styleId: string,
  tags: string[],
  slot: string,
  category: string,
  sizes = ['S', 'M', 'L'],
  gender: 'F' | 'M' | 'U' = 'U',
): StyleInfo => ({ styleId, tags, slot, category, gender, sizes });

export const CATALOG: StyleInfo[] = [
  style('B1', ['business'], 'top', 'shirt'),
  style('B2', ['business'], 'bottom', 'trousers'),
  style('B3', ['business', 'minimalist'], 'outer', 'coat'),
  style('B4', ['business'], 'top', 'shirt'),
  style('S1', ['street'], 'top', 'tshirt'),
  style('S2', ['street'], 'bottom', 'jeans'),
  style('S3', ['street', 'sporty'], 'outer', 'jacket'),
  style('S4', ['street'], 'top', 'tshirt'),
  style('POP', ['basic'], 'top', 'tshirt'),
  style('BAG', ['basic'], 'accessory', 'bag', ['OS']),
  style('SHO', ['street'], 'shoes', 'sneakers', ['38', '39', '40']),
  style('DRS', ['romantic'], 'full', 'dress', ['S', 'M'], 'F'),
];

export interface Fact {
  member: string | null;
  style: string;
  outcome: Outcome;
  day: number;
  group: string;
  size?: string;
  reason?: Reason | null;
  colour?: string;
}

export function table(facts: readonly Fact[]): EventTable {
  const t = new EventTable();
  for (const f of facts)
    t.add({
      memberId: f.member,
      styleId: f.style,
      size: f.size ?? 'M',
      colour: f.colour ?? 'BLK',
      outcome: f.outcome,
      reason: f.reason ?? null,
      at: T0 + f.day * DAY,
      group: f.group,
    });
  return t;
}

/**
 * Members A1–A6 like B1–B3 (A6 also B4, the one the others have not found yet), Z1–Z6 like S1–S3
 * (Z6 also S4); everybody buys POP. N1 did not consent. Events spread over 100 days.
 */
export function twoGroups(): { facts: Fact[]; members: MemberInfo[] } {
  const facts: Fact[] = [];
  let g = 0;
  const add = (member: string | null, styles: string[], outcome: Outcome, day: number) => {
    g++;
    for (const s of styles) facts.push({ member, style: s, outcome, day, group: `G${g}` });
  };
  for (let i = 1; i <= 6; i++)
    for (let v = 0; v < 4; v++) {
      add(`A${i}`, ['B1', 'B2', 'B3'], v % 2 ? 'liked' : 'purchase', 10 + v * 20 + i);
      add(`Z${i}`, ['S1', 'S2', 'S3'], v % 2 ? 'rejected' : 'purchase', 10 + v * 20 + i);
      add(`A${i}`, ['POP'], 'purchase', 12 + v * 20 + i);
      add(`Z${i}`, ['POP'], 'purchase', 12 + v * 20 + i);
    }
  add('A6', ['B4'], 'liked', 95);
  add('Z6', ['S4'], 'liked', 95);
  // N1 shops like group A but did not consent: never a profile, never a neighbour.
  for (let v = 0; v < 4; v++) add('N1', ['B1', 'B4'], 'purchase', 20 + v * 10);
  for (let v = 0; v < 30; v++) add(null, ['POP', 'SHO'], 'purchase', v * 3);
  const members: MemberInfo[] = [
    ...['A', 'Z'].flatMap((p) =>
      [1, 2, 3, 4, 5, 6].map((i) => ({
        memberId: `${p}${i}`,
        gender: null,
        profiling: true,
        homeStore: i <= 3 ? 'S001' : 'S002',
      })),
    ),
    { memberId: 'N1', gender: null, profiling: false, homeStore: 'S001' },
  ];
  return { facts, members };
}
