/**
 * The cloud trusts a kiosk with its own store's members. A mutation naming a member of another
 * store is applied only with a presence ticket valid at the mutation's time (cloud/auth/presence.ts),
 * else it is rejected `member-not-present`: acknowledged, with a compensation and a staff task, like
 * every business rejection. A member unknown here is left to the handler (`member-not-found`).
 */
import type { Compensation, MutationEnvelope } from '../../sync/protocol';
import { checkPresenceTicket } from '../auth/presence';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Queryable } from '../db/db';
import { BusinessRejection } from './handler';

/** The member a mutation's (parsed) args name, if any. */
export function memberIdOf(args: unknown): string | null {
  return typeof args === 'object' &&
    args !== null &&
    'memberId' in args &&
    typeof args.memberId === 'string'
    ? args.memberId
    : null;
}

/** What the kiosk must undo for a mutation it cannot have: the same as its other rejections. */
async function compensationFor(
  tx: Queryable,
  name: string,
  args: object,
  memberId: string,
): Promise<Compensation> {
  if (name === 'earnPoints' || name === 'redeemPoints') {
    const { rows } = await tx.query<{ points: number }>(
      'SELECT points FROM members WHERE member_id = $1',
      [memberId],
    );
    return { kind: 'points-balance', memberId, balance: rows[0]?.points ?? 0 };
  }
  if (name === 'placeOrder' && 'orderId' in args && typeof args.orderId === 'string')
    return { kind: 'order-cancelled', orderId: args.orderId };
  if (name === 'redeemCoupon' && 'couponCode' in args && typeof args.couponCode === 'string')
    return {
      kind: 'coupon-used',
      couponCode: args.couponCode,
      memberId,
      discountCents:
        'discountCents' in args && typeof args.discountCents === 'number' ? args.discountCents : 0,
    };
  return { kind: 'none' };
}

export async function presenceRejection(
  tx: Queryable,
  device: DeviceIdentity,
  m: MutationEnvelope,
  args: unknown,
  check: { at: number; now: Date; secret: Buffer },
): Promise<BusinessRejection | null> {
  const memberId = memberIdOf(args);
  if (memberId === null || typeof args !== 'object' || args === null) return null;
  const { rows } = await tx.query<{ home_store: string | null }>(
    'SELECT home_store FROM members WHERE member_id = $1',
    [memberId],
  );
  const member = rows[0];
  if (!member || member.home_store === device.storeId) return null;
  const refusal = checkPresenceTicket(check.secret, m.presence, {
    deviceId: device.deviceId,
    memberId,
    at: check.at,
    now: check.now.getTime(),
  });
  if (refusal === null) return null;
  return new BusinessRejection(
    'member-not-present',
    `member ${memberId} is not of this store and the presence ticket is ${refusal}`,
    await compensationFor(tx, m.name, args, memberId),
    {
      kind: 'member-not-present',
      message: `${m.name} for member ${memberId} (home store ${member.home_store ?? 'none'}) not applied: no valid presence ticket (${refusal}); key ${m.key}`,
    },
  );
}
