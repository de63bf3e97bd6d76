/**
 * The kiosk's copy of the store's staff requests (`staff_requests`), written by this kiosk's own
 * screens and by the cloud's `requests` stream. Both paths go through `mergeRequest`, which keeps
 * the winner of sync/protocol/request-order.ts: a pulled row never undoes a newer local update that
 * is still in the outbox, an echo of our own write changes nothing, and a finished request never
 * reopens.
 */
import { z } from 'zod';
import type { ReadableDB, WritableDB } from '../core/store/db';
import { toWireHlc } from './hlc-wire';
import {
  compareRequestVersions,
  formatHlc,
  REQUEST_STATUSES,
  type RequestStatus,
  type StreamRow,
} from './protocol';

export const REQUEST_KINDS = ['size', 'help', 'unknown-item'] as const;

export interface StoredRequest {
  requestId: string;
  storeId: string;
  originDevice: string;
  kind: (typeof REQUEST_KINDS)[number];
  place: string;
  sku: string | null;
  size: string | null;
  nameZh: string | null;
  nameEn: string | null;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
  /** Wire HLC of the last change. */
  updatedHlc: string;
  updatedDevice: string;
  updatedBy: string | null;
}

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

interface Row {
  request_id: string;
  store_id: string;
  origin_device: string;
  kind: StoredRequest['kind'];
  place: string;
  sku: string | null;
  size: string | null;
  name_zh: string | null;
  name_en: string | null;
  status: RequestStatus;
  created_at: string;
  updated_at: string;
  updated_hlc: string;
  updated_device: string;
  updated_by: string | null;
}

const fromRow = (r: Row): StoredRequest => ({
  requestId: r.request_id,
  storeId: r.store_id,
  originDevice: r.origin_device,
  kind: r.kind,
  place: r.place,
  sku: r.sku,
  size: r.size,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedHlc: r.updated_hlc,
  updatedDevice: r.updated_device,
  updatedBy: r.updated_by,
});

/** Core's stamp text in wire form; the wall clock when the stamp cannot be read. */
export function wireStamp(coreStamp: string, now: Date): string {
  return toWireHlc(coreStamp) ?? formatHlc({ wallMs: now.getTime(), counter: 0 });
}

export function readRequest(db: ReadableDB, requestId: string): StoredRequest | null {
  const row = db
    .prepareRead<[string], Row>('SELECT * FROM staff_requests WHERE request_id = ?')
    .get(requestId);
  return row ? fromRow(row) : null;
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
  db.prepare(
    `INSERT INTO staff_requests (request_id, store_id, origin_device, kind, place, sku, size, name_zh,
       name_en, status, created_at, updated_at, updated_hlc, updated_device, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (request_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
       updated_hlc = excluded.updated_hlc, updated_device = excluded.updated_device,
       updated_by = excluded.updated_by`,
  ).run(
    next.requestId,
    next.storeId,
    next.originDevice,
    next.kind,
    next.place,
    next.sku,
    next.size,
    next.nameZh,
    next.nameEn,
    next.status,
    next.createdAt,
    next.updatedAt,
    next.updatedHlc,
    next.updatedDevice,
    next.updatedBy,
  );
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

/** Open requests of a store created since `sinceIso`, newest first. */
export function openRequests(
  db: ReadableDB,
  storeId: string,
  sinceIso: string,
  limit = 200,
): StoredRequest[] {
  return db
    .prepareRead<[string, string, number], Row>(
      `SELECT * FROM staff_requests WHERE store_id = ? AND status IN ('waiting', 'on-the-way')
       AND created_at >= ? ORDER BY created_at DESC, request_id LIMIT ?`,
    )
    .all(storeId, sinceIso, limit)
    .map(fromRow);
}

/** The requests with these ids (a visit's own), newest first. */
export function requestsByIds(db: ReadableDB, ids: readonly string[]): StoredRequest[] {
  if (ids.length === 0) return [];
  const marks = ids.map(() => '?').join(', ');
  return db
    .prepareRead<string[], Row>(
      `SELECT * FROM staff_requests WHERE request_id IN (${marks}) ORDER BY created_at DESC, request_id`,
    )
    .all(...ids)
    .map(fromRow);
}

/** Drops requests untouched since `beforeIso` (the store's queue is a day's work, not history). */
export function pruneRequests(db: WritableDB, beforeIso: string): number {
  return db.prepare('DELETE FROM staff_requests WHERE updated_at < ?').run(beforeIso).changes;
}
