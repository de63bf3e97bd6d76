import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../../cloud/test/harness';
import { repoRoot } from '../support/temp';
import { check } from './support/checker';

import { openKiosk } from './support/kiosk';
import { runDriver } from './support/spawn';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();

const run = promisify(execFile);

/** The real `kiosk` command line; resolves with exit code and output, never rejects. */
async function kiosk(dataDir: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), ...args], {
      env: { ...process.env, KIOSK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe('a kiosk process against the real cloud', () => {
  it('enrolls, pushes its writes, pulls every stream, and converges', async () => {
    const dir = env.newDir();
    expect((await runDriver(dir, ['enroll', env.cloud.url, await env.cloud.code()])).code).toBe(0);
    expect((await runDriver(dir, ['write', '40'])).out).toMatchObject({ written: 40 });
    const sync = await runDriver(dir, ['sync']);
    expect(sync.out).toMatchObject({ ok: true, pushed: 40 });
    const k = openKiosk(dir);
    try {
      expect(k.db.prepare('SELECT count(*) AS n FROM variants').get()).toEqual({ n: 2079 });
      expect(
        (k.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n,
      ).toBeGreaterThan(10);
      expect(await check(env.cloud, [k.db])).toEqual([]);
    } finally {
      k.close();
    }
  }, 90_000);

  it('kiosk enroll / sync now / sync status / sync rotate, and a revoked device is refused', async () => {
    const dir = env.newDir();
    const insecure = await kiosk(dir, 'enroll', 'http://members.example.com', 'CODE-CODE');
    expect(insecure.code).toBe(2);
    expect(insecure.err).toMatch(/HTTPS is required/);
    const bad = await kiosk(dir, 'enroll', env.cloud.url, 'AAAA-BBBB-CCCC');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown, used or expired/);
    const enrolled = await kiosk(dir, 'enroll', env.cloud.url, await env.cloud.code());
    expect(enrolled.code).toBe(0);
    const deviceId = /enrolled as (\S+)/.exec(enrolled.out)?.[1] ?? '';
    // The token is stored sealed: its text appears nowhere in the database file.
    const k = openKiosk(dir);
    const token = k.credentials()?.token ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(JSON.stringify(k.db.prepare('SELECT * FROM settings').all())).not.toContain(token);
    k.close();
    await runDriver(dir, ['write', '5']);
    expect((await kiosk(dir, 'sync', 'now')).out).toMatch(/synced: pushed 5/);
    const status = JSON.parse((await kiosk(dir, 'sync', 'status', '--json')).out) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({ enrolled: true, deviceId, queueDepth: 0, lastError: null });
    expect((await kiosk(dir, 'sync', 'rotate')).code).toBe(0);
    const k2 = openKiosk(dir);
    expect(k2.credentials()?.token).not.toBe(token);
    k2.close();
    expect((await kiosk(dir, 'sync', 'now')).code).toBe(0);
    const revoked = await env.cloud.cloud.app.inject({
      method: 'POST',
      url: `/admin/devices/${deviceId}/revoke`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(revoked.statusCode).toBe(200);
    const refused = await runDriver(dir, ['sync']);
    expect(refused.out).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', code: 'device-revoked' },
      status: { connectivity: 'refused' },
    });
  }, 90_000);
});
