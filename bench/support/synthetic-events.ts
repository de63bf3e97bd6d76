/**
 * Synthetic brand history with the demo store's shape, at any size, for the training benchmark:
 * members in taste groups who come back to about 32 styles each, three runaway bestsellers on a
 * long tail, visits of one to four garments, the demo's mix of outcomes (purchase 22 %, bought
 * 19 %, liked 23 %, rejected 28 %, size swap 8 %) and reasons, 28 % anonymous events, online
 * and mini-program sales, a usual size per category, and some styles that run small or large.
 * Seeded: the same arguments give the same events.
 */
import {
  EventTable,
  type MemberInfo,
  type Outcome,
  type Reason,
  type StyleInfo,
} from '../../core/recommend';
import { seededRandom } from '../../core/recommend/model/evaluate';

export interface SyntheticBrand {
  table: EventTable;
  catalog: StyleInfo[];
  members: MemberInfo[];
  stores: string[];
}

const SLOTS = [
  ['top', ['tshirt', 'shirt', 'knit']],
  ['bottom', ['jeans', 'trousers', 'skirt']],
  ['outer', ['jacket', 'coat']],
  ['full', ['dress']],
  ['shoes', ['sneakers', 'loafers']],
  ['accessory', ['bag', 'scarf']],
] as const;
const TAGS = ['business', 'sporty', 'street', 'minimalist', 'outdoor', 'romantic'];
const LETTERS = ['XS', 'S', 'M', 'L', 'XL'];
const NUMBERS = ['27', '28', '29', '30', '31'];
const SHOES = ['37', '38', '39', '40', '41'];
const COLOURS = ['BLK', 'WHT', 'NAV', 'BEI', 'RED'];
const DAY = 86_400_000;

function sizesOf(category: string): string[] {
  if (category === 'bag' || category === 'scarf') return ['OS'];
  if (category === 'jeans' || category === 'trousers') return NUMBERS;
  if (category === 'sneakers' || category === 'loafers') return SHOES;
  return LETTERS;
}

export function syntheticBrand(o: {
  events: number;
  styles: number;
  stores: number;
  seed?: number;
  from?: number;
}): SyntheticBrand {
  const random = seededRandom(o.seed ?? 14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const from = o.from ?? Date.parse('2026-03-01T00:00:00Z');
  const span = 214 * DAY;
  const catalog: StyleInfo[] = [];
  const fitBias: number[] = [];
  for (let s = 0; s < o.styles; s++) {
    const [slot, categories] = pick(SLOTS);
    const category = pick(categories);
    const tags = random() < 0.4 ? [pick(TAGS), pick(TAGS)] : [pick(TAGS)];
    catalog.push({
      styleId: `G${String(s).padStart(7, '0')}`,
      tags: [...new Set(tags)],
      slot,
      category,
      gender: random() < 0.15 ? 'F' : 'U',
      sizes: sizesOf(category),
    });
    fitBias.push(random() < 0.1 ? 1 : random() < 0.1 ? -1 : 0);
  }
  // A long tail with three runaway bestsellers (Zipf-like, drawn by inverse transform).
  const zipf = () => {
    const r = random();
    if (r < 0.08) return Math.floor(random() * 3);
    return Math.min(o.styles - 1, Math.floor(Math.exp(random() * Math.log(o.styles))));
  };
  const memberCount = Math.max(10, Math.round((o.events * 0.72) / 86));
  const stores = Array.from({ length: o.stores }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const groups = Math.max(1, Math.round(memberCount / 30));
  const groupPools = Array.from({ length: groups }, () =>
    Array.from({ length: 40 }, () => Math.floor(random() * o.styles)),
  );
  const members: MemberInfo[] = [];
  const favourites: number[][] = [];
  const usual: Map<string, number>[] = [];
  for (let m = 0; m < memberCount; m++) {
    const pool = groupPools[m % groups] ?? [];
    favourites.push(Array.from({ length: 32 }, () => (random() < 0.7 ? pick(pool) : zipf())));
    usual.push(new Map());
    members.push({
      memberId: `M${String(m).padStart(7, '0')}`,
      gender: random() < 0.6 ? 'F' : 'M',
      profiling: random() < 0.83,
      homeStore: pick(stores),
    });
  }
  const sizeFor = (m: number, style: StyleInfo): string => {
    const sizes = style.sizes;
    if (sizes.length === 1) return sizes[0] ?? 'OS';
    let u = usual[m]?.get(style.category);
    if (u === undefined) {
      u = 1 + Math.floor(random() * (sizes.length - 2));
      usual[m]?.set(style.category, u);
    }
    const off = random() < 0.75 ? 0 : random() < 0.5 ? -1 : 1;
    return sizes[Math.max(0, Math.min(sizes.length - 1, u + off))] ?? 'M';
  };
  const table = new EventTable();
  let visit = 0;
  while (table.length < o.events) {
    visit++;
    const anonymous = random() < 0.28;
    const m = Math.floor(random() * memberCount);
    const member = anonymous ? null : (members[m]?.memberId ?? null);
    const at = from + random() * span;
    const items = 1 + Math.floor(random() * random() * 4);
    const session = `T${visit}`;
    for (let i = 0; i < items; i++) {
      const s = anonymous || random() < 0.1 ? zipf() : pick(favourites[m] ?? [0]);
      const style = catalog[s];
      if (!style) continue;
      const size = anonymous ? pick(style.sizes) : sizeFor(m, style);
      const colour = pick(COLOURS);
      const r = random();
      const outcome: Outcome =
        r < 0.25 ? 'bought' : r < 0.55 ? 'liked' : r < 0.9 ? 'rejected' : 'size-swap';
      let reason: Reason | null = null;
      if (outcome === 'size-swap' || (outcome === 'rejected' && random() < 0.6)) {
        const lean = (fitBias[s] ?? 0) * 0.35;
        const fit = random() < 0.55 + lean ? 'too-small' : 'too-big';
        reason =
          outcome === 'size-swap' || random() < 0.45 ? fit : pick(['colour', 'style', 'price']);
      }
      table.add({
        memberId: member,
        styleId: style.styleId,
        size,
        colour,
        outcome,
        reason,
        at,
        group: session,
      });
      if (outcome === 'bought')
        table.add({
          memberId: member,
          styleId: style.styleId,
          size,
          colour,
          outcome: 'purchase',
          reason: null,
          at,
          group: `X${visit}`,
        });
    }
    // Online and mini-program orders of members: about one sale line in six.
    if (!anonymous && random() < 0.12) {
      const style = catalog[pick(favourites[m] ?? [0])];
      if (style)
        table.add({
          memberId: member,
          styleId: style.styleId,
          size: sizeFor(m, style),
          colour: pick(COLOURS),
          outcome: 'purchase',
          reason: null,
          at: at + DAY,
          group: `O${visit}`,
        });
    }
  }
  return { table, catalog, members, stores };
}
