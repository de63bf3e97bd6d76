/**
 * The kiosk's copy of the store's staff requests (`staff_requests`), written by this kiosk's own
 * screens and by the cloud's `requests` stream. Both paths go through `mergeRequest`, which keeps
 * the winner of sync/protocol/request-order.ts: a pulled row never undoes a newer local update that
 * is still in the outbox, an echo of our own write changes nothing, and a finished request never
 * reopens.
 */
import { z } from 'zod';
import type { WritableDB } from '../core/store/db';
import {
  readRequest,
  REQUEST_KINDS,
  writeRequest,
  type StoredRequest,
} from '../core/sync-store/staff-requests';
import { toWireHlc } from './hlc-wire';
import { compareRequestVersions, formatHlc, REQUEST_STATUSES, type StreamRow } from './protocol';

export {
  openRequests,
  pruneRequests,
  readRequest,
  REQUEST_KINDS,
  requestsByIds,
  type StoredRequest,
} from '../core/sync-store/staff-requests';

const isoInstant = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)))
  .transform((s) => new Date(s).toISOString());

/** A `requests` stream row's data, as the cloud serves it. */
const PulledRequestSchema = z.object({
  requestId: z.string().min(1).max(80),
  storeId: z.string().min(1).max(32),
  originDevice: z.string().min(1).max(80),
  kind: z.enum(REQUEST_KINDS),
  place: z.string().max(60),
  sku: z.string().max(60).nullable(),
  size: z.string().max(20).nullable(),
  nameZh: z.string().max(200).nullable(),
  nameEn: z.string().max(200).nullable(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  updatedHlc: z.string().regex(/^\d{15}-\d{5}$/),
  updatedDevice: z.string().min(1).max(80),
  updatedBy: z.string().max(40).nullable(),
});

/** Core's stamp text in wire form; the wall clock when the stamp cannot be read. */
export function wireStamp(coreStamp: string, now: Date): string {
  return toWireHlc(coreStamp) ?? formatHlc({ wallMs: now.getTime(), counter: 0 });
}

/**
 * Writes `next` unless the stored version of the same request wins (or is the same version).
 * Returns whether the row changed. Runs in the caller's transaction when there is one.
 */
export function mergeRequest(db: WritableDB, next: StoredRequest): boolean {
  const current = readRequest(db, next.requestId);
  if (current) {
    const order = compareRequestVersions(
      { status: next.status, hlc: next.updatedHlc, deviceId: next.updatedDevice },
      { status: current.status, hlc: current.updatedHlc, deviceId: current.updatedDevice },
    );
    if (order <= 0) return false;
  }
  writeRequest(db, next);
  return true;
}

/**
 * Applies one `requests` stream row (inside the pull's transaction). A deletion is ignored: the
 * cloud drops old requests from the stream and the kiosk ages them out itself. False when the
 * row does not fit (it is skipped and counted, never wedging the stream).
 */
export function applyRequestRow(db: WritableDB, row: StreamRow): boolean {
  if (row.op === 'delete' || row.data === null) return true;
  const parsed = PulledRequestSchema.safeParse(row.data);
  if (!parsed.success || parsed.data.requestId !== row.key) return false;
  mergeRequest(db, parsed.data);
  return true;
}
