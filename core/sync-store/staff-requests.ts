/**
 * The kiosk's copy of the store's staff requests (`staff_requests`). Which version of a request
 * wins is the protocol's rule (sync/protocol/request-order.ts, applied by sync/staff-requests.ts);
 * this module only reads and writes rows.
 */
import type { ReadableDB, WritableDB } from '../store/db';

export const REQUEST_KINDS = ['size', 'help', 'unknown-item'] as const;
/**
 * The statuses the table's CHECK constraint allows (migration 0150); the same list as the
 * protocol's REQUEST_STATUSES (a test in sync/ holds them equal: the cloud cannot import core/).
 */
export const STORED_REQUEST_STATUSES = ['waiting', 'on-the-way', 'done', 'cancelled'] as const;

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
  status: (typeof STORED_REQUEST_STATUSES)[number];
  createdAt: string;
  updatedAt: string;
  /** Wire HLC of the last change. */
  updatedHlc: string;
  updatedDevice: string;
  updatedBy: string | null;
}

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
  status: StoredRequest['status'];
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

export function readRequest(db: ReadableDB, requestId: string): StoredRequest | null {
  const row = db
    .prepareRead<[string], Row>('SELECT * FROM staff_requests WHERE request_id = ?')
    .get(requestId);
  return row ? fromRow(row) : null;
}

/** Inserts a request, or moves a stored one to `next`'s status and stamp. */
export function writeRequest(db: WritableDB, next: StoredRequest): void {
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
