/**
 * Catalog media: the image types a product image may be, the limits every copy is checked
 * against (at import, in the cloud, on arrival at a kiosk), and the sizes the screens use.
 */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/svg+xml'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(value: unknown): value is MediaType {
  return typeof value === 'string' && (MEDIA_TYPES as readonly string[]).includes(value);
}

export const MEDIA_LIMITS = {
  /** A packshot JPEG of a few thousand pixels is 1–3 MB; more is an export mistake. */
  maxRasterBytes: 8 * 1024 * 1024,
  /** A vector drawing of a garment is a few KB; a large SVG is slow to render on a thin client. */
  maxSvgBytes: 512 * 1024,
  /** Decompression bombs: a small file that decodes to a huge bitmap is refused before decoding. */
  maxPixels: 40_000_000,
} as const;

/** The sizes a screen asks for: a list thumbnail and the mirror's large card. */
export const MEDIA_SIZES = {
  thumb: { maxWidth: 320, maxHeight: 427 },
  screen: { maxWidth: 1080, maxHeight: 1440 },
} as const;
export type MediaSize = keyof typeof MEDIA_SIZES;
export const isMediaSize = (value: string): value is MediaSize => Object.hasOwn(MEDIA_SIZES, value);

/** A content address: the sha256 of the stored bytes, lowercase hex. */
export const MEDIA_HASH = /^[0-9a-f]{64}$/;
