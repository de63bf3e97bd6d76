/**
 * What `sync.status` reports: connectivity, the outbox queue (depth, parked, age of the oldest
 * unacknowledged entry), the last success and the last error. The persistent part (last success,
 * last error) lives in `settings`, so `kiosk sync status` in another process sees it too.
 */
import type { WritableDB } from '../core/store/db';
import { queueFigures } from '../core/sync-store/outbox-sync';
import { deleteSetting, readSetting, writeSetting } from './schema';

export type SyncConnectivity = 'online' | 'offline' | 'not-enrolled' | 'refused' | 'unknown';

export interface SyncStatus {
  connectivity: SyncConnectivity;
  /** Unacknowledged outbox entries (pending + sent). */
  queueDepth: number;
  parked: number;
  /** Age of the oldest unacknowledged entry, ms; null when the queue is empty. */
  oldestPendingAgeMs: number | null;
  lastSuccessAt: string | null;
  lastError: { kind: string; message: string; at: string } | null;
  /** When the engine will try next; null when idle or stopped. */
  nextAttemptAt: string | null;
  openStaffTasks: number;
  /** A snapshot being pulled in big pages (a first sync), while it runs; absent otherwise. */
  firstSync?: FirstSyncProgress | null;
}

export interface FirstSyncProgress {
  stream: string;
  done: number;
  total: number | null;
  ratePerSecond: number | null;
  etaSeconds: number | null;
}

const LAST_SUCCESS = 'sync.lastSuccessAt';
const LAST_ERROR = 'sync.lastError';

export function queueFacts(
  db: WritableDB,
  nowMs: number,
): Pick<SyncStatus, 'queueDepth' | 'parked' | 'oldestPendingAgeMs' | 'openStaffTasks'> {
  const q = queueFigures(db);
  const oldest = q.oldest ? Date.parse(q.oldest) : NaN;
  return {
    queueDepth: q.depth,
    parked: q.parked,
    oldestPendingAgeMs: Number.isFinite(oldest) ? Math.max(0, nowMs - oldest) : null,
    openStaffTasks: q.openStaffTasks,
  };
}

export function recordSuccess(db: WritableDB, at: Date): void {
  db.transaction(() => {
    writeSetting(db, LAST_SUCCESS, at.toISOString());
    deleteSetting(db, LAST_ERROR);
  });
}

export function recordError(
  db: WritableDB,
  error: { kind: string; message: string },
  at: Date,
): void {
  db.transaction(() =>
    writeSetting(
      db,
      LAST_ERROR,
      JSON.stringify({ kind: error.kind, message: error.message, at: at.toISOString() }),
    ),
  );
}

export function storedOutcome(db: WritableDB): Pick<SyncStatus, 'lastSuccessAt' | 'lastError'> {
  let lastError: SyncStatus['lastError'] = null;
  const text = readSetting(db, LAST_ERROR);
  if (text) {
    try {
      lastError = JSON.parse(text) as SyncStatus['lastError'];
    } catch {
      lastError = { kind: 'unknown', message: text, at: '' };
    }
  }
  return { lastSuccessAt: readSetting(db, LAST_SUCCESS), lastError };
}
