/**
 * The style-to-style co-occurrence table behind "complete the look" and personal picks, and the
 * popularity table behind the fallback and the baseline. Two styles are related when they were
 * bought in the same sale or tried on in the same fitting-room session (a rejected try-on says
 * nothing about the pairing, so it is left out). A purchase counts twice as much as a try-on.
 *
 * Rebuilt whole (it is derived data) after an import, or with a time cut for the benchmark:
 * only history strictly before `before` is used. Each style keeps its `topPerStyle` best partners,
 * so the table stays small on a large catalog.
 */
import { fail, ok, type Result } from '../../common/result';
import { z } from 'zod';
import type { ReadableDB, WritableDB } from '../store/db';

export const PURCHASE_WEIGHT = 2;
export const TRYON_WEIGHT = 1;
const STATE_KEY = 'recommend.affinity';

export interface AffinityOptions {
  /** A Date, an ISO-8601 instant or 'YYYY-MM-DD' (UTC midnight): use only history before it. */
  before?: string | Date | undefined;
  /** Partners kept per style, best first. Default 50. */
  topPerStyle?: number | undefined;
  now?: Date | undefined;
}

const affinityReportSchema = z.object({
  pairs: z.number(),
  styles: z.number(),
  /** The history rows the tables were built from (all of them, not only those before the cut). */
  sourceRows: z.number(),
  before: z.string().nullable(),
  builtAt: z.string(),
});
export type AffinityReport = z.output<typeof affinityReportSchema>;

export type AffinityResult = Result<AffinityReport, 'invalid-date' | 'invalid-option'>;

/** 'YYYY-MM-DD' or an ISO-8601 instant, as a UTC ISO string; null when unreadable. */
export function normaliseCut(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value.trim())) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function sourceRows(db: WritableDB): number {
  const row = db
    .prepare<[], { n: number }>(
      `SELECT (SELECT count(*) FROM history_transactions) + (SELECT count(*) FROM history_tryons)
         + (SELECT count(*) FROM sale_lines) + (SELECT count(*) FROM tryons) AS n`,
    )
    .get();
  return row?.n ?? 0;
}

/** Rebuilds `style_affinity` and `style_popularity` in one transaction. */
export function rebuildAffinity(db: WritableDB, options: AffinityOptions = {}): AffinityResult {
  const given = options.before;
  const before =
    given === undefined
      ? null
      : given instanceof Date
        ? Number.isFinite(given.getTime())
          ? given.toISOString()
          : null
        : normaliseCut(given);
  if (given !== undefined && before === null)
    return fail('invalid-date', `not a date: ${String(given).slice(0, 40)}`);
  const top = options.topPerStyle ?? 50;
  if (!Number.isSafeInteger(top) || top < 1)
    return fail('invalid-option', 'topPerStyle must be a whole number ≥ 1');
  const cut = (column: string) => `(@before IS NULL OR unixepoch(${column}) < unixepoch(@before))`;
  const params = { before };
  const report = db.transaction((): AffinityReport => {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS affinity_groups (kind INTEGER NOT NULL, g TEXT NOT NULL, s TEXT NOT NULL);
      DELETE FROM affinity_groups;
    `);
    // kind 0: styles bought together in one sale; kind 1: styles tried together in one session.
    // Local sales and sessions are prefixed so they never merge with a history id.
    db.raw
      .prepare(
        `INSERT INTO affinity_groups
         SELECT DISTINCT 0, h.txn_id, v.style_id FROM history_transactions h
           JOIN variants v ON v.sku = h.sku WHERE ${cut('h.ts')}
         UNION
         SELECT DISTINCT 0, 'L:' || l.sale_id, v.style_id FROM sale_lines l
           JOIN sales s ON s.sale_id = l.sale_id JOIN variants v ON v.sku = l.sku
           WHERE s.status = 'completed' AND ${cut('s.created_at')}
         UNION
         SELECT DISTINCT 1, t.session_id, v.style_id FROM history_tryons t
           JOIN variants v ON v.sku = t.sku WHERE t.outcome <> 'rejected' AND ${cut('t.ts')}
         UNION
         SELECT DISTINCT 1, 'L:' || t.session_id, v.style_id FROM tryons t
           JOIN variants v ON v.sku = t.sku WHERE t.outcome <> 'rejected' AND ${cut('t.at')}`,
      )
      .run(params);
    db.exec(`
      CREATE INDEX IF NOT EXISTS temp.affinity_groups_g ON affinity_groups(kind, g, s);
      DELETE FROM style_affinity;
      DELETE FROM style_popularity;
    `);
    db.raw
      .prepare(
        `INSERT INTO style_affinity (style_a, style_b, score, co_purchases, co_tryons)
         SELECT sa, sb, score, cp, ct FROM (
           SELECT sa, sb, cp, ct, score,
             row_number() OVER (PARTITION BY sa ORDER BY score DESC, sb) AS rank
           FROM (
             SELECT a.s AS sa, b.s AS sb, sum(a.kind = 0) AS cp, sum(a.kind = 1) AS ct,
               ${PURCHASE_WEIGHT}.0 * sum(a.kind = 0) + ${TRYON_WEIGHT}.0 * sum(a.kind = 1) AS score
             FROM affinity_groups a JOIN affinity_groups b
               ON b.kind = a.kind AND b.g = a.g AND b.s <> a.s
             GROUP BY a.s, b.s))
         WHERE rank <= @top`,
      )
      .run({ top });
    db.exec(`
      INSERT INTO style_popularity (style_id, purchases, tryons)
      SELECT s, sum(kind = 0), sum(kind = 1) FROM affinity_groups GROUP BY s;
      DELETE FROM affinity_groups;
    `);
    const counts = db
      .prepare<[], { pairs: number; styles: number }>(
        `SELECT (SELECT count(*) FROM style_affinity) AS pairs,
           (SELECT count(*) FROM style_popularity) AS styles`,
      )
      .get() ?? { pairs: 0, styles: 0 };
    const built: AffinityReport = {
      ...counts,
      sourceRows: sourceRows(db),
      before,
      builtAt: (options.now ?? new Date()).toISOString(),
    };
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(STATE_KEY, JSON.stringify(built));
    return built;
  });
  return ok(report);
}

/** The report of the last rebuild, or null when the tables were never built. */
export function affinityState(db: ReadableDB): AffinityReport | null {
  const row = db
    .prepareRead<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    .get(STATE_KEY);
  if (!row) return null;
  try {
    return affinityReportSchema.safeParse(JSON.parse(row.value)).data ?? null;
  } catch {
    return null;
  }
}

/**
 * Rebuilds from all history when the tables were never built, were built with a time cut, or the
 * history has grown or shrunk since. Returns whether it rebuilt.
 */
export function ensureAffinity(db: WritableDB, now: Date = new Date()): boolean {
  const state = affinityState(db);
  if (state && state.before === null && state.sourceRows === sourceRows(db)) return false;
  rebuildAffinity(db, { now });
  return true;
}
