/**
 * The one check every copy of a product image passes, wherever it enters: the kiosk's import, the
 * cloud's catalog load, and a kiosk receiving it from the cloud. Type by content, a size limit,
 * SVG through the allow-list (svg-sanitize.ts), raster images decoded in full once (a truncated or
 * corrupt file is refused here, not discovered later as a broken picture on a mirror).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { fail, ok, type Result } from '../../../common/result';
import { sniffMedia } from './sniff';
import { sanitiseSvg } from './svg-sanitize';
import { MEDIA_LIMITS, type MediaType } from './types';
import { makeVariant, RASTER_INPUT, type RasterType } from './variants';

export interface CheckedMedia {
  type: MediaType;
  /** The bytes to store: the file itself, or for SVG the sanitised document. */
  bytes: Buffer;
  /** sha256 of `bytes`, lowercase hex: the content address. */
  hash: string;
  width: number | null;
  height: number | null;
  /** The thumbnail made while proving a raster image decodes (null for SVG). */
  thumb: Buffer | null;
}

export type MediaCheck = Result<CheckedMedia, 'media-refused'>;

const refuse = (message: string): MediaCheck => fail('media-refused', message);
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MiB`;

function checkSvg(bytes: Uint8Array): MediaCheck {
  if (bytes.length > MEDIA_LIMITS.maxSvgBytes)
    return refuse(
      `is ${mib(bytes.length)}; an SVG may be at most ${mib(MEDIA_LIMITS.maxSvgBytes)}`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('is an SVG that is not UTF-8 text');
  }
  const clean = sanitiseSvg(text);
  if (!clean.ok) return refuse(`is an SVG refused by the sanitiser: ${clean.error.message}`);
  const out = Buffer.from(clean.value, 'utf8');
  return ok({
    type: 'image/svg+xml',
    bytes: out,
    hash: sha256Hex(out),
    width: null,
    height: null,
    thumb: null,
  });
}

const SHARP_FORMAT: Record<RasterType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

async function checkRaster(
  bytes: Uint8Array,
  type: RasterType,
  decode: boolean,
): Promise<MediaCheck> {
  if (bytes.length > MEDIA_LIMITS.maxRasterBytes)
    return refuse(
      `is ${mib(bytes.length)}; an image may be at most ${mib(MEDIA_LIMITS.maxRasterBytes)}`,
    );
  try {
    // the header only, without the pixel limit, so a bomb is named for its size, not as 'broken'
    const meta = await sharp(bytes, { ...RASTER_INPUT, limitInputPixels: false }).metadata();
    if (meta.format !== SHARP_FORMAT[type]) return refuse(`starts like ${type} but is not one`);
    if ((meta.width ?? 0) * (meta.height ?? 0) > MEDIA_LIMITS.maxPixels)
      return refuse(
        `is ${meta.width}×${meta.height} pixels; at most ${MEDIA_LIMITS.maxPixels} pixels`,
      );
    const thumb = decode ? await makeVariant(bytes, 'thumb') : null;
    const copy = Buffer.from(bytes);
    return ok({
      type,
      bytes: copy,
      hash: sha256Hex(copy),
      width: meta.width ?? null,
      height: meta.height ?? null,
      thumb,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return refuse(`is a broken ${type.slice(6).toUpperCase()} (${reason?.slice(0, 120)})`);
  }
}

/**
 * Checks one file's bytes; the message completes "<file> …". `decode` false reads only a raster
 * image's header (for copies whose full decode was already proven where they came from).
 */
export async function checkMedia(bytes: Uint8Array, decode = true): Promise<MediaCheck> {
  if (bytes.length === 0) return refuse('is empty');
  const sniffed = sniffMedia(bytes);
  if (sniffed === 'html') return refuse('is an HTML page, not an image');
  if (sniffed === 'unknown') return refuse('is not a JPEG, PNG, WebP or SVG image');
  return sniffed === 'image/svg+xml' ? checkSvg(bytes) : checkRaster(bytes, sniffed, decode);
}

/**
 * A copy received from elsewhere (the cloud) is accepted only when it is exactly what the check
 * would store under the announced hash and type: bytes that hash right, of that type, within the
 * limits, and (for SVG) already in the sanitiser's own form. A raster image's header is read, its
 * full decode left to the first resize (the cloud decoded it when it took it in).
 */
export async function checkReceived(
  bytes: Uint8Array,
  expected: { hash: string; type: MediaType },
): Promise<MediaCheck> {
  if (sha256Hex(bytes) !== expected.hash) return refuse('does not match its content hash');
  const checked = await checkMedia(bytes, false);
  if (!checked.ok) return checked;
  if (checked.value.type !== expected.type)
    return refuse(`is ${checked.value.type}, announced as ${expected.type}`);
  if (checked.value.hash !== expected.hash) return refuse('is not in sanitised form');
  return checked;
}
