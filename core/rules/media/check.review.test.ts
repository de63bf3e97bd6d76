/**
 * Review of the image check: a decompression bomb was refused as "a broken PNG (Input image
 * exceeds pixel limit)", which sends the person importing to look for a corrupt export; it is
 * now named for its size, still before any pixel is decoded.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngClaiming } from '../../../test/support/media';
import { checkMedia, checkReceived } from './check';

describe('checkMedia, reviewed', () => {
  it('names a pixel bomb for its size, at import and on arrival from the cloud', async () => {
    const bomb = await pngClaiming(100_000, 100_000);
    const message = expect.stringMatching(/is 100000×100000 pixels; at most 40000000 pixels/);
    expect(await checkMedia(bomb)).toMatchObject({ ok: false, error: { message } });
    expect(await checkMedia(bomb, false)).toMatchObject({ ok: false, error: { message } });
  });

  it('still refuses a header that lies about a small size as broken (the decode fails)', async () => {
    const liar = await pngClaiming(4000, 4000);
    const checked = await checkMedia(liar);
    expect(checked).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/broken PNG/) },
    });
  });

  it.each([
    [
      'a PNG',
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
          .png()
          .toBuffer(),
    ],
    [
      'a WebP',
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
          .webp()
          .toBuffer(),
    ],
  ])('refuses %s announced as another type on arrival', async (_what, make) => {
    const bytes = await make();
    const own = await checkMedia(bytes);
    if (!own.ok) throw new Error(own.error.message);
    expect(await checkReceived(bytes, { hash: own.value.hash, type: 'image/jpeg' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/announced as image\/jpeg/) },
    });
  });
});
