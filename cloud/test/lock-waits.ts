/**
 * Lining concurrent transactions up on PostgreSQL, for tests that force a crossing of locks: two
 * cloud instances on one database, a session that holds a row, one that watches which backend
 * waits on whom (pg_blocking_pids).
 */
import type pg from 'pg';
import { expect } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../sync/protocol';
import { push, rawPgClient, secondInstance, startCloud, type Cloud } from './harness';

/** Two instances of the cloud on one PostgreSQL schema, and two raw sessions on it. */
export interface CrossingRig {
  cloud: Cloud;
  /** The same cloud served by the second instance (another server behind the load balancer). */
  other: Cloud;
  /** Holds a row to stop the first request. */
  holder: pg.Client;
  /** Watches the waits. */
  admin: pg.Client;
  close(): Promise<void>;
}

export async function crossingRig(): Promise<CrossingRig> {
  const cloud = await startCloud('pg');
  const second = await secondInstance(cloud);
  const [holder, admin] = [await rawPgClient(cloud), await rawPgClient(cloud)];
  return {
    cloud,
    other: { ...cloud, app: second.app },
    holder,
    admin,
    async close() {
      await holder.end();
      await admin.end();
      await second.close();
      await cloud.close();
    },
  };
}

/** The backend waiting on `pid`'s locks, once there is one; null if `settled` first. */
async function waiterOn(admin: pg.Client, pid: number, settled: () => boolean) {
  for (let i = 0; i < 400 && !settled(); i++) {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
      [pid],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

/** `p`, and whether it has settled (read without awaiting). */
const tracked = <T>(p: Promise<T>) => {
  const t = { done: false, p: p.finally(() => (t.done = true)) };
  return t;
};

/** Who waited on whom while `crossPushes` lined two pushes up, and how both were answered. */
export interface Crossed {
  /** The first push stopped at the held row (its backend, or null), and the second waited on it. */
  waited: { pidA: number | null; pidB: number | null };
  /** Each push's HTTP status and its mutations' statuses (the body when not a 200). */
  answers: { status: number; results: string[] | string }[];
}

/** What `Crossed.waited` is when the interleaving happened. */
export const LINED_UP = { pidA: expect.any(Number), pidB: expect.any(Number) };

/** What `Crossed.answers` holds for a push whose mutations were all applied. */
export const allApplied = (mutations: readonly MutationEnvelope[]) => ({
  status: 200,
  results: mutations.map(() => 'applied'),
});

const statuses = (res: { statusCode: number; body: string; json<J>(): J }) => ({
  status: res.statusCode,
  results:
    res.statusCode === 200
      ? res.json<{ results: { status: string }[] }>().results.map((r) => r.status)
      : res.body,
});

/**
 * Forces an interleaving instead of leaving it to timing: the holder locks a row (`hold`, a
 * `SELECT … FOR UPDATE`) in a transaction; push A (device `a`, first instance) runs until it waits on that row; push B (device `b`, second
 * instance) runs until it waits on A; then the row is let go and both are awaited.
 */
export async function crossPushes(
  rig: CrossingRig,
  hold: { sql: string; params: readonly string[] },
  a: { device: EnrollResponse; mutations: MutationEnvelope[] },
  b: { device: EnrollResponse; mutations: MutationEnvelope[] },
): Promise<Crossed> {
  const { holder, admin } = rig;
  const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await holder.query('BEGIN');
  await holder.query(hold.sql, [...hold.params]);
  const one = tracked(push(rig.cloud, a.device, 'e1', a.mutations));
  const pidA = await waiterOn(admin, rows[0]?.pid ?? -1, () => one.done);
  const two = tracked(push(rig.other, b.device, 'e1', b.mutations));
  const pidB = pidA === null ? null : await waiterOn(admin, pidA, () => two.done);
  await holder.query('COMMIT');
  return { waited: { pidA, pidB }, answers: [statuses(await one.p), statuses(await two.p)] };
}
