/**
 * Rate limits shared by every cloud instance: the counters live in the database (`rate_limits`),
 * not in one process's memory. The instances are stateless and scale out behind a load balancer;
 * an in-memory limiter (@fastify/rate-limit's default store) would give a stolen token N times the
 * budget with N instances and forget everything at each restart or deploy. One upsert per counted
 * request is cheap for what is limited here (member look-ups, failed enrollments).
 *
 * Fixed windows aligned to the epoch: a window's counter is one row, incremented atomically
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent instances never lose a hit.
 */
import type { Queryable } from '../db/db';

export interface RateRule {
  /** Names the counter (with the caller's key): `lookup-minute:<device>`. */
  name: string;
  limit: number;
  windowMs: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

const windowOf = (rule: RateRule, now: number) => Math.floor(now / rule.windowMs) * rule.windowMs;
const retryAfter = (rule: RateRule, now: number) =>
  Math.max(1, Math.ceil((windowOf(rule, now) + rule.windowMs - now) / 1000));

/** Counts one request against every rule; refused when any rule is over its limit. */
export async function hit(
  db: Queryable,
  key: string,
  rules: readonly RateRule[],
  now: Date,
): Promise<RateVerdict> {
  let verdict: RateVerdict = { allowed: true };
  for (const rule of rules) {
    const start = windowOf(rule, now.getTime());
    const { rows } = await db.query<{ hits: number }>(
      `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
      [`${rule.name}:${key}`, new Date(start).toISOString()],
    );
    const hits = rows[0]?.hits ?? 1;
    // The first hit of a window clears windows that ended a day ago (any bucket): the table stays small.
    if (hits === 1)
      await db.query('DELETE FROM rate_limits WHERE window_start < $1', [
        new Date(now.getTime() - 24 * 3600_000).toISOString(),
      ]);
    if (hits > rule.limit) {
      const wait = retryAfter(rule, now.getTime());
      if (verdict.allowed || wait > verdict.retryAfterS)
        verdict = { allowed: false, retryAfterS: wait };
    }
  }
  return verdict;
}

/** Whether `key` is already over a rule, without counting (e.g. before trying an enrollment code). */
export async function isOver(
  db: Queryable,
  key: string,
  rule: RateRule,
  now: Date,
): Promise<RateVerdict> {
  const { rows } = await db.query<{ hits: number }>(
    'SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2',
    [`${rule.name}:${key}`, new Date(windowOf(rule, now.getTime())).toISOString()],
  );
  return (rows[0]?.hits ?? 0) >= rule.limit
    ? { allowed: false, retryAfterS: retryAfter(rule, now.getTime()) }
    : { allowed: true };
}

/**
 * Gives back one hit counted by `hit` at `now` (same window): for limits on failures, where every
 * attempt is counted before it is tried — so attempts fired at once cannot all pass a check made
 * before any of them failed — and a success returns its count.
 */
export async function refund(db: Queryable, key: string, rule: RateRule, now: Date): Promise<void> {
  await db.query(
    'UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0',
    [`${rule.name}:${key}`, new Date(windowOf(rule, now.getTime())).toISOString()],
  );
}
