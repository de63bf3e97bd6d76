/**
 * The sizes of a raster product image, made with sharp (libvips): fitted inside the size's box,
 * never enlarged, turned upright from EXIF, written as WebP without metadata (no camera or GPS
 * tags reach a screen). SVG is never given to sharp: it is served sanitised as it is, at any size.
 */
import sharp from 'sharp';
import { MEDIA_LIMITS, MEDIA_SIZES, type MediaSize, type MediaType } from './types';

/** Input options for every decode: a truncated file fails, a pixel bomb is refused unread. */
export const RASTER_INPUT = {
  failOn: 'truncated',
  limitInputPixels: MEDIA_LIMITS.maxPixels,
} as const;

export const VARIANT_TYPE = 'image/webp';

export type RasterType = Exclude<MediaType, 'image/svg+xml'>;
export const isRaster = (type: MediaType): type is RasterType => type !== 'image/svg+xml';

export async function makeVariant(bytes: Uint8Array, size: MediaSize): Promise<Buffer> {
  const box = MEDIA_SIZES[size];
  return sharp(bytes, RASTER_INPUT)
    .rotate()
    .resize({
      width: box.maxWidth,
      height: box.maxHeight,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .webp({ quality: 82 })
    .toBuffer();
}
