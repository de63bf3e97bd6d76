/**
 * The events a recommendation model is trained on, held column by column so ten million of them
 * fit in a few hundred megabytes: try-ons (with outcome and reason) and sale lines of every store
 * and channel. Strings (members, styles, sizes, colours, groups) are interned to small integers.
 * Pure data: loaders (kiosk SQLite, cloud PostgreSQL, a CSV, a generator) fill it with `add`.
 */

/** What happened: a sale line, or a try-on's outcome. */
export const OUTCOMES = ['purchase', 'bought', 'liked', 'size-swap', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The shopper's "not for me" reason of a try-on (or the direction of a size swap). */
export const REASONS = ['too-small', 'too-big', 'colour', 'style', 'price'] as const;
export type Reason = (typeof REASONS)[number];

export interface RecEvent {
  /** Null for an anonymous visit or sale: counts for popularity and pairs, never for a profile. */
  memberId: string | null;
  styleId: string;
  /** The size of the variant ('' when unknown). */
  size: string;
  /** The colour code of the variant ('' when unknown). */
  colour: string;
  outcome: Outcome;
  reason: Reason | null;
  /** Milliseconds since the epoch. */
  at: number;
  /** The try-on session or the sale: events of one group happened together. */
  group: string;
}

/** A string ↔ small integer dictionary. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
  get size(): number {
    return this.values.length;
  }
}

const NO_MEMBER = -1;

function grow<T extends Int32Array | Float64Array | Uint8Array | Int16Array>(
  array: T,
  make: (n: number) => T,
): T {
  const bigger = make(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Events in columns. `member[i]` is -1 for an anonymous event. Times are kept as given; callers
 * choose windows with `at`.
 */
export class EventTable {
  readonly members = new Interner();
  readonly styles = new Interner();
  readonly sizes = new Interner();
  readonly colours = new Interner();
  readonly groups = new Interner();
  length = 0;
  member = new Int32Array(1024);
  style = new Int32Array(1024);
  size = new Int16Array(1024);
  colour = new Int16Array(1024);
  outcome = new Uint8Array(1024);
  /** 0 = no reason, else 1 + index in REASONS. */
  reason = new Uint8Array(1024);
  at = new Float64Array(1024);
  group = new Int32Array(1024);

  add(e: RecEvent): void {
    if (!Number.isFinite(e.at)) return;
    if (this.length === this.member.length) {
      this.member = grow(this.member, (n) => new Int32Array(n));
      this.style = grow(this.style, (n) => new Int32Array(n));
      this.size = grow(this.size, (n) => new Int16Array(n));
      this.colour = grow(this.colour, (n) => new Int16Array(n));
      this.outcome = grow(this.outcome, (n) => new Uint8Array(n));
      this.reason = grow(this.reason, (n) => new Uint8Array(n));
      this.at = grow(this.at, (n) => new Float64Array(n));
      this.group = grow(this.group, (n) => new Int32Array(n));
    }
    const i = this.length++;
    this.member[i] = e.memberId === null ? NO_MEMBER : this.members.id(e.memberId);
    this.style[i] = this.styles.id(e.styleId);
    this.size[i] = this.sizes.id(e.size);
    this.colour[i] = this.colours.id(e.colour);
    this.outcome[i] = OUTCOMES.indexOf(e.outcome);
    this.reason[i] = e.reason === null ? 0 : REASONS.indexOf(e.reason) + 1;
    this.at[i] = e.at;
    this.group[i] = this.groups.id(e.group);
  }

  outcomeOf(i: number): Outcome {
    return OUTCOMES[this.outcome[i] ?? 0] ?? 'liked';
  }

  reasonOf(i: number): Reason | null {
    const r = this.reason[i] ?? 0;
    return r === 0 ? null : (REASONS[r - 1] ?? null);
  }

  /** The latest event time, or NaN when empty. */
  latest(): number {
    let max = Number.NaN;
    for (let i = 0; i < this.length; i++) {
      const t = this.at[i] ?? Number.NaN;
      if (!(t <= max)) max = t;
    }
    return max;
  }
}

/** Whether an outcome says the shopper wanted the style (the events a recommendation predicts). */
export function isPositive(outcome: Outcome): boolean {
  return outcome === 'purchase' || outcome === 'bought' || outcome === 'liked';
}
