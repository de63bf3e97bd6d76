/**
 * RFM: recency, frequency and monetary scores (1..5, relative to the other members in the same
 * history) and named segments. Rules are documented in docs/pricing.md ("RFM").
 */
import type { Label } from './types';

export interface RfmTransaction {
  memberId: string | null | undefined;
  /** ISO-8601 instant or Date. */
  at: string | Date;
  amountCents: number;
  /** When several rows belong to one sale (one row per line), frequency counts distinct ids. */
  txnId?: string | undefined;
}

export interface RfmScore {
  memberId: string;
  lastAt: string;
  recencyDays: number;
  frequency: number;
  monetaryCents: number;
  r: number;
  f: number;
  m: number;
}

const DAY_MS = 86_400_000;

/**
 * Mid-rank percentile score: 1 + floor(5 × (below + equal/2) / n), capped at 5. Equal values get
 * equal scores; one member alone scores 3 (neither high nor low).
 */
function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const firstAt = new Map<number, number>();
  const countOf = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!firstAt.has(v)) firstAt.set(v, i);
    countOf.set(v, (countOf.get(v) ?? 0) + 1);
  });
  return values.map((v) => {
    const below = firstAt.get(v) ?? 0;
    const equal = countOf.get(v) ?? 1;
    return Math.min(5, 1 + Math.floor((5 * (below + equal / 2)) / n));
  });
}

/**
 * Scores every member with at least one purchase on or before `now`. Anonymous rows, rows after
 * `now` and rows with an unreadable time are ignored. Recency counts whole days since the last
 * purchase (fewer days, higher R); frequency counts sales; monetary sums amounts (refunds as
 * negative amounts reduce it, never below 0). Sorted by member id.
 */
export function rfmScores(transactions: readonly RfmTransaction[], now: Date): RfmScore[] {
  const nowMs = now.getTime();
  const byMember = new Map<
    string,
    { lastMs: number; sales: Set<string>; rows: number; cents: number }
  >();
  for (const t of transactions) {
    const atMs = t.at instanceof Date ? t.at.getTime() : Date.parse(t.at);
    if (!t.memberId || !Number.isFinite(atMs) || atMs > nowMs || !Number.isFinite(t.amountCents))
      continue;
    const agg = byMember.get(t.memberId) ?? {
      lastMs: atMs,
      sales: new Set<string>(),
      rows: 0,
      cents: 0,
    };
    agg.lastMs = Math.max(agg.lastMs, atMs);
    if (t.amountCents > 0) {
      agg.rows += 1;
      if (t.txnId) agg.sales.add(t.txnId);
    }
    agg.cents += t.amountCents;
    byMember.set(t.memberId, agg);
  }
  const members = [...byMember.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const raw = members.map(([memberId, a]) => {
    return {
      memberId,
      lastAt: new Date(a.lastMs).toISOString(),
      recencyDays: Math.floor((nowMs - a.lastMs) / DAY_MS),
      frequency: a.sales.size > 0 ? a.sales.size : a.rows,
      monetaryCents: Math.max(0, a.cents),
    };
  });
  return scoreRfm(raw);
}

/** A member's recency, frequency and monetary value, already aggregated (e.g. from a rollup). */
export type RfmValues = Omit<RfmScore, 'r' | 'f' | 'm'>;

/** Scores members whose R, F and M values are already known, relative to each other. */
export function scoreRfm(raw: readonly RfmValues[]): RfmScore[] {
  // Fewer days since the last visit is better, so score the negated recency.
  const r = quintileScores(raw.map((x) => -x.recencyDays));
  const f = quintileScores(raw.map((x) => x.frequency));
  const m = quintileScores(raw.map((x) => x.monetaryCents));
  return raw.map((x, i) => ({ ...x, r: r[i] ?? 1, f: f[i] ?? 1, m: m[i] ?? 1 }));
}

export const SEGMENTS = [
  'champion',
  'high-value',
  'loyal',
  'new',
  'potential',
  'at-risk',
  'sleeping',
  'lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_LABELS: Record<Segment, Label> = {
  champion: { zh: '核心会员', en: 'Champion' },
  'high-value': { zh: '高价值会员', en: 'High value' },
  loyal: { zh: '忠诚会员', en: 'Loyal' },
  new: { zh: '新会员', en: 'New' },
  potential: { zh: '潜力会员', en: 'Potential' },
  'at-risk': { zh: '流失风险', en: 'At risk' },
  sleeping: { zh: '沉睡会员', en: 'Sleeping' },
  lost: { zh: '已流失', en: 'Lost' },
};

export interface SegmentContext {
  /** Store-local join date 'YYYY-MM-DD'. */
  joinedOn?: string | undefined;
  now?: Date | undefined;
  /** A member who joined this recently (and bought little so far) is 'new'. Default 90. */
  newWithinDays?: number | undefined;
}

/**
 * The segment of a scored member; the first rule that matches wins (so every score has exactly one):
 * 1 champion: R≥4, F≥4, M≥4 · 2 at-risk: R≤2 and (F≥4 or M≥4) · 3 lost: R=1 · 4 sleeping: R=2 ·
 * 5 new: joined within newWithinDays and F≤2 · 6 high-value: M≥4 · 7 loyal: F≥4 ·
 * 8 new: R≥4 and F=1 · 9 potential: everything else (recent, modest so far).
 */
export function segmentOf(
  s: { r: number; f: number; m: number },
  ctx: SegmentContext = {},
): Segment {
  if (s.r >= 4 && s.f >= 4 && s.m >= 4) return 'champion';
  if (s.r <= 2 && (s.f >= 4 || s.m >= 4)) return 'at-risk';
  if (s.r <= 1) return 'lost';
  if (s.r === 2) return 'sleeping';
  if (ctx.joinedOn && ctx.now && s.f <= 2) {
    const joinedMs = Date.parse(`${ctx.joinedOn}T00:00:00+08:00`);
    const days = (ctx.now.getTime() - joinedMs) / DAY_MS;
    if (Number.isFinite(days) && days >= 0 && days <= (ctx.newWithinDays ?? 90)) return 'new';
  }
  if (s.m >= 4) return 'high-value';
  if (s.f >= 4) return 'loyal';
  if (s.r >= 4 && s.f <= 1) return 'new';
  return 'potential';
}
