/**
 * Two cloud instances on ONE database (two Fastify apps; on PostgreSQL each with its own pool,
 * on PGlite over the same in-process database). A kiosk's pushes and pulls alternate between them,
 * the same batch goes to both at once: every mutation is applied once and cursors carry over.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope, PullPage } from '../../sync/protocol';
import {
  DB_KINDS,
  enrollDevice,
  env,
  saleArgs,
  secondInstance,
  startCloud,
  type Cloud,
  tryOnArgs,
} from './harness';

describe.each(DB_KINDS)('two cloud instances on one %s database', (kind) => {
  let cloud: Cloud;
  let instance: Awaited<ReturnType<typeof secondInstance>>;
  let second: FastifyInstance;
  let dev: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud(kind);
    instance = await secondInstance(cloud);
    second = instance.app;
    dev = await enrollDevice(cloud);
  }, 120_000);
  afterAll(async () => {
    await instance.close();
    await cloud.close();
  });

  const apps = () => [cloud.app, second] as const;
  const pushTo = (app: FastifyInstance, mutations: MutationEnvelope[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${dev.token}` },
      payload: { deviceId: dev.deviceId, epoch: '1', mutations },
    });
  const pullFrom = async (app: FastifyInstance, stream: string, cursor: string | null) => {
    const q = cursor ? `?cursor=${encodeURIComponent(cursor)}&limit=300` : '?limit=300';
    const res = await app.inject({
      method: 'GET',
      url: `/v1/pull/${stream}${q}`,
      headers: { authorization: `Bearer ${dev.token}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as PullPage;
  };
  const count = async (prefix: string) =>
    (
      await cloud.db.query<{ n: number; d: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT tryon_id)::int AS d FROM tryons WHERE tryon_id LIKE $1`,
        [`${prefix}%`],
      )
    ).rows[0];

  it('alternating pushes, the same batch to both at once: applied exactly once, lastSeq consistent', async () => {
    let seq = 0;
    const batch = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) =>
        env(++seq, 'logTryOn', tryOnArgs(`${prefix}-${seq}-${i}`)),
      );
    for (let round = 0; round < 6; round++) {
      const res = await pushTo(apps()[round % 2] as FastifyInstance, batch(20, 'ALT'));
      expect(res.statusCode).toBe(200);
      expect(res.json().lastSeq).toBe(seq);
    }
    const same = batch(50, 'BOTH');
    const [a, b] = await Promise.all(apps().map((app) => pushTo(app, same)));
    for (const res of [a, b]) expect(res?.statusCode).toBe(200);
    const statuses = (r: typeof a) =>
      (r?.json().results as { seq: number; status: string }[]).map((x) => x.status);
    // each seq was applied by exactly one of the two instances; the other saw a duplicate
    const applied = same.map(
      (_, i) => [statuses(a)[i], statuses(b)[i]].filter((s) => s === 'applied').length,
    );
    expect(applied.every((n) => n === 1)).toBe(true);
    expect(await count('ALT')).toEqual({ n: 120, d: 120 });
    expect(await count('BOTH')).toEqual({ n: 50, d: 50 });
    const [device] = (
      await cloud.db.query<{ last_seq: number }>(
        'SELECT last_seq::int AS last_seq FROM devices WHERE device_id = $1',
        [dev.deviceId],
      )
    ).rows;
    expect(device?.last_seq).toBe(seq);
    const next = await pushTo(second, batch(1, 'AFTER'));
    expect(next.json()).toMatchObject({ lastSeq: seq });
  });

  it('a cursor from one instance continues on the other, without gaps or repeats', async () => {
    // snapshot of stock, page by page, alternating instances
    const keys: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; ; i++) {
      const page: PullPage = await pullFrom(apps()[i % 2] as FastifyInstance, 'stock', cursor);
      keys.push(...page.rows.map((r) => r.key));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(new Set(keys).size).toBe(keys.length);
    const [total] = (
      await cloud.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM stream_rows WHERE stream = 'stock' AND data IS NOT NULL
           AND scope IN ('*', 'S001')`,
        [],
      )
    ).rows;
    expect(keys.length).toBe(total?.n);
    // a sale through instance A changes stock; the delta is served by instance B from the cursor
    const sale = await pushTo(cloud.app, [env(10_000, 'recordSale', saleArgs('SALE-STATELESS'))]);
    expect(sale.statusCode).toBe(409); // seq 10000 is a gap: nothing processed
    const lastSeq = sale.json().error.details.lastSeq as number;
    const ok = await pushTo(cloud.app, [
      env(lastSeq + 1, 'recordSale', saleArgs('SALE-STATELESS')),
    ]);
    expect(ok.statusCode).toBe(200);
    const delta = await pullFrom(second, 'stock', cursor);
    expect(delta.snapshot).toBe(false);
    expect(delta.rows.map((r) => r.key)).toContain('DRE001-WHT-XS@S001');
    const again = await pullFrom(cloud.app, 'stock', delta.cursor);
    expect(again.rows).toEqual([]);
  });
});
