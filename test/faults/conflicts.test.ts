/**
 * Conflicts and upgrades across real kiosk processes: two kiosks offline redeeming the same
 * member's points, poison entries, and an app upgrade that finds a pending outbox.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKeyStore } from '../../core/crypto';
import { deviceIdentity } from '../../core/outbox/device';
import { enqueue, type Mutation } from '../../core/outbox/outbox';
import { openDatabase, type WritableDB } from '../../core/store/db';
import { currentVersion, migrate, migrations } from '../../core/store/migrations';
import { createCloudClient } from '../../sync/cloud-client';
import { enroll } from '../../sync/credentials';
import { createHttpClient } from '../../sync/http-client';

import { check } from './support/checker';

import { openKiosk, outboxRows, redeemOffline, writeMutations, type Kiosk } from './support/kiosk';
import { runDriver } from './support/spawn';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();

async function syncedKiosk(): Promise<string> {
  const dir = env.newDir();
  expect((await runDriver(dir, ['enroll', env.cloud.url, await env.cloud.code()])).code).toBe(0);
  expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: true });
  return dir;
}

async function withKiosk<T>(dir: string, fn: (k: Kiosk) => T | Promise<T>): Promise<T> {
  const k = openKiosk(dir);
  try {
    return await fn(k);
  } finally {
    k.close();
  }
}

describe('two kiosks offline redeem the same member', () => {
  it('the server never goes below zero, the overdraft stays within one allowance, the loser is compensated', async () => {
    const member = 'M000015'; // 198 points in the demo store
    const [a, b] = [await syncedKiosk(), await syncedKiosk()];
    const [{ points: balance } = { points: -1 }] = await env.cloud.query<{ points: number }>(
      'SELECT points FROM members WHERE member_id = $1',
      [member],
    );
    // Offline: each kiosk redeems in chunks of 40 while its allowance allows.
    const ra = await withKiosk(a, (k) => redeemOffline(k, member, 40));
    const rb = await withKiosk(b, (k) => redeemOffline(k, member, 40));
    expect(ra.allowance).toBe(balance);
    expect(ra.redeemed).toBeLessThanOrEqual(ra.allowance);
    expect(rb.redeemed).toBeLessThanOrEqual(rb.allowance);
    expect(ra.redeemed + rb.redeemed).toBeGreaterThan(balance); // a real conflict
    // Back online, one after the other, then both again to converge.
    for (const dir of [a, b, a, b])
      expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: true });
    const [{ points: after } = { points: -1 }] = await env.cloud.query<{ points: number }>(
      'SELECT points FROM members WHERE member_id = $1',
      [member],
    );
    expect(after).toBeGreaterThanOrEqual(0);
    const accepted = balance - after;
    const overdraft = ra.redeemed + rb.redeemed - accepted;
    expect(overdraft).toBeGreaterThan(0);
    expect(overdraft).toBeLessThanOrEqual(Math.max(ra.allowance, rb.allowance));
    const tasks = await withKiosk(
      b,
      (k) =>
        k.db.prepare('SELECT error_code, compensation FROM sync_staff_tasks').all() as {
          error_code: string;
          compensation: string;
        }[],
    );
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.error_code === 'points-overdrawn')).toBe(true);
    expect(JSON.parse(tasks[0]?.compensation ?? '{}')).toMatchObject({
      kind: 'points-balance',
      memberId: member,
    });
    const dbs = [openKiosk(a), openKiosk(b)];
    try {
      expect(
        await check(
          env.cloud,
          dbs.map((k) => k.db),
        ),
      ).toEqual([]);
    } finally {
      for (const k of dbs) k.close();
    }
  }, 120_000);
});

describe('poison entries', () => {
  it('an unknown version, invalid args and an unreadable stamp are parked; the rest of the queue drains', async () => {
    const dir = await syncedKiosk();
    await withKiosk(dir, (k) => {
      writeMutations(k, 3);
      k.db.transaction(() => {
        enqueue(k.db, {
          name: 'recordSale',
          version: 9,
          idempotencyKey: 'poison:version',
          args: { x: 1 },
          hlc: '000001764000000000-0001-x',
        });
        enqueue(k.db, {
          name: 'earnPoints',
          version: 1,
          idempotencyKey: 'poison:args',
          args: { points: 'many' },
          hlc: '000001764000000000-0002-x',
        });
        enqueue(k.db, {
          name: 'logTryOn',
          version: 1,
          idempotencyKey: 'poison:hlc',
          args: {},
          hlc: 'not a stamp',
        });
      });
      writeMutations(k, 3);
    });
    expect((await runDriver(dir, ['sync'])).out).toMatchObject({
      ok: true,
      status: { queueDepth: 0, parked: 3 },
    });
    await withKiosk(dir, async (k) => {
      const states = Object.fromEntries(outboxRows(k.db).map((r) => [r.key, r.state]));
      expect(states).toMatchObject({
        'poison:version': 'parked',
        'poison:args': 'parked',
        'poison:hlc': 'parked',
      });
      expect(Object.values(states).filter((s) => s === 'acked')).toHaveLength(6);
      expect(
        k.db
          .prepare(
            "SELECT count(*) AS n FROM sync_staff_tasks WHERE error_code IN ('unknown-mutation', 'invalid-args')",
          )
          .get(),
      ).toEqual({ n: 3 });
      expect(await check(env.cloud, [k.db])).toEqual([]);
    });
  }, 60_000);
});

/** The outbox write of the app at migration 70 (its outbox had none of the later columns). */
function enqueueAsVersion70(db: WritableDB, m: Mutation): void {
  const { deviceId, epoch } = deviceIdentity(db);
  const seq =
    db
      .prepare<[string, number], { last_seq: number }>(
        `INSERT INTO outbox_counters (device_id, epoch, last_seq) VALUES (?, ?, 1)
         ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      )
      .get(deviceId, epoch)?.last_seq ?? 1;
  const at = new Date().toISOString();
  db.prepare(
    `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc,
       state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  ).run(
    deviceId,
    epoch,
    seq,
    m.idempotencyKey,
    m.name,
    m.version,
    JSON.stringify(m.args),
    m.hlc,
    at,
    at,
  );
}

describe('app upgrade with a pending outbox', () => {
  it('a database written by the version with the outbox migration is upgraded and drained', async () => {
    const dir = env.newDir();
    const old = openDatabase(join(dir, 'kiosk.db'));
    migrate(old, 70); // the app as it was: nothing after the outbox migration
    const key = fileKeyStore(dir).loadOrCreate();
    const http = createHttpClient({ baseUrl: env.cloud.url });
    if (!http.ok) throw new Error(http.error.message);
    const enrolled = await enroll({
      db: old,
      key,
      client: createCloudClient(http.value),
      url: env.cloud.url,
      caFile: null,
      code: await env.cloud.code(),
      deviceName: 'old app',
    });
    http.value.close();
    expect(enrolled.ok).toBe(true);
    writeMutations({ dir, db: old, key, credentials: () => null, close: () => old.close() }, 25, {
      kinds: ['earn', 'tryon'],
      enqueue: enqueueAsVersion70,
    });
    expect(currentVersion(old)).toBe(70);
    old.close();
    // The new version starts: migrates, then syncs what the old one queued.
    expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: true, pushed: 25 });
    await withKiosk(dir, async (k) => {
      expect(currentVersion(k.db)).toBe(migrations.at(-1)?.version);
      expect(await check(env.cloud, [k.db])).toEqual([]);
    });
  }, 60_000);
});
