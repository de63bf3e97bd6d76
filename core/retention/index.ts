/** Retention on the kiosk: what is kept how long, and the one purge the host runs on a schedule. */
import { purgeRetention as purgeSessionsAndPhotos, type PurgeReport } from '../sessions/retention';
import type { WritableDB } from '../store/db';
import type { KioskRetention } from './policy';
import { purgeSyncedHistory, type SyncedHistoryReport } from './synced-history';

export {
  DEFAULT_RETENTION,
  retentionFromEnv,
  scaledRetention,
  type KioskRetention,
} from './policy';
export { purgeSyncedHistory, type SyncedHistoryReport } from './synced-history';

export type KioskPurgeReport = PurgeReport & SyncedHistoryReport;

/** Everything past its window, anonymous or synced (counts only: no ids, no personal values). */
export function purgeKiosk(db: WritableDB, now: Date, policy: KioskRetention): KioskPurgeReport {
  return { ...purgeSessionsAndPhotos(db, now, policy), ...purgeSyncedHistory(db, now, policy) };
}
