/**
 * The host's link to the member cloud: runs the sync engine once the kiosk is enrolled (checking
 * again every minute until it is, so `kiosk enroll` needs no restart), pushes `sync.status` to the
 * screens, and answers `sync.status` / `sync.now` for staff.
 */
import type { SyncStatusView } from '../bridge/areas/sync';
import type { EventSink } from '../bridge/server';
import type { DataKey } from '../core/crypto/data-key';
import type { WritableDB } from '../core/store/db';
import type { SyncEngine } from '../sync/engine';
import { openSyncEngine } from '../sync/open';
import { ensureSyncTables } from '../sync/schema';
import { queueFacts, storedOutcome } from '../sync/status';
import type { Logger } from './log';

export interface SyncService {
  status(): SyncStatusView;
  syncNow(): Promise<{ ok: boolean; pushed: number; pulledRows: number; status: SyncStatusView }>;
  stop(): void;
}

export function startSyncService(options: {
  db: WritableDB;
  key: DataKey;
  emit: EventSink;
  log: Logger;
}): SyncService {
  const { db, key, emit, log } = options;
  ensureSyncTables(db);
  let engine: SyncEngine | null = null;
  let retry: NodeJS.Timeout | null = null;

  function notEnrolled(): SyncStatusView {
    return {
      connectivity: 'not-enrolled',
      ...queueFacts(db, Date.now()),
      ...storedOutcome(db),
      nextAttemptAt: null,
    };
  }

  function tryOpen(): void {
    const opened = openSyncEngine(db, key, { log });
    if (!opened.ok) {
      if (opened.error.kind !== 'not-enrolled')
        log.warn({ error: opened.error }, 'sync engine not started');
      emit('sync.status', notEnrolled());
      return;
    }
    engine = opened.value.engine;
    engine.on('status', (status) => emit('sync.status', status));
    engine.start();
    if (retry) clearInterval(retry);
    retry = null;
    log.info({ url: opened.value.credentials.url }, 'sync engine started');
  }

  tryOpen();
  if (!engine) {
    retry = setInterval(tryOpen, 60_000);
    retry.unref();
  }

  return {
    status: () => engine?.status() ?? notEnrolled(),
    async syncNow() {
      if (!engine) tryOpen();
      if (!engine) return { ok: false, pushed: 0, pulledRows: 0, status: notEnrolled() };
      const report = await engine.syncNow();
      return {
        ok: report.ok,
        pushed: report.pushed,
        pulledRows: report.pulledRows,
        status: engine.status(),
      };
    },
    stop() {
      if (retry) clearInterval(retry);
      engine?.stop();
    },
  };
}
