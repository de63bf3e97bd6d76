/**
 * Catalog media in the cloud: the demo load checks and stores every image of images.csv, the
 * `media` stream names them by style and colour, kiosks fetch the bytes once by hash with their
 * token, and the public route serves them (and their sizes) for the HQ console and phone pages.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaBatchResponseSchema, MediaRowSchema, type EnrollResponse } from '../../sync/protocol';
import { storeCatalogMedia } from '../media/catalog-media';
import { publish } from '../streams/projections';
import { DB_KINDS, enrollDevice, pull, pullAll, startCloud, type Cloud } from './harness';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(DB_KINDS)('catalog media on %s', (kind) => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud(kind);
    dev = await enrollDevice(cloud, 'S001');
  }, 60_000);
  afterAll(async () => cloud.close());

  const get = (url: string, token?: string) =>
    cloud.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('streams every demo image by style and colour, with hash, type, size and alt texts', async () => {
    const first = await pull(cloud, dev.token, 'media', null, 2000);
    const rows = [...first.rows, ...(await pullAll(cloud, dev.token, 'media', first.cursor)).rows];
    expect(rows).toHaveLength(402);
    const dress = rows.find((r) => r.key === 'DRE001/WHT');
    expect(MediaRowSchema.parse(dress?.data)).toMatchObject({
      styleId: 'DRE001',
      colorCode: 'WHT',
      type: 'image/svg+xml',
      altEn: expect.stringContaining('White'),
    });
  });

  it('gives a kiosk the bytes of an image once by hash, only with a device token', async () => {
    const page = await pull(cloud, dev.token, 'media', null, 2000);
    const row = MediaRowSchema.parse(page.rows[0]?.data);
    const res = await get(`/v1/media/${row.hash}`, dev.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(row.type);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(sha256(res.rawPayload)).toBe(row.hash);
    expect(res.rawPayload.length).toBe(row.bytes);
    expect((await get(`/v1/media/${row.hash}`)).statusCode).toBe(401);
    expect((await get(`/v1/media/${'0'.repeat(64)}`, dev.token)).statusCode).toBe(404);
    expect((await get('/v1/media/..%2F..%2Fetc%2Fpasswd', dev.token)).statusCode).toBe(404);

    // many at once, the way a kiosk fetches them
    const other = MediaRowSchema.parse(page.rows[1]?.data);
    const unknown = '0'.repeat(64);
    const batch = (hashes: string[], token?: string) =>
      cloud.app.inject({
        method: 'POST',
        url: '/v1/media/batch',
        payload: { hashes },
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const answer = await batch([row.hash, other.hash, unknown], dev.token);
    expect(answer.statusCode).toBe(200);
    const body = MediaBatchResponseSchema.parse(answer.json());
    expect(body.missing).toEqual([unknown]);
    expect(body.images.map((i) => sha256(Buffer.from(i.base64, 'base64'))).sort()).toEqual(
      [row.hash, other.hash].sort(),
    );
    expect((await batch([row.hash])).statusCode).toBe(401);
    expect(
      (
        await batch(
          Array.from({ length: 65 }, () => row.hash),
          dev.token,
        )
      ).statusCode,
    ).toBe(400);
    expect((await batch(['../../etc/passwd'], dev.token)).statusCode).toBe(400);
  });

  it('a changed image is a new hash in the stream; the public route serves it and its sizes', async () => {
    const jpeg = await sharp({
      create: { width: 1200, height: 1600, channels: 3, background: '#246' },
    })
      .jpeg()
      .toBuffer();
    const hash = sha256(jpeg);
    const before = await pull(cloud, dev.token, 'media', null, 2000);
    await cloud.db.transaction(async (tx) => {
      await storeCatalogMedia(
        tx,
        [{ hash, type: 'image/jpeg', data: jpeg }],
        [{ styleId: 'DRE001', colorCode: 'WHT', hash, altZh: '新图', altEn: 'New picture' }],
      );
      await publish(tx, 'media', "m.style_id = 'DRE001' AND m.color_code = 'WHT'");
    });
    const after = await pullAll(cloud, dev.token, 'media', before.cursor);
    expect(after.rows.map((r) => [r.key, MediaRowSchema.parse(r.data).hash])).toEqual([
      ['DRE001/WHT', hash],
    ]);
    const original = await get(`/media/${hash}`);
    expect(original.statusCode).toBe(200);
    expect(sha256(original.rawPayload)).toBe(hash);
    const thumb = await get(`/media/${hash}/thumb`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([320, 427]);
    const { rows } = await cloud.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM media_variants WHERE hash = $1',
      [hash],
    );
    expect(rows[0]?.n).toBe(1); // made once, kept
    expect((await get(`/media/${hash}/huge`)).statusCode).toBe(404);
    const svgRow = MediaRowSchema.parse(before.rows.find((r) => r.key === 'BAG001/GRY')?.data);
    const svg = await get(`/media/${svgRow.hash}/screen`);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(String(svg.headers['content-security-policy'])).toContain("default-src 'none'");
  });
});
