import { z } from 'zod';
import { StreamNameSchema } from './pull';

/**
 * `GET /v1/pull/{stream}/bulk?cursor=…&limit=…`: the same stream, cursor and guarantees as
 * `/v1/pull/{stream}`, in big pages that are cheap to make and to check, for a first sync of a
 * large catalog (the kiosk falls back to the plain pull when a server answers 404).
 *
 * The body is NDJSON: the first line is the page header below; each further line is one row,
 * `[key, data]` (`data` null = deletion), in stream order. `checksum` is the lowercase hex SHA-256 of
 * the exact bytes after the header's line feed, `count` the number of row lines.
 */
export const MAX_BULK_PULL_LIMIT = 50_000;
export const DEFAULT_BULK_PULL_LIMIT = 20_000;
export const BULK_PULL_CONTENT_TYPE = 'application/x-ndjson';

export const BulkPullQuerySchema = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_BULK_PULL_LIMIT).optional(),
});

export const BulkPageHeaderSchema = z.object({
  stream: StreamNameSchema,
  count: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
  mustRefetch: z.boolean(),
  snapshot: z.boolean(),
  /** On the first page of a snapshot: how many rows the whole snapshot has (for progress). */
  total: z.number().int().min(0).nullable(),
});
export type BulkPageHeader = z.infer<typeof BulkPageHeaderSchema>;
