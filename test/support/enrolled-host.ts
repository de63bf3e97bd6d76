/**
 * A kiosk host in this process (host/app.ts, web shell, the demo store as seed), enrolled with a
 * running cloud by a one-time code the way `kiosk enroll` does, then synced once as staff do it
 * ("sync now" after a supervisor's sign-in), which also starts its sync engine.
 */
import { fileKeyStore } from '../../core/crypto';
import { startKioskHost, type KioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { demoStore, tempDir } from './temp';
import { cloudClientFor, enrollByCode } from './enroll';

/** Calls a bridge method as the screen would; a failed answer throws with its code. */
export async function callHost(
  host: KioskHost,
  method: string,
  params: object = {},
): Promise<unknown> {
  const result = await host.bridge.dispatch(method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** "Sync now" as staff run it from the console: a supervisor signs in, syncs and signs out. */
export async function staffSyncNow(host: KioskHost): Promise<void> {
  await callHost(host, 'staff.login', { badge: 'BADGE-2001', pin: '8642' });
  await callHost(host, 'staff.syncNow');
  await callHost(host, 'staff.logout');
}

export interface EnrolledHostOptions {
  /** Device name, also the temp folder's name. */
  name: string;
  /** The kiosk config (parsed with host/config's schema). */
  config: Record<string, unknown>;
  /** Where the kiosk reaches the cloud (the cloud itself, or a fault proxy in front of it). */
  url: string;
  /** A fresh one-time enrollment code. */
  code: () => Promise<string>;
  /** Temp folders to remove after the suite. */
  dirs: Array<ReturnType<typeof tempDir>>;
  /** Checks on the host while it is still standalone (before enrollment). */
  standalone?: (host: KioskHost) => void;
}

export async function startEnrolledHost(options: EnrolledHostOptions): Promise<KioskHost> {
  const dir = tempDir(`integration-${options.name.replace(/\W+/g, '-')}-`);
  options.dirs.push(dir);
  const host = await startKioskHost({
    config: parseConfig(options.config),
    dataDir: dir.path,
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(null, 'silent'),
  });
  options.standalone?.(host);
  const client = cloudClientFor(options.url);
  await enrollByCode(
    { db: host.db, key: fileKeyStore(dir.path).loadOrCreate() },
    client,
    options.url,
    await options.code(),
    options.name,
  );
  client.close();
  // The host notices the enrollment on "sync now" and starts the engine and the requests poll.
  await staffSyncNow(host);
  return host;
}
