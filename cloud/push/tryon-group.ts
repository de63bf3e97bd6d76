/**
 * Try-ons of a push, inserted with one statement instead of one round trip (and one savepoint)
 * each (issue 15: they are most of what a kiosk queues); deferred.ts says why a group keeps the
 * guarantees of a mutation at a time. Here:
 * - a try-on cannot be rejected once its args parse and its member is this store's (or nobody):
 *   the handler is an `INSERT … ON CONFLICT (tryon_id) DO NOTHING`; a group naming another store's
 *   member (who needs a presence ticket) goes the ordinary way;
 * - it waits during anything that leaves members' identity alone (KEEP_MEMBERS), so every try-on
 *   sees the members and aliases it would have seen in order; the HQ rollups do not depend on the
 *   order of events (cloud/hq/rollups/upkeep.property.test.ts);
 * - the rows go in in seq order (a second copy of a tryon_id in one group stays unrecorded, as it
 *   would one by one).
 */
import type { z } from 'zod';
import { LogTryOnV1, LogTryOnV2, type StoredResult } from '../../sync/protocol';
import type { Queryable } from '../db/db';
import {
  applied,
  argsOf,
  KEEP_MEMBERS,
  type GroupContext,
  type GroupKind,
  type Pending,
  argsWithOwnMembers,
} from './deferred';
import { tryOnOutcome } from './handlers/tryon-outcome';

type TryOnArgs = z.infer<typeof LogTryOnV1> | z.infer<typeof LogTryOnV2>;

export const TRYON_GROUP: GroupKind<TryOnArgs> = {
  name: 'logTryOn',
  commutesWith: KEEP_MEMBERS,
  parse: argsOf<TryOnArgs>({ 1: LogTryOnV1, 2: LogTryOnV2 }),
  flush: flushTryOns,
};

async function flushTryOns(
  tx: Queryable,
  ctx: GroupContext,
  group: readonly Pending<TryOnArgs>[],
): Promise<StoredResult[] | null> {
  const { device } = ctx;
  const resolved = await argsWithOwnMembers(tx, ctx, group);
  if (!resolved) return null;
  const rows = [];
  for (const [i, args] of resolved.entries()) {
    const { outcome, reason } = tryOnOutcome(args);
    rows.push({ i, id: args.tryOnId, body: args, at: args.at, o: outcome, r: reason });
  }
  const { rows: inserted } = await tx.query<{ tryon_id: string }>(
    `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
     SELECT r.id, $2, $3, r.body, r.at, r.o, r.r
     FROM jsonb_to_recordset($1::jsonb) AS r(i int, id text, body jsonb, at timestamptz, o text, r text)
     ORDER BY r.i
     ON CONFLICT (tryon_id) DO NOTHING RETURNING tryon_id`,
    [JSON.stringify(rows), device.deviceId, device.storeId],
  );
  const fresh = new Set(inserted.map((r) => r.tryon_id));
  // Of several copies of one id, the first went in.
  return group.map((p) =>
    applied({ tryOnId: p.args.tryOnId, recorded: fresh.delete(p.args.tryOnId) }),
  );
}
