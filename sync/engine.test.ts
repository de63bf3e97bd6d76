import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCredentials, enroll, rotateToken, saveCredentials } from './credentials';
import { createSyncEngine } from './engine';
import type { SyncStatus } from './status';
import { allApplied, queue, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
const creds = {
  url: 'http://127.0.0.1:1',
  caFile: null,
  deviceId: 'dev_1',
  storeId: 'S001',
  token: 'tok',
  enrolledAt: '',
  rotatedAt: null,
};

beforeEach(() => {
  k = testKiosk();
});
afterEach(() => {
  vi.useRealTimers();
  k.remove();
});

describe('credentials', () => {
  it('stores the token sealed, reads it back, and reports tampering as a typed error', async () => {
    queue(k.db, 2); // queued before enrollment under the provisional identity
    const r = await enroll({
      db: k.db,
      key: k.key,
      client: scriptedCloud(),
      url: 'http://127.0.0.1:1',
      caFile: null,
      code: ' K7QF-9XTD ',
      deviceName: 'm',
    });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(k.db.prepare('SELECT * FROM settings').all())).not.toContain('tok-1');
    expect(loadCredentials(k.db, k.key)).toMatchObject({
      ok: true,
      value: { deviceId: 'dev_1', token: 'tok-1' },
    });
    expect(k.db.prepare('SELECT DISTINCT device_id FROM outbox').all()).toEqual([
      { device_id: 'dev_1' },
    ]);
    expect((await rotateToken(k.db, k.key, scriptedCloud())).ok).toBe(true);
    expect(loadCredentials(k.db, k.key)).toMatchObject({ ok: true, value: { token: 'tok-2' } });
    k.db.exec(
      `UPDATE settings SET value = json_set(value, '$.tokenSealed', 'AAAA') WHERE key = 'sync.credentials'`,
    );
    expect(loadCredentials(k.db, k.key)).toMatchObject({
      ok: false,
      error: { kind: 'credentials-unreadable' },
    });
  });
});

describe('createSyncEngine', () => {
  it('the timer retries with backoff without any new write, then polls; status events report it', async () => {
    vi.useFakeTimers();
    saveCredentials(k.db, k.key, creds);
    queue(k.db, 3);
    let down = true;
    const cloud = scriptedCloud();
    const push = cloud.push;
    cloud.push = (token, req) =>
      down
        ? Promise.resolve({ ok: false, error: { kind: 'offline', message: 'ECONNREFUSED' } })
        : push(token, req);
    const engine = createSyncEngine({
      db: k.db,
      key: k.key,
      client: cloud,
      credentials: () => creds,
      random: () => 0,
      pollMs: 60_000,
    });
    const seen: SyncStatus[] = [];
    engine.on('status', (s) => seen.push(s));
    engine.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(seen.at(-1)).toMatchObject({
      connectivity: 'offline',
      queueDepth: 3,
      lastError: { kind: 'offline' },
    });
    expect(seen.at(-1)?.oldestPendingAgeMs).not.toBeNull();
    down = false;
    await vi.advanceTimersByTimeAsync(1_100); // first retry after 1 s (random 0 → base)
    expect(seen.at(-1)).toMatchObject({ connectivity: 'online', queueDepth: 0, lastError: null });
    expect(seen.at(-1)?.lastSuccessAt).not.toBeNull();
    const pulls = cloud.pulls.length;
    await vi.advanceTimersByTimeAsync(60_000); // and it polls again on its own
    expect(cloud.pulls.length).toBeGreaterThan(pulls);
    engine.stop();
  });

  it('a 400 batch is split until the refused row is alone; the rest is delivered', async () => {
    saveCredentials(k.db, k.key, creds);
    queue(k.db, 8);
    const bad = 5;
    const cloud = scriptedCloud({
      push: (req) =>
        req.mutations.some((m) => m.seq === bad && m.name !== 'kiosk-unreadable-entry')
          ? {
              ok: false,
              error: { kind: 'http-4xx', status: 400, code: 'bad-request', message: 'schema' },
            }
          : allApplied(req),
    });
    const engine = createSyncEngine({
      db: k.db,
      key: k.key,
      client: cloud,
      credentials: () => creds,
      pushOnly: true,
    });
    for (let i = 0; i < 6 && engine.status().queueDepth > 0; i++) await engine.syncNow();
    engine.stop();
    const rows = k.db.prepare('SELECT seq, state FROM outbox ORDER BY seq').all() as {
      seq: number;
      state: string;
    }[];
    expect(rows.filter((r) => r.state === 'acked')).toHaveLength(8); // the placeholder is acknowledged as applied here
    expect(cloud.pushes.some((p) => p.mutations.length === 1 && p.mutations[0]?.seq === bad)).toBe(
      true,
    );
  });

  it('not enrolled: reports it and does not retry', async () => {
    const engine = createSyncEngine({
      db: k.db,
      key: k.key,
      client: scriptedCloud(),
      credentials: () => null,
    });
    const r = await engine.syncNow();
    expect(r.ok).toBe(false);
    expect(engine.status()).toMatchObject({ connectivity: 'not-enrolled', nextAttemptAt: null });
  });
});
