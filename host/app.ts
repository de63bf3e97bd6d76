/**
 * The composition root: opens the store, wires devices to the bridge, and exposes the bridge
 * server to whichever shell runs it (web or Electron). Nothing here knows which shell that is.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBridgeServer, type BridgeServer } from '../bridge/server';
import { setCatalogCodeStore } from '../core/catalog/codes';
import { DisposableStore } from '../common/lifecycle';
import { createCatalog } from '../core/catalog/lookup';
import { catalogIsEmpty } from '../core/catalog/stores';
import { checkDataKey } from '../core/crypto/key-check';
import { fileKeyStore, type KeySealer } from '../core/crypto/key-store';
import type { DataKey } from '../core/crypto/data-key';
import { ensureLocalModel } from '../core/recommend-store';
import { DEFAULT_RETENTION, purgeKiosk, retentionFromEnv } from '../core/retention';
import { verifyStaffPin } from '../core/staff/verify-pin';
import { sealLegacyStaffNames } from '../core/staff/staff-names';
import { sealLegacyPersonalArgs } from '../core/outbox/personal-args';
import { importStore } from '../core/import/store-import';
import type { MediaCache } from '../core/media/media-cache';
import { openDatabase, readOnly, type WritableDB } from '../core/store/db';
import { migrate } from '../core/store/migrations';
import { openSharedReads } from '../core/store/shared-reads';
import { DeviceManager } from '../device/manager';
import type { KioskConfig } from './config';
import { createLogger, type Logger } from './log';
import { createHandlers } from './handlers';
import type { HostContext } from './handlers/context';
import { receiptPrinter, wireDeviceEvents } from './device-events';
import { publishDeviceStates } from './device-state-file';
import { toDeviceStatus } from './handlers/device';
import { sqlitePrintJobs } from './print-jobs';
import { watchHealth } from './health';
import { startMetricsFile } from './metrics-file';
import { startSyncService } from './sync-service';
import { openMediaCache } from './media/open-media';
import { createMediaFetcher } from '../sync/media-fetch';
import type { ScreenService } from './services/screens/screen-service';
import { createScreenService } from './services/screens/screen-service';

export type { KeySealer };

export interface StartOptions {
  config: KioskConfig;
  dataDir: string;
  shell: 'web' | 'electron';
  /** A store folder imported when the database has no catalog yet (the demo store). */
  seedDir?: string | null;
  log?: Logger;
  /** Seals the data key with the OS keychain (Electron safeStorage); a 0600 file otherwise. */
  keySealer?: KeySealer;
}

export interface KioskHost {
  readonly bridge: BridgeServer;
  readonly log: Logger;
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly devices: DeviceManager;
  readonly db: WritableDB;
  /** Product images, for the shells' `/media/…` route (host/media/media-route.ts). */
  readonly media: MediaCache;
  verifySupervisor(badge: string, pin: string): Promise<boolean>;
  close(): Promise<void>;
}

const version = '0.1.0';

/** Imports every file of the seed store (catalog, members, staff, history, images) on first run. */
async function seedIfEmpty(
  db: WritableDB,
  seedDir: string | null | undefined,
  key: DataKey,
  media: MediaCache,
  log: Logger,
): Promise<void> {
  if (!seedDir || !catalogIsEmpty(readOnly(db))) return;
  const reports = await importStore(db, seedDir, { key, media });
  log.info({ reports }, 'imported the seed store on first run');
}

export async function startKioskHost(options: StartOptions): Promise<KioskHost> {
  const { config, dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? createLogger(dataDir);
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  migrate(db);
  // The data key: a 0600 file in the web shell, sealed by safeStorage when the Electron shell
  // passes its sealer. A key that does not match this database is refused, never overwritten.
  const key = fileKeyStore(dataDir, options.keySealer).loadOrCreate();
  const keyCheck = checkDataKey(db, key);
  if (!keyCheck.ok) throw new Error(keyCheck.error.message);
  // Personal values an older version kept in clear (queued join arguments, staff names).
  sealLegacyPersonalArgs(db, key);
  sealLegacyStaffNames(db, key);
  const media = openMediaCache(db, dataDir, config);
  // Files a crash or a refused import left beside the cache.
  media.sweep();
  await seedIfEmpty(db, options.seedDir, key, media, log.child({ mod: 'core/import' }));
  // The limit may have been lowered in the config since the last start.
  const trimmed = media.enforceLimit();
  if (trimmed.evicted > 0) log.info(trimmed, 'media cache trimmed to its limit');
  // Without a model synced from the cloud the kiosk trains the same code on its own history,
  // only when that history changed since the last training.
  const training = ensureLocalModel(db);
  if (training.trained)
    log.info(
      { version: training.version, events: training.events, ms: training.ms },
      'trained the recommendation model on this kiosk',
    );
  // Scans read catalog_codes (this store's stock) on shared read snapshots.
  setCatalogCodeStore(db, config.storeId);
  const sharedReads = openSharedReads(db);
  const catalog = createCatalog(readOnly(db), config.storeId, sharedReads);
  const devices = new DeviceManager({
    devices: config.devices,
    simDir: join(dataDir, 'sim'),
    printJobs: sqlitePrintJobs(db),
  });
  const printerId = config.devices.find((device) => device.kind === 'printer')?.id ?? null;
  // Handlers get `emit` before the bridge exists; it is bound right after.
  let bridgeRef: BridgeServer | null = null;
  let screensRef: ScreenService | null = null;
  const health = watchHealth({ db, devices, appVersion: version, role: config.role });
  const sync = startSyncService({
    db,
    key,
    emit: (event, payload) => bridgeRef?.emit(event, payload),
    log: log.child({ mod: 'sync' }),
    requestsPollMs: config.requestsPollSeconds * 1000,
    tokenMaxAgeMs: config.tokenMaxAgeDays * 24 * 3600 * 1000,
    media: {
      fetcher: createMediaFetcher({ media, log: log.child({ mod: 'sync/media' }) }),
      // Pictures that arrived replace the placeholders on screen.
      onFetched: () => screensRef?.mediaChanged(),
    },
    health,
  });
  const context: HostContext = {
    config,
    db,
    key,
    catalog,
    devices,
    log,
    version,
    emit: (event, payload) => bridgeRef?.emit(event, payload),
    sync,
    screens: createScreenService({
      config,
      db,
      catalog,
      key,
      log: log.child({ mod: 'host/screens' }),
      emit: (event, payload) => bridgeRef?.emit(event, payload),
      connectivity: () => sync.status().connectivity,
      lookupMember: (by) => sync.lookupMember(by),
      nudgeSync: () => sync.nudge(),
      requestsChanged: (listener) => sync.onRequestsChanged(listener),
      printReceipt: receiptPrinter(devices, printerId, log.child({ mod: 'host/receipts' })),
    }),
  };
  const bridge = createBridgeServer(createHandlers(context), {
    staffSignedIn: () => context.screens.staff.signedIn(),
    onInternalError: (method, error) => {
      log.error({ err: error, method }, 'bridge handler failed');
      health.hostError(method);
    },
    onForbidden: (method) => log.warn({ method }, 'staff-only method refused: nobody signed in'),
  });
  bridgeRef = bridge;
  screensRef = context.screens;

  // Whatever the host subscribes to or schedules, released on close (newest first).
  const disposables = new DisposableStore();
  disposables.add(() => context.sync.stop());
  disposables.add(() => context.screens.close());
  disposables.add(() => health.close());
  disposables.add(
    wireDeviceEvents({
      devices,
      screens: context.screens,
      emit: bridge.emit,
      log: log.child({ mod: 'device' }),
    }),
  );
  await devices.start();
  // For `kiosk devices`: the live states, in the data directory (the bridge is the screen's only).
  const deviceStates = publishDeviceStates(dataDir, () => devices.snapshots().map(toDeviceStatus));
  disposables.add(devices.on('status', () => deviceStates.update()));
  // Nothing outlives its retention window: anonymous visits and unsent photos, and once the cloud
  // has them, sales, visits, points, outbox rows and receipts (core/retention/policy.ts).
  const retention = retentionFromEnv(process.env);
  if (!retention.ok) log.warn({ code: retention.error.code }, retention.error.message);
  const policy = retention.ok ? retention.value : DEFAULT_RETENTION;
  const purge = () => {
    try {
      const report = purgeKiosk(db, new Date(), policy);
      log.info({ report }, 'retention purge');
    } catch (error) {
      log.error({ err: error }, 'retention purge failed');
    }
  };
  // Not on the start path: a store's first purge after an update may scan a year of sales.
  disposables.timeout(purge, Math.min(60_000, policy.everyMs));
  disposables.interval(purge, policy.everyMs);
  // When each image was last shown (for eviction): written in one transaction now and then, and
  // once more on close.
  disposables.interval(() => media.flushUse(), 5 * 60 * 1000);
  disposables.add(() => media.flushUse());
  // Soak benches: memory, handles and listeners to a file, when KIOSK_METRICS_FILE asks for it.
  const deviceEvents = ['data', 'error', 'status', 'rfid', 'printer-status', 'hotplug'] as const;
  disposables.add(
    startMetricsFile(
      process.env,
      { hostListeners: () => deviceEvents.reduce((n, e) => n + devices.listenerCount(e), 0) },
      (error) => log.warn({ err: error }, 'metrics file not written'),
    ),
  );
  log.info(
    { storeId: config.storeId, role: config.role, shell: options.shell },
    'kiosk host started',
  );

  return {
    bridge,
    log,
    config,
    dataDir,
    devices,
    db,
    media,
    async verifySupervisor(badge, pin) {
      const result = await verifyStaffPin(db, key, badge, pin, new Date());
      return result.ok && (result.value.role === 'supervisor' || result.value.role === 'manager');
    },
    async close() {
      disposables.dispose();
      await devices.close();
      deviceStates.remove();
      sharedReads?.close();
      db.close();
    },
  };
}
