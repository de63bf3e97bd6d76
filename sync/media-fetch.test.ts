import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useMediaKiosk } from '../test/support/media';
import { createCloudClient, type CloudClient } from './cloud-client';
import { createHttpClient } from './http-client';
import { applyMediaRow } from './media-rows';
import { createMediaFetcher, type MediaFetchProgress } from './media-fetch';
import { MediaBatchRequestSchema } from './protocol';
import { scriptedCloud } from './test-support';

const KB = 1024;
const kiosk = useMediaKiosk({ limitBytes: 1024 * KB });

const svg = (seed: string, kb = 1) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg"><desc>${seed.padEnd(kb * KB, '.')}</desc></svg>`,
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let gtin = 0;
/** A style/colour whose image the cloud announces in the media stream. */
function announce(colour: string, bytes: Buffer, stockHere = 1) {
  kiosk.db
    .prepare(`INSERT INTO variants VALUES (?, 'DRE', ?, ?, 'c', 'c', 'S', 1)`)
    .run(`DRE-${colour}`, String(++gtin).padStart(14, '0'), colour);
  kiosk.db.prepare('INSERT INTO stock VALUES (?, ?, ?)').run(`DRE-${colour}`, 'S001', stockHere);
  const data = {
    styleId: 'DRE',
    colorCode: colour,
    hash: sha(bytes),
    type: 'image/svg+xml',
    bytes: bytes.length,
    altZh: '裙',
    altEn: 'Dress',
  };
  expect(applyMediaRow(kiosk.db, { key: `DRE/${colour}`, op: 'upsert', data })).toBe(true);
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
    const fetcher = createMediaFetcher({ media: kiosk.media });
    expect(await fetcher.run(client, 't')).toMatchObject({
      fetched: 1,
      refused: 1,
      gone: 1,
      error: null,
    });
    expect(kiosk.media.has(goodHash)).toBe(true);
    expect(kiosk.media.has(tamperedHash)).toBe(false);
    expect(kiosk.media.has(goneHash)).toBe(false);
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
    const fetcher = createMediaFetcher({ media: kiosk.media });
    const offline = await fetcher.run(cloudServing(served).client, 't');
    expect(offline.error?.kind).toBe('offline');
    expect(kiosk.media.has(late)).toBe(false);
    expect(offline.fetched).toBe(64); // the first batch is kept
    served.set(late, last?.bytes ?? Buffer.alloc(0));
    const back = await fetcher.run(cloudServing(served).client, 't');
    expect(back.error).toBeNull();
    expect(images.every((i) => kiosk.media.has(i.hash))).toBe(true);
  });

  it('stops when the cache is full of what this store sells, and fetches those first', async () => {
    kiosk.media.setLimit(3 * KB);
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
    const report = await createMediaFetcher({ media: kiosk.media }).run(
      cloudServing(served).client,
      't',
    );
    expect(report.full).toBe(true);
    expect(sold.every((s) => kiosk.media.has(s.hash))).toBe(true);
    expect(kiosk.media.has(notSoldHash)).toBe(false);
  });

  it('over real HTTP: stopped midway by a signal or a dropped network, resumes without fetching anything twice', async () => {
    const images = Array.from({ length: 300 }, (_, n) => {
      const bytes = svg(`H${n}`, 2);
      return { hash: announce(`H${n}`, bytes), bytes };
    });
    const cloud = await mediaServer(new Map(images.map((i) => [i.hash, i.bytes])));
    const seen: MediaFetchProgress[] = [];
    try {
      // 1. a signal (SIGINT in `kiosk sync media`) once 100 images are in
      const controller = new AbortController();
      const first = await createMediaFetcher({
        media: kiosk.media,
        onProgress: (p) => {
          seen.push(p);
          if (p.files >= 100) controller.abort();
        },
      }).run(cloud.client, 't', { signal: controller.signal });
      expect(first).toMatchObject({ interrupted: true, error: null });
      expect(first.fetched).toBeGreaterThanOrEqual(100);
      expect(first.fetched).toBeLessThan(300);
      expect(seen[0]).toMatchObject({ files: 0, totalFiles: 300, before: { files: 0 } });
      expect(seen[0]?.totalBytes).toBe(images.reduce((sum, i) => sum + i.bytes.length, 0));

      // 2. the network drops after one more request: what that batch stored stays
      cloud.dropAfter(1);
      const second = await createMediaFetcher({ media: kiosk.media }).run(cloud.client, 't');
      expect(second.error?.kind).toBe('offline');
      const storedSoFar = first.fetched + second.fetched;
      expect(second.fetched).toBeGreaterThan(0);

      // 3. back online: a new fetcher (a restarted kiosk) fetches only the rest
      cloud.dropAfter(null);
      const resumed: MediaFetchProgress[] = [];
      const third = await createMediaFetcher({
        media: kiosk.media,
        onProgress: (p) => resumed.push(p),
      }).run(cloud.client, 't');
      expect(third).toMatchObject({ fetched: 300 - storedSoFar, error: null, interrupted: false });
      expect(resumed[0]).toMatchObject({ files: storedSoFar, before: { files: storedSoFar } });
      expect(resumed.at(-1)).toMatchObject({ files: 300, bytes: resumed.at(-1)?.totalBytes });
      expect(images.every((i) => kiosk.media.has(i.hash))).toBe(true);
      // every image crossed the network once (the dropped request's images were never stored)
      const servedTwice = cloud.served.filter((h, i) => cloud.served.indexOf(h) !== i);
      expect(servedTwice).toEqual([]);
      expect(new Set(cloud.served).size).toBe(300);
    } finally {
      await cloud.close();
    }
  });
});

/**
 * A real HTTP server speaking `POST /v1/media/batch`; `dropAfter(n)` answers n more requests and
 * then destroys every connection (the network is gone) until `dropAfter(null)`.
 */
async function mediaServer(blobs: Map<string, Buffer>) {
  const served: string[] = [];
  let answersLeft: number | null = null;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      if (answersLeft !== null && answersLeft-- <= 0) {
        req.socket.destroy();
        return;
      }
      const { hashes } = MediaBatchRequestSchema.parse(JSON.parse(body));
      const images = hashes.flatMap((hash) => {
        const bytes = blobs.get(hash);
        return bytes ? [{ hash, type: 'image/svg+xml', base64: bytes.toString('base64') }] : [];
      });
      served.push(...images.map((i) => i.hash));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ images, missing: hashes.filter((h) => !blobs.has(h)) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const http = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
  if (!http.ok) throw new Error(http.error.message);
  return {
    client: createCloudClient(http.value),
    served,
    dropAfter(n: number | null) {
      answersLeft = n;
    },
    close: () => {
      http.value.close();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
