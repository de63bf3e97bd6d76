/**
 * Points: earning, redemption value, the append-only ledger and the offline redemption allowance.
 * Rules are documented in docs/pricing.md ("Points").
 */
import { DEFAULT_REDEEM_RATE, type RedeemRate, type RuleResult } from './types';

/**
 * Points earned on a payment: floor(paidCents / 100) × pointsPerYuan × multiplier, floored.
 * Only whole yuan actually paid earn (the part paid with points earns nothing, since pricing passes
 * the total after redemption). Never negative; bad numbers earn 0.
 */
export function earnPoints(paidCents: number, pointsPerYuan: number, multiplier = 1): number {
  if (
    ![paidCents, pointsPerYuan, multiplier].every(Number.isFinite) ||
    paidCents <= 0 ||
    pointsPerYuan <= 0 ||
    multiplier <= 0
  ) {
    return 0;
  }
  return Math.floor(Math.floor(paidCents / 100) * pointsPerYuan * multiplier);
}

/** True when the rate is two positive safe integers. */
export function isValidRedeemRate(rate: RedeemRate): boolean {
  return (
    Number.isSafeInteger(rate.points) &&
    rate.points > 0 &&
    Number.isSafeInteger(rate.cents) &&
    rate.cents > 0
  );
}

/**
 * What redeeming up to `points` is worth, in whole redemption blocks (default 100 points = ¥1):
 * `pointsUsed` is a multiple of rate.points (leftover points stay in the balance, never rounded),
 * `valueCents` = blocks × rate.cents. With `capCents`, only as many blocks as fit under the cap.
 */
export function redemptionValue(
  points: number,
  rate: RedeemRate = DEFAULT_REDEEM_RATE,
  capCents?: number,
): { pointsUsed: number; valueCents: number } {
  if (!isValidRedeemRate(rate) || !Number.isSafeInteger(points) || points <= 0)
    return { pointsUsed: 0, valueCents: 0 };
  let blocks = Math.floor(points / rate.points);
  if (capCents !== undefined)
    blocks = Math.min(blocks, Math.floor(Math.max(0, capCents) / rate.cents));
  return { pointsUsed: blocks * rate.points, valueCents: blocks * rate.cents };
}

export type LedgerReason = 'earn' | 'redeem' | 'adjust' | 'reverse';

/**
 * One immutable ledger row. `delta` is signed: earn > 0, redeem < 0, reverse undoes an earlier
 * entry of the same sale, adjust is a staff/server correction. The balance is the sum of deltas.
 */
export interface LedgerEntry {
  readonly id: string;
  readonly memberId: string;
  readonly delta: number;
  readonly reason: LedgerReason;
  readonly saleId?: string | undefined;
  /** ISO-8601 instant. */
  readonly at: string;
}

export type LedgerErrorCode = 'invalid-entry' | 'duplicate-entry' | 'wrong-sign' | 'other-member';

/** Checks one entry's own shape: integer delta, sign matching its reason, sale id where needed. */
export function validateEntry(e: LedgerEntry): RuleResult<LedgerEntry, LedgerErrorCode> {
  const bad = (code: LedgerErrorCode, message: string) => ({
    ok: false as const,
    error: { code, message },
  });
  if (
    !e.id ||
    !e.memberId ||
    !Number.isSafeInteger(e.delta) ||
    e.delta === 0 ||
    Number.isNaN(Date.parse(e.at))
  ) {
    return bad(
      'invalid-entry',
      `ledger entry ${e.id || '?'} needs id, memberId, a non-zero integer delta and an ISO time`,
    );
  }
  if (e.reason === 'earn' && e.delta < 0) return bad('wrong-sign', 'earn entries add points');
  if (e.reason === 'redeem' && e.delta > 0)
    return bad('wrong-sign', 'redeem entries remove points');
  if ((e.reason === 'earn' || e.reason === 'redeem' || e.reason === 'reverse') && !e.saleId) {
    return bad('invalid-entry', `${e.reason} entries name their sale`);
  }
  return { ok: true, value: e };
}

/**
 * Appends without mutating: the result is a new array ending in `entry`. Refuses a duplicate id
 * (idempotent replays are the caller's job: an id already present means "already recorded").
 */
export function appendEntry(
  ledger: readonly LedgerEntry[],
  entry: LedgerEntry,
): RuleResult<readonly LedgerEntry[], LedgerErrorCode> {
  const checked = validateEntry(entry);
  if (!checked.ok) return checked;
  if (ledger.some((e) => e.id === entry.id)) {
    return {
      ok: false,
      error: { code: 'duplicate-entry', message: `ledger entry ${entry.id} is already recorded` },
    };
  }
  const owner = ledger[0]?.memberId;
  if (owner !== undefined && owner !== entry.memberId) {
    return {
      ok: false,
      error: { code: 'other-member', message: `entry for ${entry.memberId} in ledger of ${owner}` },
    };
  }
  return { ok: true, value: [...ledger, entry] };
}

/** Sum of deltas, counting each id once (a replayed row does not double a balance). */
export function balanceFrom(entries: readonly LedgerEntry[]): number {
  const seen = new Set<string>();
  let balance = 0;
  for (const e of entries) {
    if (seen.has(e.id) || !Number.isSafeInteger(e.delta)) continue;
    seen.add(e.id);
    balance += e.delta;
  }
  return balance;
}

export interface OfflineAllowanceInput {
  /** Balance the server last confirmed. */
  lastSyncedBalance: number;
  /** Points redeemed on this kiosk since that sync and not yet acknowledged (a positive number). */
  pendingRedemptions: number;
  /** Points this member redeemed today (store-local day), synced or pending. */
  redeemedToday: number;
  /** Per-member daily redemption cap in points. */
  dailyCap: number;
  /** What is left of the store's offline redemption budget, in points; omit for no store cap. */
  storeCap?: number | undefined;
}

/**
 * Most points redeemable now without the network:
 * max(0, min(lastSyncedBalance − pendingRedemptions, dailyCap − redeemedToday, storeCap)).
 * Never negative; a non-finite input counts as 0 (redeem nothing rather than guess).
 * Recording a redemption of r ≤ allowance (pending += r, redeemedToday += r, storeCap −= r)
 * lowers the next allowance by at least r, so successive offline redemptions never exceed it.
 */
export function offlineRedeemAllowance(input: OfflineAllowanceInput): number {
  const n = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? Math.floor(x) : 0);
  const byBalance = n(input.lastSyncedBalance) - Math.max(0, n(input.pendingRedemptions));
  const byDay = n(input.dailyCap) - Math.max(0, n(input.redeemedToday));
  const byStore = input.storeCap === undefined ? Number.POSITIVE_INFINITY : n(input.storeCap);
  return Math.max(0, Math.min(byBalance, byDay, byStore));
}
