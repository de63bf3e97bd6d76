import { INT4_MAX } from '../../../sync/protocol';
import type { Queryable } from '../../db/db';
import { publish } from '../../streams/projections';
import { BusinessRejection, type Handler, type HandlerContext } from '../handler';

async function ledgerBalance(tx: Queryable, ref: string): Promise<number | null> {
  const { rows } = await tx.query<{ balance_after: number }>(
    'SELECT balance_after FROM points_ledger WHERE ref = $1',
    [ref],
  );
  return rows[0]?.balance_after ?? null;
}

async function appendLedger(
  tx: Queryable,
  ref: string,
  memberId: string,
  delta: number,
  balance: number,
  saleId: string | null,
  ctx: HandlerContext,
) {
  await tx.query(
    `INSERT INTO points_ledger (ref, member_id, delta, balance_after, sale_id, device_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [ref, memberId, delta, balance, saleId, ctx.deviceId, ctx.now.toISOString()],
  );
  await publish(tx, 'member', 'member_id = $1', [memberId]);
}

/**
 * Spends points. The balance check and the debit are one conditional UPDATE on the member row,
 * so concurrent redemptions from several kiosks serialize on that row and never overdraw.
 */
export const redeemPoints: Handler<'redeemPoints'> = async (tx, args, ctx) => {
  const ref = `redeem:${args.redemptionId}`;
  const seen = await ledgerBalance(tx, ref);
  if (seen !== null) return { memberId: args.memberId, balance: seen };
  const { rows } = await tx.query<{ points: number }>(
    'UPDATE members SET points = points - $2 WHERE member_id = $1 AND NOT erased AND points >= $2 RETURNING points',
    [args.memberId, args.points],
  );
  const updated = rows[0];
  if (!updated) {
    const { rows: cur } = await tx.query<{ points: number }>(
      'SELECT points FROM members WHERE member_id = $1 AND NOT erased',
      [args.memberId],
    );
    const balance = cur[0]?.points;
    if (balance === undefined)
      throw new BusinessRejection('member-not-found', `no member ${args.memberId}`);
    throw new BusinessRejection(
      'points-overdrawn',
      `member ${args.memberId} has ${balance} points, ${args.points} were redeemed`,
      { kind: 'points-balance', memberId: args.memberId, balance },
      {
        kind: 'points-overdrawn',
        message: `Points overdrawn offline: member ${args.memberId} redeemed ${args.points}, balance ${balance}${args.saleId ? `, sale ${args.saleId}` : ''}`,
      },
    );
  }
  await appendLedger(tx, ref, args.memberId, -args.points, updated.points, args.saleId, ctx);
  return { memberId: args.memberId, balance: updated.points };
};

export const earnPoints: Handler<'earnPoints'> = async (tx, args, ctx) => {
  const ref = `earn:${args.earnId}`;
  const seen = await ledgerBalance(tx, ref);
  if (seen !== null) return { memberId: args.memberId, balance: seen };
  const { rows } = await tx.query<{ points: number; fits: boolean }>(
    `UPDATE members SET points = CASE WHEN points::bigint + $2 <= ${INT4_MAX} THEN points + $2 ELSE points END
     WHERE member_id = $1 AND NOT erased RETURNING points, points::bigint + $2 <= ${INT4_MAX} AS fits`,
    [args.memberId, args.points],
  );
  const updated = rows[0];
  // A balance past int4 would make every retry fail: refused once, as arguments out of range.
  if (updated && !updated.fits)
    throw new BusinessRejection(
      'invalid-args',
      `earning ${args.points} points would take member ${args.memberId} past the largest balance`,
      { kind: 'points-balance', memberId: args.memberId, balance: updated.points },
      { kind: 'sync-parked', message: `Points earn out of range for member ${args.memberId}` },
    );
  if (!updated)
    throw new BusinessRejection(
      'member-not-found',
      `no member ${args.memberId}`,
      { kind: 'none' },
      {
        kind: 'points-unassigned',
        message: `Points earned for unknown member ${args.memberId}: ${args.points}`,
      },
    );
  await appendLedger(tx, ref, args.memberId, args.points, updated.points, args.saleId, ctx);
  return { memberId: args.memberId, balance: updated.points };
};
