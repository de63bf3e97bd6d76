import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { barsOf, code128B } from './code128';

/** Draws the bars 3 px a module with a 10-module quiet zone, 40 px tall, and decodes with zxing. */
function readBack(widths: number[]): string {
  const scale = 3;
  const modules = widths.reduce((a, b) => a + b, 0) + 20;
  const width = modules * scale;
  const height = 40;
  const luma = new Uint8ClampedArray(width * height).fill(255);
  for (const [x, w] of barsOf(widths))
    for (let row = 0; row < height; row += 1)
      luma.fill(0, row * width + (x + 10) * scale, row * width + (x + 10 + w) * scale);
  const reader = new MultiFormatReader();
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]]));
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, width, height)));
  return reader.decode(bitmap).getText();
}

describe('code128B', () => {
  it('encodes slip ids that a Code 128 reader reads back exactly', () => {
    for (const text of ['SLIP-1A2B3C4D', 'SLIP-00000000', 'a b~{}']) {
      const widths = code128B(text);
      expect(widths).not.toBeNull();
      expect(readBack(widths!)).toBe(text);
    }
  });

  it('is 11 modules for each of start, two characters and checksum, plus a 13-module stop', () => {
    expect(code128B('AB')!.reduce((a, b) => a + b, 0)).toBe(11 * 4 + 13);
  });

  it('refuses empty, too long and non-ASCII text', () => {
    expect(code128B('')).toBeNull();
    expect(code128B('x'.repeat(49))).toBeNull();
    expect(code128B('收银')).toBeNull();
  });
});
