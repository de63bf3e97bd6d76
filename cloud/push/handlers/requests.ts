/**
 * Staff requests shared across a store's kiosks. `staffRequest` v2 creates the request (once per
 * id) and `updateStaffRequest` moves it on; both publish the row to the store's `requests` stream.
 * Concurrent updates resolve by sync/protocol/request-order.ts, so the order in which kiosks'
 * pushes arrive does not change the outcome. Rows older than the stream's window leave the stream.
 */
import { compareRequestVersions, StaffRequestV2, type RequestStatus } from '../../../sync/protocol';
import type { Queryable } from '../../db/db';
import { publish } from '../../streams/projections';
import type { Handler, HandlerContext } from '../handler';
import { staffRequest as legacyStaffRequest } from './records';

/** How long a request stays in the `requests` stream after its last change. */
export const REQUESTS_WINDOW_MS = 24 * 60 * 60 * 1000;

async function publishRequest(tx: Queryable, requestId: string, ctx: HandlerContext) {
  await publish(tx, 'staffRequest', 'request_id = $1', [requestId]);
  // Requests past the window leave the change log: new snapshots do not carry them.
  await tx.query(
    `DELETE FROM stream_rows WHERE stream = 'requests' AND scope = $1
     AND (data->>'updatedAt')::timestamptz < $2`,
    [ctx.storeId, new Date(ctx.now.getTime() - REQUESTS_WINDOW_MS).toISOString()],
  );
}

/** v2 creates a shared request; v1 (older kiosks) still becomes a staff task. */
export const staffRequest: Handler<'staffRequest'> = async (tx, args, ctx) => {
  const v2 = StaffRequestV2.safeParse(args);
  if (!v2.success) return legacyStaffRequest(tx, args, ctx);
  const r = v2.data;
  const { rows } = await tx.query(
    `INSERT INTO staff_requests (request_id, store_id, origin_device, kind, place, sku, size, name_zh, name_en,
       status, created_at, updated_at, updated_hlc, updated_device, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'waiting', $10, $11, $12, $3, NULL)
     ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
    [
      r.requestId,
      ctx.storeId,
      ctx.deviceId,
      r.kind,
      r.place,
      r.sku,
      r.size,
      r.nameZh,
      r.nameEn,
      r.createdAt,
      ctx.now.toISOString(),
      ctx.hlc,
    ],
  );
  if (rows.length > 0) await publishRequest(tx, r.requestId, ctx);
  return { requestId: r.requestId, recorded: rows.length > 0 };
};

export const updateStaffRequest: Handler<'updateStaffRequest'> = async (tx, args, ctx) => {
  const { rows } = await tx.query<{
    status: RequestStatus;
    updated_hlc: string;
    updated_device: string;
  }>(
    `SELECT status, updated_hlc, updated_device FROM staff_requests
     WHERE request_id = $1 AND store_id = $2 FOR UPDATE`,
    [args.requestId, ctx.storeId],
  );
  const current = rows[0];
  if (!current) return { requestId: args.requestId, won: false, status: null };
  const incoming = { status: args.status, hlc: ctx.hlc, deviceId: ctx.deviceId };
  const stored = {
    status: current.status,
    hlc: current.updated_hlc,
    deviceId: current.updated_device,
  };
  if (compareRequestVersions(incoming, stored) <= 0)
    return { requestId: args.requestId, won: false, status: current.status };
  await tx.query(
    `UPDATE staff_requests SET status = $2, updated_at = $3, updated_hlc = $4, updated_device = $5,
     updated_by = $6 WHERE request_id = $1`,
    [args.requestId, args.status, ctx.now.toISOString(), ctx.hlc, ctx.deviceId, args.staffId],
  );
  await publishRequest(tx, args.requestId, ctx);
  return { requestId: args.requestId, won: true, status: args.status };
};
