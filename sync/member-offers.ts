/**
 * The `offers` of a member's `members` stream row: the campaign coupons addressed to this member,
 * kept in `member_offers` (core/members/offers.ts). Inside the caller's transaction.
 */
import { replaceMemberOffers } from '../core/members/offers';
import type { WritableDB } from '../core/store/db';
import { MemberOffersSchema } from './protocol';

/**
 * Replaces the member's offers with the cloud's list. A row without a valid list (a cloud that does
 * not send one, or a malformed one) leaves what the kiosk knows untouched.
 */
export function applyMemberOffers(db: WritableDB, memberId: string, value: unknown): void {
  const parsed = MemberOffersSchema.safeParse(value);
  if (parsed.success) replaceMemberOffers(db, memberId, parsed.data);
}
