/**
 * A fake camera for Chromium: a YUV4MPEG2 file showing a QR code, for
 * `--use-file-for-fake-video-capture`. Written with no tools beyond the qrcode package.
 */
import QRCode from 'qrcode';
import { writeFileSync } from 'node:fs';

const width = 640;
const height = 480;

/** Luma plane of a frame: white, with the text's QR code centred, `scale` pixels a module. */
function lumaWithQr(text: string, scale: number): Buffer {
  const y = Buffer.alloc(width * height, 235);
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = modules.size * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let row = 0; row < modules.size; row += 1)
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy += 1)
        y.fill(
          16,
          (top + row * scale + dy) * width + left + col * scale,
          (top + row * scale + dy) * width + left + (col + 1) * scale,
        );
    }
  return y;
}

/** Writes `frames` identical 640×480 4:2:0 frames of the code (or of a blank wall, text null). */
export function writeQrY4m(path: string, text: string | null, frames = 4): void {
  const luma = text ? lumaWithQr(text, 10) : Buffer.alloc(width * height, 200);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

export const fakeCameraArgs = (y4mPath: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4mPath}`,
];
