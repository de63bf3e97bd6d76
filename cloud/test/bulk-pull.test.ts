import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BulkPageHeaderSchema,
  StreamRowSchema,
  type EnrollResponse,
  type StreamRow,
} from '../../sync/protocol';
import {
  DB_KINDS,
  enrollDevice,
  env,
  pull,
  pullAll,
  push,
  startCloud,
  type Cloud,
} from './harness';
import { cloudWithDevice } from './hooks';

async function bulk(
  cloud: Cloud,
  token: string,
  stream: string,
  cursor?: string | null,
  limit?: number,
) {
  const q = new URLSearchParams();
  if (cursor) q.set('cursor', cursor);
  if (limit) q.set('limit', String(limit));
  return cloud.app.inject({
    method: 'GET',
    url: `/v1/pull/${stream}/bulk?${q.toString()}`,
    headers: { authorization: `Bearer ${token}` },
  });
}

/** The page as a kiosk reads it: header line, then `[key, data]` lines (sync/bulk-page.ts checks more). */
function parseBulk(bytes: Buffer) {
  const [head = '', ...lines] = bytes.toString('utf8').split('\n');
  const header = BulkPageHeaderSchema.parse(JSON.parse(head));
  const rows = lines
    .filter((line) => line.length > 0)
    .map((line): StreamRow => {
      const [key, data]: unknown[] = JSON.parse(line);
      return StreamRowSchema.parse({ key, op: data === null ? 'delete' : 'upsert', data });
    });
  return { header, rows };
}

async function bulkPage(
  cloud: Cloud,
  token: string,
  stream: string,
  cursor?: string | null,
  limit?: number,
) {
  const res = await bulk(cloud, token, stream, cursor, limit);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return parseBulk(res.rawPayload);
}

describe.each(DB_KINDS)('bulk pull on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  cloudWithDevice(
    () => startCloud(kind),
    (c, d) => ((cloud = c), (dev = d)),
  );

  it('serves the same rows as the plain pull, in big checked pages, with the total on the first', async () => {
    const plain = await pullAll(cloud, dev.token, 'catalog', null, 2000);
    const rows: StreamRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await bulkPage(cloud, dev.token, 'catalog', cursor, 700);
      if (pages === 0)
        expect(page.header).toMatchObject({ snapshot: true, total: plain.rows.length });
      else expect(page.header.total).toBeNull();
      expect(page.header.count).toBe(page.rows.length);
      rows.push(...page.rows);
      pages++;
      cursor = page.header.cursor;
      if (!page.header.hasMore) break;
    }
    expect(pages).toBe(Math.ceil(plain.rows.length / 700));
    expect(rows).toEqual(plain.rows);
    // the cursor after the snapshot serves deltas, to the plain pull as well
    const next = await pull(cloud, dev.token, 'catalog', cursor);
    expect(next).toMatchObject({ count: 0, hasMore: false, snapshot: false });
  });

  it('mixes with the plain pull page by page, and a delete is [key, null]', async () => {
    const first = await pull(cloud, dev.token, 'stock', null, 1000);
    const rest = await bulkPage(cloud, dev.token, 'stock', first.cursor, 50_000);
    const plain = await pullAll(cloud, dev.token, 'stock', null, 2000);
    expect([...first.rows, ...rest.rows]).toEqual(plain.rows);
    await cloud.db.query(
      `UPDATE stream_rows SET data = NULL, xid = pg_current_xact_id(), pos = nextval('stream_pos')
       WHERE stream = 'stock' AND key = 'DRE001-WHT-XS@S001'`,
    );
    const res = await push(cloud, dev, 'e1', [env(1, 'recordNps', { npsId: 'n1', score: 9 })]);
    expect(res.statusCode).toBe(200); // any later transaction moves the horizon past the delete
    const delta = await bulk(cloud, dev.token, 'stock', rest.header.cursor);
    expect(delta.body.split('\n').slice(1)).toEqual(['["DRE001-WHT-XS@S001",null]']);
    expect(parseBulk(delta.rawPayload).rows).toEqual([
      { key: 'DRE001-WHT-XS@S001', op: 'delete', data: null },
    ]);
  });

  it('the header carries the SHA-256 of the row bytes (the kiosk side: sync/bulk-pull.test.ts)', async () => {
    const res = await bulk(cloud, dev.token, 'config');
    const bytes = Buffer.from(res.rawPayload);
    const [head] = res.body.split('\n');
    expect(JSON.parse(head ?? '').checksum).toBe(
      createHash('sha256')
        .update(bytes.subarray(bytes.indexOf(0x0a) + 1))
        .digest('hex'),
    );
  });

  it('refuses without a token, an unknown stream, a limit out of bounds; a foreign cursor must refetch', async () => {
    const anonymous = await cloud.app.inject({ method: 'GET', url: '/v1/pull/catalog/bulk' });
    expect(anonymous.statusCode).toBe(401);
    expect((await bulk(cloud, dev.token, 'photos')).json()).toMatchObject({
      error: { code: 'unknown-stream' },
    });
    expect((await bulk(cloud, dev.token, 'catalog', null, 50_001)).statusCode).toBe(400);
    const other = await enrollDevice(cloud, 'S002');
    const mine = await bulkPage(cloud, dev.token, 'members', null, 5);
    const theirs = await bulkPage(cloud, other.token, 'members', mine.header.cursor);
    expect(theirs.header).toMatchObject({ mustRefetch: true, cursor: null, count: 0 });
  });
});
