import { publish } from '../../streams/projections';
import { offeredTo } from '../../campaigns/offered';
import { BusinessRejection, type Handler } from '../handler';

/**
 * Uses a coupon. For a single-use coupon the partial unique index on (coupon, member) decides:
 * of two kiosks redeeming offline, the second to sync is rejected, whatever instance serves it.
 */
export const redeemCoupon: Handler<'redeemCoupon'> = async (tx, args, ctx) => {
  const { rows: seen } = await tx.query(
    'SELECT 1 FROM coupon_redemptions WHERE redemption_id = $1',
    [args.redemptionId],
  );
  if (seen.length > 0) return { redemptionId: args.redemptionId };
  const { rows: coupons } = await tx.query<{ single_use: boolean }>(
    'SELECT single_use FROM coupons WHERE code = $1',
    [args.couponCode],
  );
  const coupon = coupons[0];
  if (!coupon)
    throw new BusinessRejection(
      'coupon-not-found',
      `no coupon ${args.couponCode}`,
      {
        kind: 'coupon-used',
        couponCode: args.couponCode,
        memberId: args.memberId,
        discountCents: args.discountCents,
      },
      {
        kind: 'coupon-unknown',
        message: `Unknown coupon ${args.couponCode} applied${args.saleId ? ` in sale ${args.saleId}` : ''}`,
      },
    );
  if (!(await offeredTo(tx, args.couponCode, args.memberId)))
    throw new BusinessRejection(
      'coupon-not-valid',
      `campaign coupon ${args.couponCode} was not offered to member ${args.memberId}`,
      {
        kind: 'coupon-used',
        couponCode: args.couponCode,
        memberId: args.memberId,
        discountCents: args.discountCents,
      },
      {
        kind: 'coupon-unknown',
        message: `Campaign coupon ${args.couponCode} applied for a member it was not offered to${args.saleId ? ` in sale ${args.saleId}` : ''}`,
      },
    );
  const { rows: member } = await tx.query('SELECT 1 FROM members WHERE member_id = $1', [
    args.memberId,
  ]);
  if (member.length === 0)
    throw new BusinessRejection('member-not-found', `no member ${args.memberId}`);
  const { rows } = await tx.query(
    `INSERT INTO coupon_redemptions (redemption_id, coupon_code, member_id, single_use, sale_id, discount_cents, device_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (coupon_code, member_id) WHERE single_use DO NOTHING RETURNING redemption_id`,
    [
      args.redemptionId,
      args.couponCode,
      args.memberId,
      coupon.single_use,
      args.saleId,
      args.discountCents,
      ctx.deviceId,
      ctx.now.toISOString(),
    ],
  );
  if (rows.length === 0) {
    throw new BusinessRejection(
      'coupon-already-used',
      `single-use coupon ${args.couponCode} was already used by member ${args.memberId}`,
      {
        kind: 'coupon-used',
        couponCode: args.couponCode,
        memberId: args.memberId,
        discountCents: args.discountCents,
      },
      {
        kind: 'coupon-already-used',
        message: `Coupon ${args.couponCode} used twice by member ${args.memberId}${args.saleId ? ` (sale ${args.saleId})` : ''}: discount ${args.discountCents} cents to review`,
      },
    );
  }
  // The member's stream row lists used single-use coupons: re-emit it so other kiosks learn.
  if (coupon.single_use) await publish(tx, 'member', 'member_id = $1', [args.memberId]);
  return { redemptionId: args.redemptionId };
};
