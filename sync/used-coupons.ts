/**
 * The single-use coupons a member has used anywhere in the chain, as the cloud lists them in the
 * member's `members` stream row (and online lookup answer): kept in `member_used_coupons` so the
 * checkout does not offer them again. Inside the caller's transaction.
 */
import type { WritableDB } from '../core/store/db';
import { replaceUsedCouponCodes } from '../core/sync-store/member-rows';

/** The codes of a `usedCoupons` value, or null when it is absent or not a list of codes. */
export function usedCouponCodes(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const codes = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return codes.length === value.length ? [...new Set(codes)] : null;
}

/**
 * Replaces the member's used coupons with the cloud's list. A row without a valid list (a member
 * system that does not send one) leaves what the kiosk knows untouched.
 */
export function replaceUsedCoupons(db: WritableDB, memberId: string, value: unknown): void {
  const codes = usedCouponCodes(value);
  if (!codes) return;
  replaceUsedCouponCodes(db, memberId, codes);
}
