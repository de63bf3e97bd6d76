/**
 * Reads a QR code from one camera frame (RGBA pixels, as `ImageData` holds them). Pure and
 * synchronous so the worker stays a thin shell and the decoding is testable without a browser.
 */
import {
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';

export interface Frame {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA. */
  rgba: Uint8ClampedArray;
}

/** Rec. 601 luma in integer arithmetic: one byte per pixel, what zxing binarizes. */
export function luminanceOf(frame: Frame): Uint8ClampedArray {
  const { width, height, rgba } = frame;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 4) {
    const r = rgba[p] ?? 0;
    const g = rgba[p + 1] ?? 0;
    const b = rgba[p + 2] ?? 0;
    out[i] = (r * 306 + g * 601 + b * 117) >> 10;
  }
  return out;
}

const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

/** The QR code's text, or null when the frame holds none (or nothing readable). Never throws. */
export function decodeQrFrame(frame: Frame): string | null {
  if (frame.width <= 0 || frame.height <= 0 || frame.rgba.length < frame.width * frame.height * 4)
    return null;
  try {
    const source = new RGBLuminanceSource(luminanceOf(frame), frame.width, frame.height);
    const bitmap = new BinaryBitmap(new HybridBinarizer(source));
    return new QRCodeReader().decode(bitmap, hints).getText();
  } catch {
    // zxing signals "no code here" (and checksum/format failures) by throwing.
    return null;
  }
}
