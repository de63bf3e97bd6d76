/**
 * A store's push transactions take turns in the process before they take a connection
 * (cloud/push/store-turns.ts, issue 15). A push transaction waits for its store's advisory lock;
 * after an outage the many kiosks of one store each waited holding a pooled connection, the pool
 * filled with them, and another store's push (or any request needing a connection) waited for a
 * connection though nothing locked it out. The PostgreSQL case holds a store's lock from a third
 * session, sends twelve pushes of that store, and expects: one connection waiting on the lock, not
 * ten (the pool's size), and another store's push answered meanwhile.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inStoreTurn } from '../push/store-turns';
import { enrollDevice, env, push, rawPgClient, startCloud, tryOnArgs, type Cloud } from './harness';
import type { Db } from '../db/db';

const URL = process.env.DATABASE_URL;
if (!URL)
  console.warn(
    '\n*** cloud/test/push-store-turns.test.ts: the PostgreSQL case SKIPPED (no DATABASE_URL) ***\n',
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('store turns', () => {
  const db = { kind: 'pg' } as const satisfies Pick<Db, 'kind'>;
  const someDb = db as unknown as Db; // only its identity keys the turns
  const otherDb = { kind: 'pg' } as unknown as Db;

  it("run one store's transactions one at a time, in order, and other stores' beside them", async () => {
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await sleep(ms);
      log.push(`${name}-`);
      return name;
    };
    const done = await Promise.all([
      inStoreTurn(someDb, 'S1', job('a1', 30)),
      inStoreTurn(someDb, 'S1', job('a2', 5)),
      inStoreTurn(someDb, 'S2', job('b1', 5)),
      inStoreTurn(otherDb, 'S1', job('c1', 5)),
    ]);
    expect(done).toEqual(['a1', 'a2', 'b1', 'c1']);
    // b1 (another store) and c1 (another instance's pool) did not wait for a1; a2 did
    expect(log.indexOf('b1-')).toBeLessThan(log.indexOf('a1-'));
    expect(log.indexOf('c1-')).toBeLessThan(log.indexOf('a1-'));
    expect(log.indexOf('a2+')).toBeGreaterThan(log.indexOf('a1-'));
  });

  it('pass the turn on when a transaction fails', async () => {
    const failed = inStoreTurn(someDb, 'S3', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(inStoreTurn(someDb, 'S3', async () => 'next')).resolves.toBe('next');
  });
});

describe.skipIf(!URL)('a store whose pushes queue (PostgreSQL)', () => {
  let cloud: Cloud;
  let holder: pg.Client;
  /** Watches the waits on a connection of its own (the cloud's pool may have none to spare). */
  let admin: pg.Client;
  beforeAll(async () => {
    cloud = await startCloud('pg');
    holder = await rawPgClient(cloud);
    admin = await rawPgClient(cloud);
  }, 120_000);
  afterAll(async () => {
    await holder?.end();
    await admin?.end();
    await cloud?.close();
  });

  it("keeps one connection waiting for the store's lock, and another store's push goes through", async () => {
    // a store of this test only: advisory locks are server-wide, other suites push S001 meanwhile
    const store = `T${randomBytes(4).toString('hex').toUpperCase()}`;
    await cloud.db.query(
      "INSERT INTO stores VALUES ($1, '测试', 'Test', 'Shanghai', 'Asia/Shanghai')",
      [store],
    );
    const crowd = [];
    for (let i = 0; i < 12; i++) crowd.push(await enrollDevice(cloud, store));
    const elsewhere = await enrollDevice(cloud, 'S002');
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await holder.query('BEGIN');
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('push-store:' || $1))", [store]);
    const waiting = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
            [rows[0]?.pid ?? -1],
          )
        ).rows[0]?.n,
      );
    const pushes = crowd.map((d, i) =>
      push(cloud, d, 'e1', [env(1, 'logTryOn', tryOnArgs(`crowd-${i}`), { version: 2 })]),
    );
    try {
      for (let i = 0; i < 200 && (await waiting()) === 0; i++) await sleep(25);
      await sleep(300); // time for the rest of the crowd to take connections, if they could
      expect(await waiting()).toBe(1);
      const other = push(cloud, elsewhere, 'e1', [
        env(1, 'logTryOn', tryOnArgs('elsewhere'), { version: 2 }),
      ]);
      const first = await Promise.race([
        other.then(() => 'answered'),
        sleep(15_000).then(() => 'still waiting'),
      ]);
      // answered while the store's lock is still held (released below)
      expect(first).toBe('answered');
      expect((await other).statusCode).toBe(200);
    } finally {
      await holder.query('COMMIT');
    }
    const answers = await Promise.all(pushes);
    expect(answers.map((a) => a.statusCode)).toEqual(crowd.map(() => 200));
  }, 120_000);
});
