/**
 * Size advice from the brand's fit data (every store and channel):
 *
 * - a style **runs small / large** when the shoppers who gave a fit reason ("too small",
 *   "too big") lean to one side clearly more than the brand does on average (a one-sided z-test
 *   on the share, z ≥ 2.5, at least MIN_REASONS reasons) and mostly (≥ 60 %) say so, or when
 *   buyers keep a size away from their usual one (mean offset ≥ 0.35 sizes over at least
 *   MIN_KEPT purchases); when the two disagree nothing is said;
 * - **which size members who usually wear X kept**: a member's usual size in a category is the
 *   size they bought most there, not counting this style; shown per usual size only from
 *   MIN_KEPT purchases on.
 *
 * One-size styles (bags, scarves) get no advice. Each fact keeps its counts, so the card can say
 * what the advice rests on.
 */
import type { StyleInfo } from './catalog';
import type { EventTable } from './events';
import type { FitFacts, FitVerdict } from './model';

export const MIN_REASONS = 12;
export const MIN_KEPT = 5;
const Z = 2.5;
/** And most of those shoppers said so: "runs small" needs ≥ 60 % "too small". */
const MAJORITY = 0.6;
const OFFSET = 0.35;

export interface FitModel {
  /** Indexed by the table's style id; null when the style has no advice at all. */
  styles: (FitFacts | null)[];
  /** member (table id) → category → usual size. */
  usualSizes: Map<number, Record<string, string>>;
}

type Counter = Map<string, number>;
const bump = (map: Counter, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const mostOf = (map: Counter | undefined): string | null => {
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of map ?? [])
    if (v > n || (v === n && best !== null && k < best)) {
      best = k;
      n = v;
    }
  return best;
};

export function fitModel(
  table: EventTable,
  catalog: readonly StyleInfo[],
  options: { until: number },
): FitModel {
  const byId = new Map(catalog.map((s) => [s.styleId, s]));
  const info = table.styles.values.map((id) => byId.get(id));
  const small = new Float64Array(table.styles.size);
  const big = new Float64Array(table.styles.size);
  // member → category → size counts, and member → style → size counts (purchases).
  const inCategory = new Map<number, Map<string, Counter>>();
  const inStyle = new Map<number, Map<number, Counter>>();
  for (let i = 0; i < table.length; i++) {
    if ((table.at[i] ?? 0) >= options.until) continue;
    const style = table.style[i] ?? 0;
    const reason = table.reasonOf(i);
    if (reason === 'too-small') small[style] = (small[style] ?? 0) + 1;
    if (reason === 'too-big') big[style] = (big[style] ?? 0) + 1;
    const outcome = table.outcomeOf(i);
    const member = table.member[i] ?? -1;
    const facts = info[style];
    const size = table.sizes.values[table.size[i] ?? 0] ?? '';
    if (member < 0 || !facts || size === '' || (outcome !== 'purchase' && outcome !== 'bought'))
      continue;
    let categories = inCategory.get(member);
    if (!categories) inCategory.set(member, (categories = new Map()));
    let sizes = categories.get(facts.category);
    if (!sizes) categories.set(facts.category, (sizes = new Map()));
    bump(sizes, size);
    let styles = inStyle.get(member);
    if (!styles) inStyle.set(member, (styles = new Map()));
    let kept = styles.get(style);
    if (!kept) styles.set(style, (kept = new Map()));
    bump(kept, size);
  }
  const usualSizes = new Map<number, Record<string, string>>();
  for (const [member, categories] of inCategory) {
    const sizes: Record<string, string> = {};
    for (const [category, counts] of categories) {
      const usual = mostOf(counts);
      if (usual !== null) sizes[category] = usual;
    }
    usualSizes.set(member, sizes);
  }
  // style → usual size → kept size counts, usual computed without the style's own purchases.
  const keptBy = new Map<number, Map<string, Counter>>();
  for (const [member, styles] of inStyle)
    for (const [style, kept] of styles) {
      const category = info[style]?.category ?? '';
      const all = inCategory.get(member)?.get(category);
      const others: Counter = new Map(all);
      for (const [size, n] of kept) others.set(size, (others.get(size) ?? 0) - n);
      for (const [size, n] of others) if (n <= 0) others.delete(size);
      const usual = mostOf(others);
      if (usual === null) continue;
      let byUsual = keptBy.get(style);
      if (!byUsual) keptBy.set(style, (byUsual = new Map()));
      let counts = byUsual.get(usual);
      if (!counts) byUsual.set(usual, (counts = new Map()));
      for (const [size, n] of kept) bump(counts, size, n);
    }
  // The brand's lean, over styles that come in sizes (a bag's "too big" says nothing about fit).
  let allSmall = 0;
  let allBig = 0;
  small.forEach((v, s) => {
    if ((info[s]?.sizes.length ?? 0) < 2) return;
    allSmall += v;
    allBig += big[s] ?? 0;
  });
  const baseline = allSmall + allBig > 0 ? allSmall / (allSmall + allBig) : 0.5;
  const styles = info.map((facts, style) =>
    facts && facts.sizes.length > 1
      ? styleFit(facts, small[style] ?? 0, big[style] ?? 0, baseline, keptBy.get(style))
      : null,
  );
  return { styles, usualSizes };
}

function styleFit(
  facts: StyleInfo,
  tooSmall: number,
  tooBig: number,
  baseline: number,
  keptBy: Map<string, Counter> | undefined,
): FitFacts | null {
  const order = (size: string) => facts.sizes.indexOf(size);
  let offsets = 0;
  let keptWithUsual = 0;
  const kept: FitFacts['keptBy'] = [];
  for (const [usual, counts] of keptBy ?? []) {
    let of = 0;
    for (const [size, n] of counts) {
      of += n;
      if (order(size) >= 0 && order(usual) >= 0) {
        offsets += (order(size) - order(usual)) * n;
        keptWithUsual += n;
      }
    }
    const top = mostOf(counts);
    if (top !== null && of >= MIN_KEPT)
      kept.push({ usual, kept: top, count: counts.get(top) ?? 0, of });
  }
  kept.sort((a, b) => order(a.usual) - order(b.usual) || (a.usual < b.usual ? -1 : 1));
  const meanOffset = keptWithUsual > 0 ? offsets / keptWithUsual : 0;
  const reasons = tooSmall + tooBig;
  let byReasons: FitVerdict | null = null;
  if (reasons >= MIN_REASONS && baseline > 0 && baseline < 1) {
    const share = tooSmall / reasons;
    const z = (share - baseline) / Math.sqrt((baseline * (1 - baseline)) / reasons);
    if (z >= Z && share >= MAJORITY) byReasons = 'runs-small';
    else if (z <= -Z && share <= 1 - MAJORITY) byReasons = 'runs-large';
  }
  let byKept: FitVerdict | null = null;
  if (keptWithUsual >= MIN_KEPT && Math.abs(meanOffset) >= OFFSET)
    byKept = meanOffset > 0 ? 'runs-small' : 'runs-large';
  const verdict =
    byReasons && byKept && byReasons !== byKept ? null : (byReasons ?? byKept ?? null);
  // Nothing sure to say: nothing shipped (every style's row travels to every kiosk).
  if (!verdict && kept.length === 0) return null;
  return {
    verdict,
    tooSmall,
    tooBig,
    keptWithUsual,
    meanOffset: Math.round(meanOffset * 100) / 100,
    keptBy: kept,
  };
}
