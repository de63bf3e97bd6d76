/**
 * Kills landing inside push batches (issue 15): the cloud runs as its own process on PostgreSQL
 * and dies by SIGKILL while a batch's transaction is open, once at a chosen mutation
 * (`CLOUD_FAULT_POINT=inside-batch:N`, cloud/push/fault.ts) and then at random moments from
 * outside. PostgreSQL rolls the open batch back; what committed keeps its outcome rows and
 * effects together; after a restart the kiosk drains and the checker finds every mutation applied
 * exactly once. Needs PostgreSQL (DATABASE_URL, or a throwaway cluster when the machine has one).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudProcess, type CloudProcess } from '../e2e/support/cloud';
import { tempDir } from '../support/temp';
import { check, type CloudReader } from './support/checker';
import { openKiosk } from './support/kiosk';
import { startPgCluster, type PgCluster } from './support/pg-cluster';
import { runDriver, startDriver } from './support/spawn';

const MIX = 'tryon,earn,tryon,sale,pref,tryon';
let cluster: PgCluster | null = null;
let admin: pg.Client | null = null;
let database = '';
let databaseUrl = '';
let reader: pg.Pool | null = null;
let cloud: CloudProcess | null = null;
const dirs: ReturnType<typeof tempDir>[] = [];

const serverUrl = process.env.DATABASE_URL ?? (cluster = startPgCluster())?.url ?? null;
if (!serverUrl)
  console.warn(
    '\n*** test/faults/push-batch-kills.test.ts SKIPPED: no PostgreSQL on this machine (set DATABASE_URL, or run as root with PostgreSQL installed for a throwaway cluster) ***\n',
  );

beforeAll(async () => {
  if (!serverUrl) return;
  // A database of its own: the cloud processes use its public schema.
  database = `push_kills_${process.pid}_${Date.now()}`;
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  databaseUrl = url.toString();
  reader = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // DROP DATABASE … WITH (FORCE) at the end ends idle connections: expected, not an error.
  reader.on('error', () => undefined);
  cloud = await startCloudProcess({ databaseUrl });
}, 120_000);
afterAll(async () => {
  await cloud?.remove();
  await reader?.end();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  cluster?.stop();
  for (const d of dirs) d.remove();
});

const db: CloudReader = {
  async query<T>(sql: string, params: unknown[] = []) {
    if (!reader) throw new Error('no database');
    const res = await reader.query(sql, params);
    return res.rows as T[];
  },
};

async function enrolledKiosk(c: CloudProcess, writes: number): Promise<string> {
  const d = tempDir('kiosk-batch-kill-');
  dirs.push(d);
  expect((await runDriver(d.path, ['enroll', c.url, await c.enrollmentCode()])).code).toBe(0);
  const w = await runDriver(d.path, ['write', String(writes), MIX, '500']);
  expect(w.out).toMatchObject({ written: writes });
  return d.path;
}

function deviceOf(dir: string): string {
  const k = openKiosk(dir);
  const deviceId = k.credentials()?.deviceId ?? '';
  k.close();
  return deviceId;
}

async function serverState(deviceId: string) {
  const [row] = await db.query<{ last_seq: number; outcomes: number }>(
    `SELECT d.last_seq::int AS last_seq,
       (SELECT count(*)::int FROM mutations m WHERE m.device_id = d.device_id) AS outcomes
     FROM devices d WHERE d.device_id = $1`,
    [deviceId],
  );
  return row;
}

async function waitForExit(c: CloudProcess): Promise<void> {
  for (let i = 0; i < 600 && c.running(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(c.running()).toBe(false);
}

async function drainAndCheck(c: CloudProcess, dir: string): Promise<void> {
  if (!c.running()) await c.start();
  const last = await runDriver(dir, ['sync']);
  expect(last.out).toMatchObject({ ok: true });
  const k = openKiosk(dir);
  try {
    expect(await check(db, [k.db])).toEqual([]);
  } finally {
    k.close();
  }
}

describe.skipIf(!serverUrl)('SIGKILL of the cloud inside push batches (PostgreSQL)', () => {
  it('killed at a chosen mutation of a batch: the open batch leaves no trace, the rest lands once', async () => {
    if (!cloud) throw new Error('no cloud');
    const dir = await enrolledKiosk(cloud, 1_500);
    const device = deviceOf(dir);
    // Dies after applying its 700th mutation: 200 into the second batch of 500, before its commit.
    await cloud.stop();
    await cloud.start({ CLOUD_FAULT_POINT: 'inside-batch:700' });
    const cut = await runDriver(dir, ['sync']);
    expect(cut.out).toMatchObject({ ok: false });
    await waitForExit(cloud);
    const after = await serverState(device);
    // Only whole transactions committed: outcome rows are exactly the seqs up to last_seq, and
    // the 700th mutation (applied in the open transaction) is gone with its outcome row.
    expect(after?.last_seq).toBeGreaterThanOrEqual(500);
    expect(after?.last_seq).toBeLessThan(700);
    expect(after?.outcomes).toBe(after?.last_seq);
    // Again, 150 mutations into the next batch.
    await cloud.start({ CLOUD_FAULT_POINT: 'inside-batch:150' });
    expect((await runDriver(dir, ['sync'])).out).toMatchObject({ ok: false });
    await waitForExit(cloud);
    const again = await serverState(device);
    expect(again?.outcomes).toBe(again?.last_seq);
    expect(again?.last_seq).toBeLessThan((after?.last_seq ?? 0) + 150);
    await drainAndCheck(cloud, dir);
    expect((await serverState(device))?.outcomes).toBe(1_500);
  }, 300_000);

  it('killed at random moments during a big push: every mutation applied once', async () => {
    if (!cloud) throw new Error('no cloud');
    if (!cloud.running()) await cloud.start();
    const dir = await enrolledKiosk(cloud, 3_000);
    const device = deviceOf(dir);
    const seen: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      if (!cloud.running()) await cloud.start();
      const before = (await serverState(device))?.last_seq ?? 0;
      const run = startDriver(dir, ['sync']);
      // Inside the push: once a batch has committed, at a random moment of the ones after it.
      for (let i = 0; i < 600 && ((await serverState(device))?.last_seq ?? 0) === before; i++)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
      await cloud.kill();
      await run.done;
      const state = await serverState(device);
      expect(state?.outcomes).toBe(state?.last_seq);
      seen.push(state?.last_seq ?? 0);
    }
    await drainAndCheck(cloud, dir);
    expect((await serverState(device))?.outcomes).toBe(3_000);
    console.info(`push-batch-kills: last_seq after each kill ${seen.join(', ')} of 3000`);
  }, 300_000);
});
