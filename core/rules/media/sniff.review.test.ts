/**
 * Review of typing by content: an SVG whose Chinese text crossed byte 4096 at the wrong place
 * (the fallback cut at 4093 split the character before) and an SVG with a licence comment longer
 * than 4 KB were both refused as "not a JPEG, PNG, WebP or SVG image".
 */
import { describe, expect, it } from 'vitest';
import { checkMedia } from './check';
import { sniffMedia } from './sniff';

const OPEN = '<svg xmlns="http://www.w3.org/2000/svg"><title>';

/** An SVG whose run of 3-byte characters starts at byte `start`. */
function chineseAt(start: number): Buffer {
  const text = `${OPEN}${'a'.repeat(start - OPEN.length)}${'连衣裙'.repeat(10)}</title></svg>`;
  const bytes = Buffer.from(text, 'utf8');
  expect(bytes.indexOf(Buffer.from('连', 'utf8'))).toBe(start);
  return bytes;
}

describe('sniffMedia, reviewed', () => {
  it.each([4088, 4089, 4090, 4091, 4092, 4093, 4094, 4095])(
    'types as SVG a file whose Chinese text starts at byte %i (around the old 4 KB window)',
    async (start) => {
      const bytes = chineseAt(start);
      expect(sniffMedia(bytes)).toBe('image/svg+xml');
      expect(await checkMedia(bytes)).toMatchObject({ ok: true });
    },
  );

  it('reads past a licence comment longer than 4 KB', () => {
    const bytes = Buffer.from(
      `<?xml version="1.0"?>\n<!-- ${'Licence text. '.repeat(700)} -->\n<svg xmlns="http://www.w3.org/2000/svg"/>`,
    );
    expect(bytes.length).toBeGreaterThan(9000);
    expect(sniffMedia(bytes)).toBe('image/svg+xml');
  });

  it('still refuses text that is not UTF-8 and an HTML page with a long comment first', () => {
    expect(sniffMedia(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0xfe]))).toBe('unknown');
    const html = Buffer.from(`<!-- ${'x'.repeat(9000)} --><html><body>hi</body></html>`);
    expect(sniffMedia(html)).toBe('html');
  });
});
