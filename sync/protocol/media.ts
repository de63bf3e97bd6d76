import { z } from 'zod';

/** A content address: sha256 of the image's stored bytes, lowercase hex. */
export const MediaHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const MediaTypeSchema = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/svg+xml']);

/**
 * One row of the `media` stream (key `<styleId>/<colorCode>`): the image a style and colour
 * shows. The bytes are fetched once by hash (`POST /v1/media/batch`, device token) and accepted
 * only if they hash to `hash`, are of `type` and pass the kiosk's own image check. A changed
 * image is a new hash; a delete means the style and colour has no image any more.
 */
export const MediaRowSchema = z.object({
  styleId: z.string().min(1).max(64),
  colorCode: z.string().min(1).max(64),
  hash: MediaHashSchema,
  type: MediaTypeSchema,
  /** Size of the bytes, for the kiosk's cache budget before it fetches them. */
  bytes: z
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024),
  altZh: z.string().min(1).max(200),
  altEn: z.string().min(1).max(200),
});
export type MediaRow = z.infer<typeof MediaRowSchema>;

/** `GET /media/:hash/:size` (public, for the HQ console and phone pages) and the kiosk route. */
export const MediaSizeSchema = z.enum(['thumb', 'screen']);

/** Most images per batch request; the kiosk also keeps a batch's announced bytes under 4 MiB. */
export const MAX_MEDIA_BATCH = 64;
/** The cloud stops adding images to one answer past this many bytes (the rest: ask again). */
export const MAX_MEDIA_BATCH_BYTES = 12 * 1024 * 1024;

/** `POST /v1/media/batch`: the bytes of several images by content hash (device token). */
export const MediaBatchRequestSchema = z.object({
  hashes: z.array(MediaHashSchema).min(1).max(MAX_MEDIA_BATCH),
});
export type MediaBatchRequest = z.infer<typeof MediaBatchRequestSchema>;

/**
 * The answer: the images found (bytes as base64), and the hashes the cloud does not have. A hash
 * in neither list did not fit this answer's size budget: ask for it again.
 */
export const MediaBatchResponseSchema = z.object({
  images: z.array(
    z.object({
      hash: MediaHashSchema,
      type: MediaTypeSchema,
      base64: z.string().max(Math.ceil((MAX_MEDIA_BATCH_BYTES * 4) / 3) + 4),
    }),
  ),
  missing: z.array(MediaHashSchema),
});
export type MediaBatchResponse = z.infer<typeof MediaBatchResponseSchema>;
