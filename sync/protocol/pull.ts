import { z } from 'zod';

/**
 * Server-owned streams a kiosk pulls. `members` holds only members whose home store is the kiosk's;
 * `requests` holds the staff requests of the kiosk's store from the last 24 hours; `media` the
 * catalog's product images by style and colour (media.ts), whose bytes are fetched by hash; `model`
 * the recommendation model: item rows for every store, the picks of the store's members, and a
 * per-store `meta` row naming the version, row count and checksum (docs/recommendations.md).
 */
export const STREAMS = [
  'catalog',
  'prices',
  'stock',
  'members',
  'coupons',
  'config',
  'requests',
  'media',
  'model',
] as const;
export type StreamName = (typeof STREAMS)[number];
export const StreamNameSchema = z.enum(STREAMS);

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;

/** Query of `GET /v1/pull/:stream`. No cursor = start a snapshot. */
export const PullQuerySchema = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});

/** One row of a stream: the latest state of `key`, or its deletion (`data` null). */
export const StreamRowSchema = z.object({
  key: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.record(z.string(), z.json()).nullable(),
});
export type StreamRow = z.infer<typeof StreamRowSchema>;

/**
 * One page. Apply `rows` in order and save `cursor` in the same local transaction.
 * `checksum` = pageChecksum(rows) (sha256 hex of canonical JSON); `count` = rows.length.
 * `snapshot` is true when the request had no cursor (or this page continues such a run).
 * `mustRefetch` true: drop the local copy of this stream and pull again without a cursor.
 */
export const PullPageSchema = z.object({
  stream: StreamNameSchema,
  rows: z.array(StreamRowSchema),
  count: z.number().int(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
  mustRefetch: z.boolean(),
  snapshot: z.boolean(),
});
export type PullPage = z.infer<typeof PullPageSchema>;

/**
 * The page as the cloud serializes it: the same fields, each row's `data` an object left unchecked
 * (the page checksum covers it; checking every JSON value of 2,000 rows again would slow each page).
 */
export const PullPageWireSchema = PullPageSchema.extend({
  rows: z.array(StreamRowSchema.extend({ data: z.record(z.string(), z.unknown()).nullable() })),
});

/** Settings delivered in the `config` stream under key `settings`. */
export const KioskSettingsSchema = z.object({
  /** Most points one member may redeem per day while the kiosk is offline. */
  offlineRedeemDailyCapPoints: z.number().int(),
  /** Most points one store may redeem per day while offline, across members. */
  offlineRedeemStoreCapPoints: z.number().int(),
  /** Stamps whose wall time is further ahead of the server than this are clamped. */
  maxClockSkewMs: z.number().int(),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;
