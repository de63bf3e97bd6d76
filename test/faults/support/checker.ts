/**
 * The fault suite's checker. After the faults stop and every kiosk has synced, it lists every
 * violation of: each committed mutation took effect exactly once on the server (and nothing the
 * kiosks did not commit did); ledger sums equal balances; each kiosk's cached balances equal the
 * server's; every outbox drained. An empty list means the run was correct.
 */
import type { WritableDB } from '../../../core/store/db';
import type { RunningCloud } from './cloud';

interface Row {
  key: string;
  state: string;
  mutation: string;
  args: string;
  device_id: string;
}

/** Where each mutation's effect shows on the server, as (table query, id derived from args). */
const effect: Record<string, { sql: string; id: (a: Record<string, string>) => string }> = {
  earnPoints: {
    sql: 'SELECT ref AS id, count(*)::int AS n FROM points_ledger WHERE ref = ANY($1::text[]) GROUP BY ref',
    id: (a) => `earn:${a.earnId}`,
  },
  redeemPoints: {
    sql: 'SELECT ref AS id, count(*)::int AS n FROM points_ledger WHERE ref = ANY($1::text[]) GROUP BY ref',
    id: (a) => `redeem:${a.redemptionId}`,
  },
  logTryOn: {
    sql: 'SELECT tryon_id AS id, count(*)::int AS n FROM tryons WHERE tryon_id = ANY($1::text[]) GROUP BY tryon_id',
    id: (a) => String(a.tryOnId),
  },
  // Applied → exactly one redemption row (a single-use coupon's unique index is the arbiter);
  // rejected (already used, unknown coupon or member) → none.
  redeemCoupon: {
    sql: 'SELECT redemption_id AS id, count(*)::int AS n FROM coupon_redemptions WHERE redemption_id = ANY($1::text[]) GROUP BY redemption_id',
    id: (a) => String(a.redemptionId),
  },
  recordSale: {
    sql: 'SELECT sale_id AS id, count(*)::int AS n FROM sales WHERE sale_id = ANY($1::text[]) GROUP BY sale_id',
    id: (a) => String(a.saleId),
  },
};

/** Reads the cloud's database: the in-process cloud, or a pool on the database of cloud processes. */
export type CloudReader = Pick<RunningCloud, 'query'>;

export async function check(cloud: CloudReader, kiosks: WritableDB[]): Promise<string[]> {
  const problems: string[] = [];
  const committed = new Set<string>();
  const devices = new Set<string>();
  for (const db of kiosks) {
    const rows = db
      .prepare<[], Row>(
        'SELECT idempotency_key AS key, state, mutation, args, device_id FROM outbox',
      )
      .all();
    for (const row of rows) {
      committed.add(row.key);
      devices.add(row.device_id);
      if (row.state === 'pending' || row.state === 'sent')
        problems.push(`${row.key}: still ${row.state} (outbox not drained)`);
    }
    // Exactly once: the server recorded each key once, and its effect exists once (or not at all
    // when the server rejected it).
    const outcomes = new Map(
      (
        await cloud.query<{ key: string; status: string }>(
          `SELECT key, outcome->>'status' AS status FROM mutations WHERE key = ANY($1::text[])`,
          [rows.map((r) => r.key)],
        )
      ).map((o) => [o.key, o.status]),
    );
    const expected = new Map<string, Map<string, { key: string; n: number }>>();
    for (const row of rows) {
      const status = outcomes.get(row.key);
      if (!status) {
        problems.push(`${row.key}: committed on the kiosk but unknown to the server`);
        continue;
      }
      const probe = effect[row.mutation];
      if (!probe) continue;
      const ids = expected.get(row.mutation) ?? new Map<string, { key: string; n: number }>();
      expected.set(row.mutation, ids);
      ids.set(probe.id(JSON.parse(row.args) as Record<string, string>), {
        key: row.key,
        n: status === 'applied' ? 1 : 0,
      });
    }
    for (const [mutation, ids] of expected) {
      const probe = effect[mutation];
      if (!probe) continue;
      const found = new Map(
        (await cloud.query<{ id: string; n: number }>(probe.sql, [[...ids.keys()]])).map((f) => [
          f.id,
          f.n,
        ]),
      );
      for (const [id, want] of ids) {
        const n = found.get(id) ?? 0;
        if (n !== want.n)
          problems.push(`${want.key}: effect present ${n} times, expected ${want.n}`);
      }
    }
  }
  const stray = await cloud.query<{ key: string }>(
    'SELECT key FROM mutations WHERE device_id = ANY($1::text[]) AND name <> $2',
    [[...devices], 'kiosk-unreadable-entry'],
  );
  for (const s of stray)
    if (!committed.has(s.key))
      problems.push(`${s.key}: on the server but never committed by a kiosk`);
  const ledger = await cloud.query<{ member_id: string; points: number; sum: number }>(
    `SELECT m.member_id, m.points, coalesce(sum(l.delta), 0)::int AS sum FROM members m
     LEFT JOIN points_ledger l USING (member_id) GROUP BY m.member_id, m.points
     HAVING m.points <> coalesce(sum(l.delta), 0)`,
  );
  for (const l of ledger)
    problems.push(`member ${l.member_id}: balance ${l.points} but ledger sums to ${l.sum}`);
  const negative = await cloud.query<{ member_id: string }>(
    'SELECT member_id FROM members WHERE points < 0',
  );
  for (const m of negative) problems.push(`member ${m.member_id}: negative balance`);
  for (const db of kiosks) {
    const cached = db
      .prepare<[], { member_id: string; points: number }>('SELECT member_id, points FROM members')
      .all();
    if (cached.length === 0) continue;
    const server = new Map(
      (
        await cloud.query<{ member_id: string; points: number }>(
          'SELECT member_id, points FROM members WHERE member_id = ANY($1::text[])',
          [cached.map((c) => c.member_id)],
        )
      ).map((m) => [m.member_id, m.points]),
    );
    for (const c of cached)
      if (server.get(c.member_id) !== c.points)
        problems.push(
          `kiosk cache of ${c.member_id}: ${c.points} points, server has ${String(server.get(c.member_id))}`,
        );
  }
  return problems;
}
