/**
 * The kiosk's health for the HQ fleet view: which app in which role, its devices' states, and
 * its errors of the last 24 hours — a device going into error, a bridge handler that threw, a
 * sync run that failed — tallied in core/health (kinds only, never messages).
 */
import { errorsLastDay, recordHealthError } from '../core/health/errors';
import type { WritableDB } from '../core/store/db';
import type { DeviceManager } from '../device/manager';
import type { HostHealth } from '../sync/heartbeat';
import type { SyncStatus } from '../sync/status';

export interface KioskHealth {
  /** The host's part of the heartbeat. */
  heartbeat(): HostHealth;
  /** A bridge handler threw. */
  hostError(method: string): void;
  /** A sync status arrived; a new last error is counted once. */
  syncStatus(status: Pick<SyncStatus, 'lastError'>): void;
  close(): void;
}

export function watchHealth(options: {
  db: WritableDB;
  devices: DeviceManager;
  appVersion: string;
  role: HostHealth['role'];
  now?: () => Date;
}): KioskHealth {
  const { db, devices } = options;
  const now = options.now ?? (() => new Date());
  const lastState = new Map<string, string>();
  // a last error stored before this start was counted by the process that met it
  let lastSyncError: string | null = null;
  const startedMs = now().getTime();
  const off = devices.on('status', (snapshot) => {
    if (snapshot.state === 'error' && lastState.get(snapshot.id) !== 'error')
      recordHealthError(db, 'device', snapshot.role, now());
    lastState.set(snapshot.id, snapshot.state);
  });
  return {
    heartbeat: () => ({
      appVersion: options.appVersion,
      role: options.role,
      devices: devices.snapshots().map((s) => ({ id: s.id, kind: s.role, state: s.state })),
      errors24h: errorsLastDay(db, now()),
    }),
    hostError: (method) => recordHealthError(db, 'host', method, now()),
    syncStatus: (status) => {
      const e = status.lastError;
      if (!e || e.at === lastSyncError || Date.parse(e.at) < startedMs) return;
      lastSyncError = e.at;
      recordHealthError(db, 'sync', e.kind, now());
    },
    close: () => off(),
  };
}
