/**
 * "Complete the look" pairs: styles of different outfit slots that go together, from
 * - the same sale (weight 2) or the same try-on session, not rejected (weight 1), and
 * - co-purchase across a member's visits (weight 1): what one member bought, over time.
 * Scores are cosine-like (count / √(count a × count b)), so a bestseller does not partner with
 * everything just by being everywhere. Each style keeps its `topN` best partners.
 */
import type { StyleInfo } from './catalog';
import type { EventTable } from './events';

export interface LookPair {
  style: number;
  score: number;
  coPurchases: number;
}

const SALE_WEIGHT = 2;
const SESSION_WEIGHT = 1;
const MEMBER_WEIGHT = 1;
/** A member's most recent purchases considered for cross-visit pairs. */
const MEMBER_CAP = 30;

export function lookPairs(
  table: EventTable,
  catalog: readonly StyleInfo[],
  options: { until: number; topN?: number },
): LookPair[][] {
  const topN = options.topN ?? 20;
  const styleCount = table.styles.size;
  const byId = new Map(catalog.map((s) => [s.styleId, s.slot]));
  const slot = table.styles.values.map((id) => byId.get(id) ?? '');
  const pair = new Map<number, { w: number; buys: number }>();
  const count = new Float64Array(styleCount);
  const add = (a: number, b: number, w: number, bought: boolean) => {
    if (a === b || slot[a] === slot[b] || !slot[a] || !slot[b]) return;
    const key = a * styleCount + b;
    const p = pair.get(key) ?? { w: 0, buys: 0 };
    p.w += w;
    if (bought) p.buys++;
    pair.set(key, p);
  };
  // Events of each group, positive ones only (a rejected try-on says nothing about the pairing),
  // laid out group by group with a counting sort: no per-group objects at ten million events.
  const eligible = (i: number) =>
    (table.at[i] ?? 0) < options.until && table.outcomeOf(i) !== 'rejected';
  const start = new Int32Array(table.groups.size + 1);
  for (let i = 0; i < table.length; i++)
    if (eligible(i)) start[(table.group[i] ?? 0) + 1] = (start[(table.group[i] ?? 0) + 1] ?? 0) + 1;
  for (let g = 1; g < start.length; g++) start[g] = (start[g] ?? 0) + (start[g - 1] ?? 0);
  const fill = Int32Array.from(start);
  const order = new Int32Array(start[start.length - 1] ?? 0);
  const bought = new Map<number, { style: number; at: number }[]>();
  for (let i = 0; i < table.length; i++) {
    if (!eligible(i)) continue;
    const g = table.group[i] ?? 0;
    order[fill[g] ?? 0] = i;
    fill[g] = (fill[g] ?? 0) + 1;
    const member = table.member[i] ?? -1;
    const outcome = table.outcomeOf(i);
    if (member >= 0 && (outcome === 'purchase' || outcome === 'bought')) {
      const list = bought.get(member) ?? [];
      list.push({ style: table.style[i] ?? 0, at: table.at[i] ?? 0 });
      bought.set(member, list);
    }
  }
  for (let g = 0; g + 1 < start.length; g++) {
    const styles: number[] = [];
    let sale = false;
    for (let j = start[g] ?? 0; j < (start[g + 1] ?? 0); j++) {
      const i = order[j] ?? 0;
      const style = table.style[i] ?? 0;
      if (!styles.includes(style)) styles.push(style);
      if (table.outcomeOf(i) === 'purchase') sale = true;
    }
    for (const s of styles) count[s] = (count[s] ?? 0) + 1;
    for (const a of styles)
      for (const b of styles) add(a, b, sale ? SALE_WEIGHT : SESSION_WEIGHT, sale);
  }
  for (const list of bought.values()) {
    const recent = [...new Set(list.sort((x, y) => y.at - x.at).map((x) => x.style))].slice(
      0,
      MEMBER_CAP,
    );
    for (const a of recent) for (const b of recent) add(a, b, MEMBER_WEIGHT, true);
  }
  const out: LookPair[][] = Array.from({ length: styleCount }, () => []);
  for (const [key, p] of pair) {
    const a = Math.floor(key / styleCount);
    const b = key - a * styleCount;
    const norm = Math.sqrt(Math.max(1, count[a] ?? 0) * Math.max(1, count[b] ?? 0));
    out[a]?.push({ style: b, score: p.w / norm, coPurchases: p.buys });
  }
  return out.map((list) =>
    list.sort((x, y) => y.score - x.score || x.style - y.style).slice(0, topN),
  );
}
