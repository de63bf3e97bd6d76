import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMediaCache, type MediaCache } from '../core/media/media-cache';
import { tempDir } from '../test/support/temp';
import type { CloudClient } from './cloud-client';
import { applyMediaRow } from './media-rows';
import { createMediaFetcher } from './media-fetch';
import { scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
let dir: ReturnType<typeof tempDir>;
let media: MediaCache;
const KB = 1024;

beforeEach(() => {
  k = testKiosk();
  dir = tempDir('media-fetch-');
  k.db.exec(`
    INSERT INTO stores VALUES ('S001', '店', 'Store', 'SH', 'Asia/Shanghai');
    INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full');
  `);
  media = createMediaCache({
    db: k.db,
    dir: join(dir.path, 'media'),
    limitBytes: 1024 * KB,
    storeId: 'S001',
  });
});
afterEach(() => {
  k.remove();
  dir.remove();
});

const svg = (seed: string, kb = 1) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg"><desc>${seed.padEnd(kb * KB, '.')}</desc></svg>`,
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let gtin = 0;
/** A style/colour whose image the cloud announces in the media stream. */
function announce(colour: string, bytes: Buffer, stockHere = 1) {
  k.db
    .prepare(`INSERT INTO variants VALUES (?, 'DRE', ?, ?, 'c', 'c', 'S', 1)`)
    .run(`DRE-${colour}`, String(++gtin).padStart(14, '0'), colour);
  k.db.prepare('INSERT INTO stock VALUES (?, ?, ?)').run(`DRE-${colour}`, 'S001', stockHere);
  const data = {
    styleId: 'DRE',
    colorCode: colour,
    hash: sha(bytes),
    type: 'image/svg+xml',
    bytes: bytes.length,
    altZh: '裙',
    altEn: 'Dress',
  };
  expect(applyMediaRow(k.db, { key: `DRE/${colour}`, op: 'upsert', data })).toBe(true);
  return data.hash;
}

/** The cloud's images by hash; 'offline' makes any request that asks for that one fail. */
type Served = Map<string, Buffer | 'offline'>;

function cloudServing(blobs: Served) {
  const asked: string[] = [];
  const client: CloudClient = {
    ...scriptedCloud(),
    mediaBatch: (_token, hashes) => {
      asked.push(...hashes);
      if (hashes.some((h) => blobs.get(h) === 'offline'))
        return Promise.resolve({ ok: false, error: { kind: 'offline', message: 'ECONNREFUSED' } });
      const images = hashes.flatMap((hash) => {
        const bytes = blobs.get(hash);
        return bytes && bytes !== 'offline'
          ? [{ hash, type: 'image/svg+xml' as const, bytes }]
          : [];
      });
      const missing = hashes.filter((h) => !blobs.has(h));
      return Promise.resolve({ ok: true, value: { images, missing } });
    },
  };
  return { client, asked };
}

describe('the media fetcher', () => {
  it('fetches each missing image once, keeps only bytes that match their hash, and skips gone ones', async () => {
    const good = svg('good');
    const goodHash = announce('W', good);
    const tamperedHash = announce('B', svg('announced'));
    const goneHash = announce('R', svg('gone'));
    const { client, asked } = cloudServing(
      new Map([
        [goodHash, good],
        [tamperedHash, svg('something else')],
      ]),
    );
    const fetcher = createMediaFetcher({ media });
    expect(await fetcher.run(client, 't')).toMatchObject({
      fetched: 1,
      refused: 1,
      gone: 1,
      error: null,
    });
    expect(media.has(goodHash)).toBe(true);
    expect(media.has(tamperedHash)).toBe(false);
    expect(media.has(goneHash)).toBe(false);
    // the refused image is not asked for again; the gone one is (the next pull drops its row)
    asked.length = 0;
    await fetcher.run(client, 't');
    expect(asked).toEqual([goneHash]);
  });

  it('offline: keeps what it has, stops, and fills the rest in when the network is back', async () => {
    const images = Array.from({ length: 70 }, (_, n) => {
      const bytes = svg(`C${n}`, 0);
      return { hash: announce(`C${n}`, bytes), bytes };
    });
    const served: Served = new Map(images.map((i) => [i.hash, i.bytes]));
    // the last in fetch order (by hash) sits in the second batch of 64
    const last = [...images].sort((a, b) => a.hash.localeCompare(b.hash)).at(-1);
    const late = last?.hash ?? '';
    served.set(late, 'offline');
    const fetcher = createMediaFetcher({ media });
    const offline = await fetcher.run(cloudServing(served).client, 't');
    expect(offline.error?.kind).toBe('offline');
    expect(media.has(late)).toBe(false);
    expect(offline.fetched).toBe(64); // the first batch is kept
    served.set(late, last?.bytes ?? Buffer.alloc(0));
    const back = await fetcher.run(cloudServing(served).client, 't');
    expect(back.error).toBeNull();
    expect(images.every((i) => media.has(i.hash))).toBe(true);
  });

  it('stops when the cache is full of what this store sells, and fetches those first', async () => {
    media.setLimit(3 * KB);
    const sold = ['S1', 'S2'].map((colour) => {
      const bytes = svg(colour);
      return { bytes, hash: announce(colour, bytes) };
    });
    const notSold = svg('n1');
    const notSoldHash = announce('N', notSold, 0);
    const served: Served = new Map([
      ...sold.map((s) => [s.hash, s.bytes] as const),
      [notSoldHash, notSold],
    ]);
    const report = await createMediaFetcher({ media }).run(cloudServing(served).client, 't');
    expect(report.full).toBe(true);
    expect(sold.every((s) => media.has(s.hash))).toBe(true);
    expect(media.has(notSoldHash)).toBe(false);
  });
});
