/**
 * A member's points as this kiosk can vouch for them: the balance the cloud last synced (the
 * members cache), corrected by this kiosk's ledger entries the cloud has not acknowledged yet, and
 * how many may be redeemed now (core/rules `offlineRedeemAllowance`: synced balance − pending
 * redemptions, and a per-member daily cap while the kiosk cannot reach the cloud).
 *
 * An entry is pending while its outbox row waits for the cloud (every entry is written with one, in
 * the same transaction); once the row is acknowledged, or purged after acknowledgement
 * (core/retention), the entry is in the synced balance.
 *
 * Between the cloud's acknowledgement of an earn/redemption and the next members pull, the cache
 * already holds the server's balance after it (sync/apply-results writes it in the ack
 * transaction), so an acknowledged row is counted exactly once — and a member of another store,
 * whom the members pull never brings, still sees this kiosk's acknowledged points.
 *
 * Guarantee: successive redemptions on this kiosk never exceed the allowance computed before the
 * first of them, online or offline, because each is in the ledger (pending) the moment it is paid.
 */
import { offlineRedeemAllowance, storeLocalDate } from '../rules';
import type { ReadableDB } from '../store/db';

export interface PointsState {
  /** What to show: synced balance plus this kiosk's unacknowledged earns and redemptions. */
  balance: number;
  /** Most points this member may redeem now. */
  allowance: number;
}

interface LedgerRow {
  delta: number;
  reason: string;
  created_at: string;
  acked: number;
}

export function memberPoints(
  db: ReadableDB,
  member: { memberId: string; points: number },
  options: { now: Date; dailyCap: number; online: boolean },
): PointsState {
  const rows = db
    .prepareRead<[string, string], LedgerRow>(
      // The ledger is append-only: entries written while the member was provisional (PRV-…) keep
      // that id and are found through member_aliases.
      `SELECT l.delta, l.reason, l.created_at,
         NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = l.reason || 'Points:' || l.sale_id
           AND o.state <> 'acked') AS acked
       FROM points_ledger l
       WHERE l.member_id = ?
          OR l.member_id IN (SELECT provisional_id FROM member_aliases WHERE member_id = ?)`,
    )
    .all(member.memberId, member.memberId);
  const today = storeLocalDate(options.now);
  let pendingDelta = 0;
  let pendingRedemptions = 0;
  let redeemedToday = 0;
  for (const row of rows) {
    const redeem = row.reason === 'redeem' ? -row.delta : 0;
    if (storeLocalDate(new Date(row.created_at)) === today) redeemedToday += redeem;
    if (row.acked) continue;
    pendingDelta += row.delta;
    pendingRedemptions += redeem;
  }
  return {
    balance: Math.max(0, member.points + pendingDelta),
    allowance: offlineRedeemAllowance({
      lastSyncedBalance: member.points,
      pendingRedemptions,
      redeemedToday,
      dailyCap: options.online ? Number.MAX_SAFE_INTEGER : options.dailyCap,
    }),
  };
}
