/**
 * Try-ons of a push, inserted with one statement instead of one round trip (and one savepoint)
 * each (issue 15: they are most of what a kiosk queues).
 *
 * Why this keeps the guarantees of a mutation at a time:
 * - a try-on cannot be rejected once its args parse and its member is this store's (or nobody):
 *   the handler is an `INSERT … ON CONFLICT (tryon_id) DO NOTHING`; only those are deferred, the
 *   rest (another store's member, who needs a presence ticket) go the ordinary way at the flush;
 * - the group is flushed before any mutation that does not commute with try-ons (one that creates
 *   or erases members, …: anything not in COMMUTE_WITH_TRYONS), so every try-on sees the members
 *   and aliases it would have seen in order; the HQ rollups do not depend on the order of events
 *   (cloud/hq/rollups/upkeep.property.test.ts);
 * - the rows go in in seq order (a second copy of a tryon_id in one group stays unrecorded, as it
 *   would one by one), in the batch's transaction, with the outcome rows;
 * - if the statement fails, the caller rolls the whole transaction back and runs the push one
 *   mutation at a time again (push-batch.ts), so an error lands on the mutation that caused it.
 */
import type { z } from 'zod';
import {
  LogTryOnV1,
  LogTryOnV2,
  type MutationEnvelope,
  type StoredResult,
} from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Queryable } from '../db/db';
import { tryOnOutcome } from './handlers/tryon-outcome';
import { resolveMembers, type NamedMember } from './member-lookup';

/** Mutations during which a deferred try-on may wait: none of them touches members' identity. */
export const COMMUTE_WITH_TRYONS: ReadonlySet<string> = new Set([
  'logTryOn',
  'setPreference',
  'earnPoints',
  'redeemPoints',
  'recordSale',
  'recordNps',
  'staffRequest',
  'updateStaffRequest',
]);

export interface PendingTryOn {
  m: MutationEnvelope;
  args: z.infer<typeof LogTryOnV1> | z.infer<typeof LogTryOnV2>;
}

/** The parsed args of a try-on that may be deferred, or null (then it runs the ordinary way). */
export function deferrableTryOn(m: MutationEnvelope): PendingTryOn | null {
  if (m.name !== 'logTryOn') return null;
  const schema = m.version === 1 ? LogTryOnV1 : m.version === 2 ? LogTryOnV2 : null;
  const parsed = schema?.safeParse(m.args);
  if (!parsed?.success) return null;
  return { m, args: parsed.data };
}

/**
 * Inserts the group; the outcome of each, in order. Null when the group must go the ordinary way
 * (one of them names a member of another store, who needs a presence ticket): the caller then
 * runs them one by one, in order, as before.
 */
export async function flushTryOns(
  tx: Queryable,
  device: DeviceIdentity,
  group: readonly PendingTryOn[],
  known: ReadonlyMap<string, NamedMember> | undefined,
): Promise<StoredResult[] | null> {
  const ids = [...new Set(group.flatMap((p) => p.args.memberId ?? []))];
  const missing = ids.filter((id) => !known?.has(id));
  const members = new Map([...(known ?? []), ...(await resolveMembers(tx, missing))]);
  const rows = [];
  for (const [i, p] of group.entries()) {
    const named = p.args.memberId === null ? undefined : members.get(p.args.memberId);
    if (p.args.memberId !== null && !named) return null;
    if (named?.known && named.homeStore !== device.storeId) return null;
    const args = named ? { ...p.args, memberId: named.memberId } : p.args;
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
  return group.map((p) => ({
    status: 'applied',
    result: { tryOnId: p.args.tryOnId, recorded: fresh.delete(p.args.tryOnId) },
    error: null,
    compensation: null,
    staffTask: null,
  }));
}
