/**
 * Deletes what the cloud already has and the kiosk no longer needs (see policy.ts for the windows).
 * A row goes only when it is older than its window AND its own outbox row is not waiting for the
 * cloud (acknowledged, or itself purged after acknowledgement): an unsynced sale, try-on, NPS answer,
 * order or points entry stays however old. Idempotent; one transaction.
 */
import type { WritableDB } from '../store/db';
import type { KioskRetention } from './policy';

export interface SyncedHistoryReport {
  outbox: number;
  printJobs: number;
  lookLinks: number;
  sales: number;
  memberSessions: number;
  pointsEntries: number;
  npsResponses: number;
  orders: number;
  audit: number;
}

/** True when no outbox row with this key still waits for the cloud. */
const synced = (keySql: string) =>
  `NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = ${keySql} AND o.state <> 'acked')`;

const oldSyncedSales = `SELECT sale_id FROM sales
  WHERE created_at < @history AND ${synced("'recordSale:' || sales.sale_id")}`;

// A member's visit goes when it ended before the window and none of its try-ons waits for the cloud.
const oldSyncedMemberSessions = `SELECT s.session_id FROM sessions s
  WHERE s.member_id IS NOT NULL AND s.ended_at IS NOT NULL AND s.ended_at < @history
    AND NOT EXISTS (SELECT 1 FROM tryons t JOIN outbox o ON o.idempotency_key = 'logTryOn:' || t.tryon_id
      WHERE t.session_id = s.session_id AND o.state <> 'acked')`;

const STEPS: ReadonlyArray<readonly [keyof SyncedHistoryReport | null, string]> = [
  ['outbox', "DELETE FROM outbox WHERE state = 'acked' AND created_at < @outbox"],
  [
    'printJobs',
    "DELETE FROM print_jobs WHERE status IN ('printed', 'failed') AND updated_at < @jobsMs",
  ],
  // A look link serves its visit's card; the phone page is the cloud's. Once the visit has ended
  // (or its session was purged) and the window passed, or the link expired, the row has no use.
  [
    'lookLinks',
    `DELETE FROM look_links WHERE expires_at < @jobs OR NOT EXISTS (SELECT 1 FROM sessions s
       WHERE s.session_id = look_links.session_id AND (s.ended_at IS NULL OR s.ended_at >= @jobs))`,
  ],
  // A sale's children first (their foreign keys do not cascade), then the sale.
  [null, `DELETE FROM sale_lines WHERE sale_id IN (${oldSyncedSales})`],
  [null, `DELETE FROM payments WHERE sale_id IN (${oldSyncedSales})`],
  [null, `DELETE FROM sale_price_overrides WHERE sale_id IN (${oldSyncedSales})`],
  ['sales', `DELETE FROM sales WHERE sale_id IN (${oldSyncedSales})`],
  // Try-ons go with their session (ON DELETE CASCADE); sales and photos keep their rows, unlinked.
  ['memberSessions', `DELETE FROM sessions WHERE session_id IN (${oldSyncedMemberSessions})`],
  [
    'pointsEntries',
    `DELETE FROM points_ledger WHERE created_at < @history
       AND ${synced("points_ledger.reason || 'Points:' || points_ledger.sale_id")}`,
  ],
  [
    'npsResponses',
    `DELETE FROM nps_responses WHERE created_at < @history
       AND ${synced("'recordNps:' || nps_responses.nps_id")}`,
  ],
  [
    'orders',
    `DELETE FROM orders WHERE created_at < @history AND ${synced("'placeOrder:' || orders.order_id")}`,
  ],
  ['audit', 'DELETE FROM audit WHERE at < @audit'],
];

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

export function purgeSyncedHistory(
  db: WritableDB,
  now: Date,
  policy: KioskRetention,
): SyncedHistoryReport {
  const jobsCutoff = daysBefore(now, policy.finishedJobDays);
  const params = {
    outbox: daysBefore(now, policy.ackedOutboxDays).toISOString(),
    jobs: jobsCutoff.toISOString(),
    jobsMs: jobsCutoff.getTime(),
    history: daysBefore(now, policy.syncedHistoryDays).toISOString(),
    audit: daysBefore(now, policy.auditDays).toISOString(),
  };
  return db.transaction(() => {
    const report: SyncedHistoryReport = {
      outbox: 0,
      printJobs: 0,
      lookLinks: 0,
      sales: 0,
      memberSessions: 0,
      pointsEntries: 0,
      npsResponses: 0,
      orders: 0,
      audit: 0,
    };
    for (const [counted, sql] of STEPS) {
      // Every step gets all the cutoffs; each names the ones it uses.
      const changes = db.prepare(sql).run(params).changes;
      if (counted) report[counted] += changes;
    }
    return report;
  });
}
