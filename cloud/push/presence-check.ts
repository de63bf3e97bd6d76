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
import { namedMemberId, resolveMember, type NamedMember } from './member-lookup';

/**
 * The member a mutation's (parsed) args name: looked up in `known` (members looked up for the
 * whole push at once, member-lookup.ts) or, when not there, in one query. The args come back
 * naming the permanent member.
 */
export async function resolveNamedMember(
  tx: Queryable,
  args: unknown,
  known?: ReadonlyMap<string, NamedMember>,
): Promise<{ args: unknown; member: NamedMember | null }> {
  const id = namedMemberId(args);
  if (id === null || typeof args !== 'object' || args === null) return { args, member: null };
  const member = known?.get(id) ?? (await resolveMember(tx, id));
  if (!member) return { args, member: null };
  return { args: { ...args, memberId: member.memberId }, member };
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
  named: { args: unknown; member: NamedMember | null },
  check: { at: number; now: Date; secret: Buffer },
): Promise<BusinessRejection | null> {
  const { args, member } = named;
  if (!member || !member.known || member.homeStore === device.storeId) return null;
  if (typeof args !== 'object' || args === null) return null;
  const { memberId, homeStore } = member;
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
      message: `${m.name} for member ${memberId} (home store ${homeStore ?? 'none'}) not applied: no valid presence ticket (${refusal}); key ${m.key}`,
    },
  );
}
