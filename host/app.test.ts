import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../test/support/temp';
import { startKioskHost, type KioskHost } from './app';
import { parseConfig } from './config';
import { createLogger } from './log';

let dir: ReturnType<typeof tempDir>;
let host: KioskHost;
const spare = tempDir();

beforeAll(async () => {
  dir = tempDir();
  host = await startKioskHost({
    config: parseConfig({ storeId: 'S001', role: 'checkout' }),
    dataDir: dir.path,
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(null, 'silent'),
  });
});
afterAll(async () => {
  await host.close();
  dir.remove();
  spare.remove();
});

describe('kiosk host', () => {
  it('seeds the demo store on first run and answers over the bridge', async () => {
    expect(await host.bridge.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { storeId: 'S001', role: 'checkout', storeName: { en: "Shanghai Jing'an Flagship" } },
    });
    expect(
      await host.bridge.dispatch('cart.setQty', { sku: 'DRE001-WHT-XS', qty: 0 }),
    ).toMatchObject({ ok: true, value: { role: 'checkout', cart: null } });
  });

  it('lets only a supervisor with the right PIN leave kiosk mode', async () => {
    expect(await host.verifySupervisor('BADGE-2001', '8642')).toBe(true);
    expect(await host.verifySupervisor('BADGE-2001', '0000')).toBe(false);
    expect(await host.verifySupervisor('BADGE-1001', '2468')).toBe(false); // an associate
    expect(await host.verifySupervisor('BADGE-9999', '8642')).toBe(false);
  });

  it('refuses to start with a key file that does not belong to this database', async () => {
    await host.close();
    const { writeFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const keyDir = join(dir.path, 'keys');
    for (const file of readdirSync(keyDir))
      writeFileSync(join(keyDir, file), Buffer.alloc(32, 7), { mode: 0o600 });
    await expect(
      startKioskHost({
        config: parseConfig({ storeId: 'S001', role: 'checkout' }),
        dataDir: dir.path,
        shell: 'web',
        log: createLogger(null, 'silent'),
      }),
    ).rejects.toThrow(/key/i);
    host = await startKioskHost({
      config: parseConfig({ storeId: 'S001', role: 'checkout' }),
      dataDir: spare.path,
      shell: 'web',
      log: createLogger(null, 'silent'),
    });
  });
});

describe('closing the host', () => {
  it('stops every timer that would touch the database after it is closed', async () => {
    const scratch = tempDir();
    const config = parseConfig({ storeId: 'S001', role: 'mirror', idleSeconds: 2 });
    const closing = await startKioskHost({
      config,
      dataDir: scratch.path,
      shell: 'web',
      seedDir: demoStore,
      log: createLogger(null, 'silent'),
    });
    await closing.close();
    const crashes: unknown[] = [];
    const onError = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onError);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past the idle check's period
    process.off('uncaughtException', onError);
    scratch.remove();
    expect(crashes).toEqual([]);
  });
});
