import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrFrame, luminanceOf, type Frame } from './qr-decode';

/** A white 320×240 RGBA frame with the text's QR code drawn 6 px per module at (40, 20). */
function frameWith(text: string): Frame {
  const width = 320;
  const height = 240;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = 6;
  for (let row = 0; row < modules.size; row += 1)
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y += 1)
        for (let x = 0; x < scale; x += 1) {
          const p = ((20 + row * scale + y) * width + 40 + col * scale + x) * 4;
          rgba[p] = rgba[p + 1] = rgba[p + 2] = 0;
        }
    }
  return { width, height, rgba };
}

describe('decodeQrFrame', () => {
  it('reads a member token drawn into a frame', () => {
    expect(decodeQrFrame(frameWith('MBR1.4N433GGMT6TCPAR4CTQP'))).toBe('MBR1.4N433GGMT6TCPAR4CTQP');
  });

  it('answers null for a frame without a code, an empty frame and a short buffer', () => {
    const blank = frameWith('x');
    blank.rgba.fill(255);
    expect(decodeQrFrame(blank)).toBeNull();
    expect(decodeQrFrame({ width: 0, height: 0, rgba: new Uint8ClampedArray() })).toBeNull();
    expect(decodeQrFrame({ width: 10, height: 10, rgba: new Uint8ClampedArray(12) })).toBeNull();
  });

  it('turns RGBA into one luma byte per pixel', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
    expect([...luminanceOf({ width: 3, height: 1, rgba })]).toEqual([255, 0, 76]);
  });
});
