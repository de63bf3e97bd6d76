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

/** The member a mutation names (provisional id resolved), whether the cloud knows them, and where. */
export interface NamedMember {
  memberId: string;
  known: boolean;
  homeStore: string | null;
}

/**
 * The member a mutation's (parsed) args name, in one query: a provisional id a kiosk gave a member
 * it registered offline becomes the permanent member (`member_aliases`, also when the sign-up merged
 * into an existing member by phone), and the member's home store comes along for the presence
 * check. The args come back naming the permanent member.
 */
export async function resolveNamedMember(
  tx: Queryable,
  args: unknown,
): Promise<{ args: unknown; member: NamedMember | null }> {
  if (
    typeof args !== 'object' ||
    args === null ||
    !('memberId' in args) ||
    typeof args.memberId !== 'string'
  )
    return { args, member: null };
  const { rows } = await tx.query<{ member_id: string; home_store: string | null; known: boolean }>(
    `SELECT coalesce(a.member_id, q.id) AS member_id, m.home_store, m.member_id IS NOT NULL AS known
     FROM (SELECT $1::text AS id) q
     LEFT JOIN member_aliases a ON a.provisional_id = q.id
     LEFT JOIN members m ON m.member_id = coalesce(a.member_id, q.id)`,
    [args.memberId],
  );
  const row = rows[0];
  if (!row) return { args, member: null };
  return {
    args: { ...args, memberId: row.member_id },
    member: { memberId: row.member_id, known: row.known, homeStore: row.home_store },
  };
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
