/**
 * Points earned in a push, applied together: one look at the ledger and the balances, one update
 * of each member's balance, one ledger insert and one publish of the members, instead of a
 * savepoint and five round trips each (deferred.ts says why a group keeps the guarantees).
 * Here, the same outcomes as handlers/points.ts `earnPoints` one at a time, in order:
 * - an earn whose ledger entry exists answers that entry's balance and changes nothing (also a
 *   second copy of an earnId in the group, which finds the first's);
 * - each new earn's `balance_after` is the balance after the earns before it;
 * - an earn that would be rejected (unknown or erased member, a balance past int4, another store's
 *   member who needs a presence ticket) sends the whole group the ordinary way, in order.
 * It waits during anything that leaves balances alone: a redemption (which reads the balance)
 * and anything touching members' identity flush it first.
 */
import { EarnPointsV1, INT4_MAX, type StoredResult } from '../../sync/protocol';
import type { z } from 'zod';
import type { Queryable } from '../db/db';
import { publish } from '../streams/projections';
import {
  applied,
  argsOf,
  KEEP_MEMBERS,
  membersNamed,
  type GroupContext,
  type GroupKind,
  type Pending,
} from './deferred';

type EarnArgs = z.infer<typeof EarnPointsV1>;

export const EARN_GROUP: GroupKind<EarnArgs> = {
  name: 'earnPoints',
  commutesWith: new Set([...KEEP_MEMBERS].filter((name) => name !== 'redeemPoints')),
  parse: argsOf({ 1: EarnPointsV1 }),
  flush: flushEarns,
};

const ref = (args: EarnArgs) => `earn:${args.earnId}`;
const asJson = (ids: readonly string[]) => JSON.stringify(ids);

async function flushEarns(
  tx: Queryable,
  ctx: GroupContext,
  group: readonly Pending<EarnArgs>[],
): Promise<StoredResult[] | null> {
  const named = await membersNamed(
    tx,
    ctx,
    group.map((p) => p.args.memberId),
  );
  const memberOf = (args: EarnArgs) => named.get(args.memberId)?.memberId ?? null;
  const { rows: seenRows } = await tx.query<{ ref: string; balance_after: number }>(
    // one probe of the key each: the statement is prepared, and a generic plan for `ref = ANY`
    // made while the ledger was small scanned all of it for every group as it grew
    `SELECT l.ref, l.balance_after FROM jsonb_array_elements_text($1::jsonb) AS k(ref)
     CROSS JOIN LATERAL (SELECT ref, balance_after FROM points_ledger WHERE ref = k.ref LIMIT 1) l`,
    [asJson(group.map((p) => ref(p.args)))],
  );
  const seen = new Map(seenRows.map((r) => [r.ref, r.balance_after]));
  const fresh = new Set(group.filter((p) => !seen.has(ref(p.args))));
  // Another store's member needs a presence ticket, checked before the ledger (apply-mutation.ts).
  for (const p of group) {
    const member = named.get(p.args.memberId);
    if (member?.known && member.homeStore !== ctx.device.storeId) return null;
    if (!member?.known && fresh.has(p)) return null;
  }
  const ids = [...new Set([...fresh].flatMap((p) => memberOf(p.args) ?? []))].sort();
  const { rows: balances } = await tx.query<{ member_id: string; points: number }>(
    `SELECT m.member_id, m.points FROM jsonb_array_elements_text($1::jsonb) AS k(id)
     CROSS JOIN LATERAL (SELECT member_id, points FROM members WHERE member_id = k.id AND NOT erased
       LIMIT 1 FOR UPDATE) m
     ORDER BY m.member_id`,
    [asJson(ids)],
  );
  const balance = new Map(balances.map((r) => [r.member_id, r.points]));
  const ledger: {
    i: number;
    ref: string;
    member_id: string;
    delta: number;
    balance_after: number;
    sale_id: string | null;
  }[] = [];
  const outcomes: StoredResult[] = [];
  for (const [i, p] of group.entries()) {
    const key = ref(p.args);
    const memberId = memberOf(p.args) ?? p.args.memberId;
    const before = seen.get(key);
    if (before !== undefined) {
      outcomes.push(applied({ memberId, balance: before }));
      continue;
    }
    const current = balance.get(memberId);
    if (current === undefined || current + p.args.points > INT4_MAX) return null;
    const after = current + p.args.points;
    balance.set(memberId, after);
    seen.set(key, after);
    ledger.push({
      i,
      ref: key,
      member_id: memberId,
      delta: p.args.points,
      balance_after: after,
      sale_id: p.args.saleId,
    });
    outcomes.push(applied({ memberId, balance: after }));
  }
  if (ledger.length === 0) return outcomes;
  const moved = [...new Set(ledger.map((l) => l.member_id))].sort();
  await tx.query(
    `UPDATE members m SET points = r.points
     FROM jsonb_to_recordset($1::jsonb) AS r(member_id text, points int)
     WHERE m.member_id = r.member_id`,
    [JSON.stringify(moved.map((id) => ({ member_id: id, points: balance.get(id) })))],
  );
  await tx.query(
    `INSERT INTO points_ledger (ref, member_id, delta, balance_after, sale_id, device_id, created_at)
     SELECT r.ref, r.member_id, r.delta, r.balance_after, r.sale_id, $2, $3
     FROM jsonb_to_recordset($1::jsonb)
       AS r(i int, ref text, member_id text, delta int, balance_after int, sale_id text)
     ORDER BY r.i`,
    [JSON.stringify(ledger), ctx.device.deviceId, ctx.now.toISOString()],
  );
  await publish(
    tx,
    'member',
    'member_id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))',
    [asJson(moved)],
  );
  return outcomes;
}
