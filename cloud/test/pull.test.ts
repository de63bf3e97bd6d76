import { describe, expect, it } from 'vitest';
import { pageChecksum, type EnrollResponse } from '../../sync/protocol';
import { publish } from '../streams/projections';
import {
  adminPost,
  DB_KINDS,
  env,
  lookup,
  pull,
  pullAll,
  push,
  rawPgClient,
  startCloud,
  type Cloud,
} from './harness';
import { cloudWithDevice } from './hooks';

describe.each(DB_KINDS)('pull on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  cloudWithDevice(
    () => startCloud(kind),
    (c, d) => ((cloud = c), (dev = d)),
  );

  it('serves a snapshot in pages whose count and checksum match their rows', async () => {
    const first = await pull(cloud, dev.token, 'catalog', null, 1000);
    expect(first).toMatchObject({ snapshot: true, hasMore: true, mustRefetch: false, count: 1000 });
    expect(first.checksum).toBe(pageChecksum(first.rows));
    const rest = await pullAll(cloud, dev.token, 'catalog', first.cursor, 1000);
    const all = [...first.rows, ...rest.rows];
    const { rows } = await cloud.db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM variants) AS n',
    );
    expect(all.length).toBe(Number(rows[0]?.n));
    expect(new Set(all.map((r) => r.key)).size).toBe(all.length);
    const last = await pull(cloud, dev.token, 'catalog', rest.cursor);
    expect(last).toMatchObject({ count: 0, hasMore: false, snapshot: false, rows: [] });
  });

  it('serves only the members of the device store', async () => {
    const { rows } = await pullAll(cloud, dev.token, 'members');
    const expected = await cloud.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM members WHERE home_store = 'S001'",
    );
    expect(rows.length).toBe(expected.rows[0]?.n);
    expect(rows.every((r) => r.data?.homeStore === 'S001')).toBe(true);
  });

  it('after the snapshot serves only the deltas: a sale changes one stock row', async () => {
    const snap = await pullAll(cloud, dev.token, 'stock', null, 2000);
    const before = snap.rows.find((r) => r.key === 'DRE002-BLK-M@S001');
    const res = await push(cloud, dev, 'e1', [
      env(1, 'recordSale', {
        saleId: 'S-pull-1',
        memberId: null,
        lines: [{ sku: 'DRE002-BLK-M', qty: 2, unitPriceCents: 39900, discountCents: 0 }],
        totalCents: 79800,
        payments: [],
        soldAt: '2026-11-20T09:00:00Z',
      }),
    ]);
    expect(res.json().results[0].status).toBe('applied');
    const delta = await pullAll(cloud, dev.token, 'stock', snap.cursor);
    expect(delta.rows).toEqual([
      {
        key: 'DRE002-BLK-M@S001',
        op: 'upsert',
        data: { sku: 'DRE002-BLK-M', locationId: 'S001', onHand: Number(before?.data?.onHand) - 2 },
      },
    ]);
  });

  it('answers must-refetch after a stream reset, and for a cursor it did not write', async () => {
    const { cursor } = await pullAll(cloud, dev.token, 'coupons');
    expect((await pull(cloud, dev.token, 'coupons', cursor)).mustRefetch).toBe(false);
    const reset = await adminPost(cloud, '/admin/streams/coupons/refetch');
    expect(reset.statusCode).toBe(200);
    const page = await pull(cloud, dev.token, 'coupons', cursor);
    expect(page).toMatchObject({ mustRefetch: true, rows: [], cursor: null });
    expect((await pull(cloud, dev.token, 'prices', cursor)).mustRefetch).toBe(true);
    expect((await pull(cloud, dev.token, 'coupons', 'garbage')).mustRefetch).toBe(true);
    const again = await pullAll(cloud, dev.token, 'coupons');
    expect(again.rows.length).toBe(8);
    expect((await pull(cloud, dev.token, 'prices')).mustRefetch).toBe(false);
  });

  it('publishes an erased member as a deletion', async () => {
    const { cursor } = await pullAll(cloud, dev.token, 'members');
    const local = await cloud.db.query<{ id: string; card: string }>(
      "SELECT member_id AS id, card_no AS card FROM members WHERE home_store = 'S001' ORDER BY member_id LIMIT 1",
    );
    const memberId = local.rows[0]?.id ?? '';
    const cardNo = local.rows[0]?.card ?? '';
    const res = await push(cloud, dev, 'e1', [
      env(2, 'requestErasure', { requestId: 'ER-1', memberId }),
    ]);
    expect(res.json().results[0].status).toBe('applied');
    const { rows } = await pullAll(cloud, dev.token, 'members', cursor);
    expect(rows).toEqual([{ key: memberId, op: 'delete', data: null }]);
    expect((await lookup(cloud, dev.token, { cardNo })).statusCode).toBe(404);
  });

  it('rejects an unknown stream', async () => {
    const res = await cloud.app.inject({
      method: 'GET',
      url: '/v1/pull/secrets',
      headers: { authorization: `Bearer ${dev.token}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown-stream');
  });

  if (kind === 'pg') {
    it('never skips a row whose transaction commits after a later one was served', async () => {
      const { cursor } = await pullAll(cloud, dev.token, 'stock');
      const early = await rawPgClient(cloud);
      const late = await rawPgClient(cloud);
      try {
        const q = (c: typeof early) => ({
          query: async (sql: string, p: readonly (string | number | boolean | null)[] = []) => ({
            rows: (await c.query(sql, [...p])).rows,
          }),
          exec: async (sql: string) => void (await c.query(sql)),
        });
        await early.query('BEGIN');
        await early.query(
          "UPDATE stock SET on_hand = 71 WHERE sku = 'DRE001-WHT-S' AND location_id = 'S001'",
        );
        await publish(q(early), 'stock', "sku = 'DRE001-WHT-S' AND location_id = 'S001'"); // takes the smaller position
        // another style: the HQ stock rollup of one style is a row both would lock, and the later
        // transaction would wait for the earlier one instead of committing first
        await late.query('BEGIN');
        await late.query(
          "UPDATE stock SET on_hand = 72 WHERE sku = 'BAG001-GRY-OS' AND location_id = 'S001'",
        );
        await publish(q(late), 'stock', "sku = 'BAG001-GRY-OS' AND location_id = 'S001'");
        await late.query('COMMIT');
        const during = await pullAll(cloud, dev.token, 'stock', cursor);
        expect(during.rows).toEqual([]); // the later commit waits behind the open transaction
        await early.query('COMMIT');
        const after = await pullAll(cloud, dev.token, 'stock', during.cursor);
        expect(after.rows.map((r) => r.data?.onHand)).toEqual([71, 72]);
      } finally {
        await early.end();
        await late.end();
      }
    });
  }
});
