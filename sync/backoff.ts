/**
 * Retry delays: exponential from 1 s, capped at 5 min, with jitter so a store full of kiosks
 * coming back online does not retry in lock-step. A server's Retry-After is honoured as a floor.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 300_000;

/** Delay before retry number `failures` (1 = first retry): uniform in [base, min(cap, base·2^(n−1))]. */
export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
  const jittered = BACKOFF_BASE_MS + random() * (ceiling - BACKOFF_BASE_MS);
  const floor = retryAfterMs !== undefined ? Math.min(retryAfterMs, BACKOFF_CAP_MS) : 0;
  return Math.round(Math.max(jittered, floor));
}
