import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkMedia, checkReceived, sha256Hex } from './check';
import { sniffMedia } from './sniff';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c8b9a0' } });
const png = () => solid(600, 800).png().toBuffer();
const jpeg = () => solid(600, 800).jpeg().toBuffer();
const webp = () => solid(600, 800).webp().toBuffer();
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect/></svg>');

describe('sniffMedia', () => {
  it('types by the first bytes, not by a name', async () => {
    expect(sniffMedia(await png())).toBe('image/png');
    expect(sniffMedia(await jpeg())).toBe('image/jpeg');
    expect(sniffMedia(await webp())).toBe('image/webp');
    expect(sniffMedia(Buffer.from(`\ufeff<?xml version="1.0"?>\n<!-- x -->\n${SVG}`))).toBe(
      'image/svg+xml',
    );
    expect(sniffMedia(Buffer.from('<!doctype html><html><svg></svg></html>'))).toBe('html');
    expect(sniffMedia(Buffer.from('GIF89a'))).toBe('unknown');
    expect(sniffMedia(Buffer.of(0xff, 0xfe, 0))).toBe('unknown');
  });
});

describe('checkMedia', () => {
  it('accepts JPEG, PNG, WebP and SVG, hashing what it will store', async () => {
    for (const [bytes, type] of [
      [await jpeg(), 'image/jpeg'],
      [await png(), 'image/png'],
      [await webp(), 'image/webp'],
    ] as const) {
      const checked = await checkMedia(bytes);
      expect(checked).toMatchObject({ ok: true, value: { type, width: 600, height: 800 } });
      if (!checked.ok) continue;
      expect(checked.value.hash).toBe(sha256Hex(bytes));
      const thumb = await sharp(checked.value.thumb ?? Buffer.alloc(0)).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 427]);
    }
    const svg = await checkMedia(SVG);
    expect(svg).toMatchObject({ ok: true, value: { type: 'image/svg+xml', thumb: null } });
  });

  it('refuses a broken (truncated) JPEG, and one that only starts like a PNG', async () => {
    const whole = await solid(600, 800).jpeg({ quality: 95 }).toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    expect(await checkMedia(truncated)).toMatchObject({
      ok: false,
      error: { code: 'media-refused', message: expect.stringMatching(/broken JPEG/) },
    });
    const fakePng = Buffer.concat([(await png()).subarray(0, 8), Buffer.alloc(200, 7)]);
    expect(await checkMedia(fakePng)).toMatchObject({ ok: false });
  });

  it('refuses oversized files and pixel bombs before decoding them', async () => {
    const big = Buffer.concat([await jpeg(), Buffer.alloc(9 * 1024 * 1024)]);
    expect(await checkMedia(big)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/at most 8\.0 MiB/) },
    });
    // 9000 × 9000 of one colour: a few hundred KB of PNG, 81 megapixels decoded
    const bomb = await solid(9000, 9000).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await checkMedia(bomb)).toMatchObject({ ok: false });
    const bigSvg = Buffer.from(`<svg>${'<g/>'.repeat(200_000)}</svg>`);
    expect(await checkMedia(bigSvg)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/SVG may be at most/) },
    });
  });

  it('refuses HTML, unknown bytes, empty files and scripted SVG', async () => {
    const html = await checkMedia(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'));
    expect(html).toMatchObject({ ok: false, error: { message: 'is an HTML page, not an image' } });
    expect(await checkMedia(Buffer.from('GIF89a...'))).toMatchObject({ ok: false });
    expect(await checkMedia(Buffer.alloc(0))).toMatchObject({ ok: false });
    const scripted = Buffer.from('<svg><script>alert(1)</script></svg>');
    expect(await checkMedia(scripted)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sanitiser: .*script/) },
    });
  });
});

describe('checkReceived', () => {
  it('accepts exactly the announced bytes and type, and nothing else', async () => {
    const bytes = await png();
    const hash = sha256Hex(bytes);
    expect(await checkReceived(bytes, { hash, type: 'image/png' })).toMatchObject({ ok: true });
    const tampered = Buffer.from(bytes);
    tampered[100] = (tampered[100] ?? 0) ^ 1;
    expect(await checkReceived(tampered, { hash, type: 'image/png' })).toMatchObject({
      ok: false,
      error: { message: 'does not match its content hash' },
    });
    expect(await checkReceived(bytes, { hash, type: 'image/jpeg' })).toMatchObject({
      ok: false,
    });
    // an SVG the sanitiser would rewrite was not sanitised by whoever sent it
    const raw = Buffer.from('<svg><!-- c --><rect/></svg>');
    expect(await checkReceived(raw, { hash: sha256Hex(raw), type: 'image/svg+xml' })).toMatchObject(
      { ok: false, error: { message: 'is not in sanitised form' } },
    );
  });
});
