import { describe, expect, it } from 'vitest';
import { decodeQrFrame } from '../camera/qr-decode';
import { qrPath } from './LookQr';

/** Rasterises the path's unit squares (4 px a module, 4-module quiet zone) into an RGBA frame. */
function raster(d: string, size: number) {
  const scale = 4;
  const side = (size + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, col, row] of d.matchAll(/M(\d+) (\d+)/g)) {
    for (let y = 0; y < scale; y += 1)
      for (let x = 0; x < scale; x += 1) {
        const p = (((Number(row) + 4) * scale + y) * side + (Number(col) + 4) * scale + x) * 4;
        rgba[p] = rgba[p + 1] = rgba[p + 2] = 0;
      }
  }
  return { width: side, height: side, rgba };
}

describe('qrPath', () => {
  it('draws a QR code that reads back as the look URL', () => {
    const url = 'https://shop.example.com/p/DRE001?c=WHT';
    const qr = qrPath(url);
    expect(qr).not.toBeNull();
    expect(decodeQrFrame(raster(qr!.d, qr!.size))).toBe(url);
  });
  it('answers null for text too long for a QR code', () => {
    expect(qrPath('x'.repeat(8000))).toBeNull();
  });
});
