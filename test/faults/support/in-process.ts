/**
 * A kiosk enrolled in the real cloud with its sync engine in this process (for the integration
 * tests that need to look inside the kiosk between runs; the crash tests use the driver process).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { createCatalog } from '../../../core/catalog/lookup';
import { readOnly } from '../../../core/store/db';
import { parseConfig } from '../../../host/config';
import { createLogger } from '../../../host/log';
import type { LookupMemberOnline } from '../../../host/services/screens/member-lookup';
import { createScreenService } from '../../../host/services/screens/screen-service';
import { lookupMemberOnline } from '../../../sync/lookup';
import { openSyncEngine } from '../../../sync/open';
import type { RunReport, SyncEngineOptions } from '../../../sync/engine';
import { importStoreFolder } from '../../../core/import/importer';
import { allStoreFiles } from '../../../core/import/store-files';
import { demoStore, tempDir } from '../../support/temp';
import { startRealCloud, type RunningCloud } from './cloud';
import { openKiosk, type Kiosk } from './kiosk';
import { cloudClientFor, enrollByCode } from '../../support/enroll';

export type EngineOptions = Omit<SyncEngineOptions, 'db' | 'key' | 'client' | 'credentials'>;

export interface EnrolledKiosk extends Kiosk {
  /** One engine run (push, then pull unless `pushOnly`) with a fresh engine. */
  sync(options?: EngineOptions): Promise<RunReport>;
}

/** Enrolls an open kiosk with the cloud by a fresh one-time code, as `kiosk enroll` does. */
export async function enrollKiosk(
  k: Kiosk,
  cloud: RunningCloud,
  deviceName = 'in-process kiosk',
): Promise<void> {
  const client = cloudClientFor(cloud.url);
  await enrollByCode(k, client, cloud.url, await cloud.code(), deviceName);
  client.close();
}

export async function enrolledKiosk(dir: string, cloud: RunningCloud): Promise<EnrolledKiosk> {
  const k = openKiosk(dir);
  await enrollKiosk(k, cloud);
  return {
    ...k,
    async sync(options: EngineOptions = {}) {
      const opened = openSyncEngine(k.db, k.key, options);
      if (!opened.ok) throw new Error(opened.error.message);
      try {
        return await opened.value.engine.syncNow();
      } finally {
        opened.value.engine.stop();
        opened.value.client.close();
      }
    },
  };
}

export interface CheckoutLink {
  /** What the screen believes of the network. */
  connectivity: 'online' | 'offline';
  /** The enrolled kiosk whose cloud answers the member look-up (onlineLookup). */
  lookupThrough: Kiosk;
}

/**
 * The checkout screen on a kiosk's database, as the host builds it: with no link, offline and
 * without a cloud; with one, paid by the simulated payment code and looking members up online.
 */
export function checkoutScreen(k: Kiosk, link?: CheckoutLink) {
  return createScreenService({
    config: parseConfig({
      storeId: 'S001',
      role: 'checkout',
      ...(link ? { payment: 'sim' } : {}),
    }),
    db: k.db,
    catalog: createCatalog(readOnly(k.db), 'S001'),
    key: k.key,
    log: createLogger(null, 'silent'),
    emit: () => undefined,
    ...(link
      ? { connectivity: () => link.connectivity, lookupMember: onlineLookup(link.lookupThrough) }
      : {}),
  });
}

/**
 * The online member look-up the host wires into its screens (host/sync-service.ts), on a fresh
 * engine's client: a member of another store is asked for at sign-in, which brings their ticket.
 */
export function onlineLookup(k: Kiosk): LookupMemberOnline {
  return async (by) => {
    const opened = openSyncEngine(k.db, k.key);
    if (!opened.ok) throw new Error(opened.error.message);
    const { client, credentials, engine } = opened.value;
    try {
      const found = await lookupMemberOnline(
        { db: k.db, key: k.key, client, token: credentials.token },
        by,
      );
      if (!found.ok) return { kind: 'unreachable' };
      return found.value
        ? { kind: 'found', memberId: found.value.member.memberId }
        : { kind: 'not-found' };
    } finally {
      engine.stop();
      client.close();
    }
  };
}

/**
 * Registers this test file's hooks for one real cloud and one enrolled demo kiosk in a temporary
 * folder (`demoKioskWithCloud`), closed and removed after all its tests. Read `cloud` and `k`
 * inside tests and hooks: they are set once the file's `beforeAll` has run.
 */
export function demoKioskWithCloudForFile(
  prefix: string,
  options: { syncFirst?: boolean } = {},
): { readonly cloud: RunningCloud; readonly k: EnrolledKiosk } {
  const dir = tempDir(prefix);
  let started: { cloud: RunningCloud; k: EnrolledKiosk } | null = null;
  beforeAll(async () => {
    started = await demoKioskWithCloud(dir.path);
    if (options.syncFirst) expect((await started.k.sync()).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    started?.k.close();
    await started?.cloud.close();
    dir.remove();
  });
  const running = () => {
    if (!started) throw new Error('the cloud and kiosk start in beforeAll');
    return started;
  };
  return {
    get cloud() {
      return running().cloud;
    },
    get k() {
      return running().k;
    },
  };
}

/** A real cloud on PGlite and an enrolled in-process kiosk of store S001 with the demo store. */
export async function demoKioskWithCloud(
  dir: string,
): Promise<{ cloud: RunningCloud; k: EnrolledKiosk }> {
  const cloud = await startRealCloud('pglite');
  const k = await enrolledKiosk(dir, cloud);
  importStoreFolder(k.db, demoStore, allStoreFiles, { key: k.key });
  return { cloud, k };
}
