/**
 * One fault-suite file's world: a real cloud (and, when asked, the fault proxy in front of it)
 * started before its first test and stopped after its last, plus the kiosk data folders it made.
 * The accessors throw if used before `beforeAll` ran, so a mistake is loud.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { tempDir } from '../../support/temp';
import { check } from './checker';
import { startRealCloud, type RunningCloud } from './cloud';
import { openKiosk } from './kiosk';
import { startFaultProxy, type FaultProxy } from './proxy';
import { runDriver } from './spawn';

export interface FaultEnvironment {
  readonly cloud: RunningCloud;
  /** The fault proxy in front of the cloud (only with `proxy: true`). */
  readonly proxy: FaultProxy;
  /** A new kiosk data folder, removed after the file's last test. */
  newDir(prefix?: string): string;
  /** A new kiosk folder enrolled by the driver process, through the proxy when there is one. */
  enrolledDriverKiosk(url?: string): Promise<string>;
  /** Lifts every fault, syncs once more and runs the checker over this kiosk: nothing may be off. */
  syncedAndChecked(dir: string): Promise<void>;
}

export function useFaultEnvironment(options: { proxy?: boolean } = {}): FaultEnvironment {
  let cloud: RunningCloud | null = null;
  let proxy: FaultProxy | null = null;
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  beforeAll(async () => {
    cloud = await startRealCloud('pglite');
    if (options.proxy) proxy = await startFaultProxy(cloud.url);
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await cloud?.close();
    for (const d of dirs) d.remove();
  });
  const env: FaultEnvironment = {
    get cloud() {
      if (!cloud) throw new Error('the cloud starts in beforeAll');
      return cloud;
    },
    get proxy() {
      if (!proxy) throw new Error('this file asked for no proxy, or it is not started yet');
      return proxy;
    },
    newDir(prefix = 'kiosk-fault-') {
      const d = tempDir(prefix);
      dirs.push(d);
      return d.path;
    },
    async enrolledDriverKiosk(url) {
      const dir = env.newDir();
      const target = url ?? (options.proxy ? env.proxy.url : env.cloud.url);
      const enrolled = await runDriver(dir, ['enroll', target, await env.cloud.code()]);
      expect(enrolled.code).toBe(0);
      return dir;
    },
    async syncedAndChecked(dir) {
      if (options.proxy) env.proxy.plan = {};
      expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: true });
      const k = openKiosk(dir);
      try {
        expect(await check(env.cloud, [k.db])).toEqual([]);
      } finally {
        k.close();
      }
    },
  };
  return env;
}
