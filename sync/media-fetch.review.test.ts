/**
 * Review of the media fetcher: an image whose bytes do not match its hash is never stored, and is
 * fetched again later. The host keeps one fetcher for as long as it runs (months on a kiosk), so
 * "later" cannot mean "after a restart": once, a single corrupted transfer left that garment
 * without its picture until the kiosk was restarted.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { useMediaKiosk } from '../test/support/media';
import type { CloudClient } from './cloud-client';
import { applyMediaRow } from './media-rows';
import { createMediaFetcher, RETRY_REFUSED_MS } from './media-fetch';
import { scriptedCloud } from './test-support';

const kiosk = useMediaKiosk({
  sql: `INSERT INTO variants VALUES ('DRE-W', 'DRE', '00000000000001', 'W', 'c', 'c', 'S', 1);
        INSERT INTO stock VALUES ('DRE-W', 'S001', 1);`,
  limitBytes: 1 << 20,
});

it('refuses bytes that do not match the hash, stores nothing, and asks again after RETRY_REFUSED_MS', async () => {
  const good = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><desc>W</desc></svg>');
  const hash = createHash('sha256').update(good).digest('hex');
  const row = { styleId: 'DRE', colorCode: 'W', hash, type: 'image/svg+xml', bytes: good.length };
  expect(
    applyMediaRow(kiosk.db, {
      key: 'DRE/W',
      op: 'upsert',
      data: { ...row, altZh: '裙', altEn: 'Dress' },
    }),
  ).toBe(true);
  // a transfer that arrives one byte short, then the right bytes
  let serve = good.subarray(0, good.length - 1);
  const asked: string[] = [];
  const client: CloudClient = {
    ...scriptedCloud(),
    mediaBatch: (_token, hashes) => {
      asked.push(...hashes);
      return Promise.resolve({
        ok: true,
        value: { images: [{ hash, type: 'image/svg+xml' as const, bytes: serve }], missing: [] },
      });
    },
  };
  let clock = 1_000_000;
  const fetcher = createMediaFetcher({ media: kiosk.media, now: () => clock });

  expect(await fetcher.run(client, 't')).toMatchObject({ fetched: 0, refused: 1 });
  expect(kiosk.media.has(hash)).toBe(false);
  expect(kiosk.media.usage()).toBe(0);

  serve = good;
  clock += RETRY_REFUSED_MS - 1;
  await fetcher.run(client, 't');
  expect(asked).toEqual([hash]); // not hammered on every sync
  clock += 1;
  expect(await fetcher.run(client, 't')).toMatchObject({ fetched: 1, refused: 0 });
  expect(asked).toEqual([hash, hash]);
  expect(kiosk.media.has(hash)).toBe(true);
});

it('refuses an image whose size is not the size the stream announced (room was made for that)', async () => {
  const image = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><desc>big</desc></svg>');
  const hash = createHash('sha256').update(image).digest('hex');
  const data = {
    styleId: 'DRE',
    colorCode: 'W',
    hash,
    type: 'image/svg+xml',
    bytes: image.length - 10,
    altZh: '裙',
    altEn: 'Dress',
  };
  expect(applyMediaRow(kiosk.db, { key: 'DRE/W', op: 'upsert', data })).toBe(true);
  const client: CloudClient = {
    ...scriptedCloud(),
    mediaBatch: () =>
      Promise.resolve({
        ok: true,
        value: { images: [{ hash, type: 'image/svg+xml' as const, bytes: image }], missing: [] },
      }),
  };
  expect(await createMediaFetcher({ media: kiosk.media }).run(client, 't')).toMatchObject({
    fetched: 0,
    refused: 1,
  });
  expect(kiosk.media.has(hash)).toBe(false);
});
