/**
 * Member × style interest, from the events of members who allow profiling: each event adds its
 * outcome's weight, halved every `halfLifeDays` before `until`. Sparse rows sorted by style.
 *
 * A rejected try-on still counts (less than a like): in the brand's data a style tried and put
 * back predicts a later like or purchase almost as well as a liked one, because members come back
 * to the same few dozen styles. Styles already bought stay in the profile for the same reason.
 */
import { EventTable, type Outcome } from './events';

export const OUTCOME_WEIGHTS: Record<Outcome, number> = {
  purchase: 1,
  bought: 1,
  liked: 1,
  'size-swap': 0.9,
  rejected: 0.8,
};
export const HALF_LIFE_DAYS = 180;
const DAY_MS = 86_400_000;

export interface ProfileRow {
  styles: Int32Array;
  weights: Float64Array;
  /** Try-ons of the style (any outcome). */
  tries: Uint16Array;
  /** 1 when the member bought the style. */
  bought: Uint8Array;
}

export interface Profiles {
  /** Indexed by the table's member id; undefined for members with no usable event. */
  rows: (ProfileRow | undefined)[];
  norms: Float64Array;
  /** Summed weight per style over every event before `until` (anonymous ones too). */
  popularity: Float64Array;
  /** Purchases per style before `until`. */
  purchases: Float64Array;
}

export interface ProfileOptions {
  /** Only events strictly before this instant (ms). */
  until: number;
  /** Members (table ids) whose events may build a profile; others count only anonymously. */
  profiling: (memberId: number) => boolean;
  halfLifeDays?: number;
}

export function buildProfiles(table: EventTable, options: ProfileOptions): Profiles {
  const halfLife = (options.halfLifeDays ?? HALF_LIFE_DAYS) * DAY_MS;
  const styleCount = table.styles.size;
  const popularity = new Float64Array(styleCount);
  const purchases = new Float64Array(styleCount);
  const cells = new Map<number, number>();
  const weight: number[] = [];
  const tries: number[] = [];
  const bought: number[] = [];
  const allowed = new Map<number, boolean>();
  for (let i = 0; i < table.length; i++) {
    const at = table.at[i] ?? 0;
    if (at >= options.until) continue;
    const style = table.style[i] ?? 0;
    const outcome = table.outcomeOf(i);
    const w = OUTCOME_WEIGHTS[outcome] * 0.5 ** ((options.until - at) / halfLife);
    popularity[style] = (popularity[style] ?? 0) + w;
    if (outcome === 'purchase') purchases[style] = (purchases[style] ?? 0) + 1;
    const member = table.member[i] ?? -1;
    if (member < 0) continue;
    let ok = allowed.get(member);
    if (ok === undefined) {
      ok = options.profiling(member);
      allowed.set(member, ok);
    }
    if (!ok) continue;
    const key = member * styleCount + style;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = weight.length;
      cells.set(key, cell);
      weight.push(0);
      tries.push(0);
      bought.push(0);
    }
    weight[cell] = (weight[cell] ?? 0) + w;
    if (outcome === 'purchase' || outcome === 'bought') bought[cell] = 1;
    else tries[cell] = (tries[cell] ?? 0) + 1;
    if (outcome === 'bought') tries[cell] = (tries[cell] ?? 0) + 1;
  }
  const perMember = new Map<number, number[]>();
  for (const [key, cell] of cells) {
    const member = Math.floor(key / styleCount);
    let list = perMember.get(member);
    if (!list) perMember.set(member, (list = []));
    list.push(key - member * styleCount, cell);
  }
  const rows: (ProfileRow | undefined)[] = new Array(table.members.size).fill(undefined);
  const norms = new Float64Array(table.members.size);
  for (const [member, list] of perMember) {
    const n = list.length / 2;
    const order = Array.from({ length: n }, (_, j) => j).sort(
      (a, b) => (list[2 * a] ?? 0) - (list[2 * b] ?? 0),
    );
    const row: ProfileRow = {
      styles: new Int32Array(n),
      weights: new Float64Array(n),
      tries: new Uint16Array(n),
      bought: new Uint8Array(n),
    };
    let sq = 0;
    order.forEach((j, k) => {
      const cell = list[2 * j + 1] ?? 0;
      row.styles[k] = list[2 * j] ?? 0;
      row.weights[k] = weight[cell] ?? 0;
      row.tries[k] = Math.min(65535, tries[cell] ?? 0);
      row.bought[k] = bought[cell] ?? 0;
      sq += (weight[cell] ?? 0) ** 2;
    });
    rows[member] = row;
    norms[member] = Math.sqrt(sq);
  }
  return { rows, norms, popularity, purchases };
}

/** The largest value, or `floor` when none is larger (no spread: catalogs exceed argument limits). */
export function largest(values: Iterable<number>, floor = 0): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
