/**
 * A member's campaign offers on this kiosk (`member_offers`, from the member's `members` stream
 * row): replaced as a whole when the cloud's list arrives, read by the checkout for the signed-in
 * member only, dropped on erasure. Offers are coupons to the pricing rules; the member's own
 * validity window is in the coupon's dates, so the rules judge them offline like any coupon.
 */
import { couponFromRecord, type Coupon } from '../rules';
import type { ReadableDB, WritableDB } from '../store/db';

/** One offer as the cloud sends it (sync/protocol MemberOfferSchema). */
export interface MemberOffer {
  code: string;
  titleZh: string;
  titleEn: string;
  kind: Coupon['kind'];
  value: number;
  minSpendCents: number;
  validFrom: string;
  validTo: string;
  minTier: string;
  singleUse: boolean;
}

export function replaceMemberOffers(
  db: WritableDB,
  memberId: string,
  offers: readonly MemberOffer[],
): void {
  db.prepare('DELETE FROM member_offers WHERE member_id = ?').run(memberId);
  const add = db.prepare(
    `INSERT OR REPLACE INTO member_offers (member_id, code, title_zh, title_en, kind, value, min_spend_cents,
       valid_from, valid_to, min_tier, single_use) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const o of offers)
    add.run(
      memberId,
      o.code,
      o.titleZh,
      o.titleEn,
      o.kind,
      o.value,
      o.minSpendCents,
      o.validFrom,
      o.validTo,
      o.minTier,
      o.singleUse ? 1 : 0,
    );
}

export function forgetMemberOffers(db: WritableDB, memberId: string): void {
  db.prepare('DELETE FROM member_offers WHERE member_id = ?').run(memberId);
}

/** The member's offers as coupons (none without a member); a row the rules refuse is skipped. */
export function memberOffersOf(db: ReadableDB, memberId: string | null): Coupon[] {
  if (!memberId) return [];
  return db
    .prepareRead<[string], Record<string, string | number>>(
      `SELECT code, title_zh, title_en, kind, value, min_spend_cents, valid_from, valid_to, min_tier, single_use
       FROM member_offers WHERE member_id = ? ORDER BY code`,
    )
    .all(memberId)
    .flatMap((row) => {
      const coupon = couponFromRecord(
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])),
      );
      return coupon.ok ? [coupon.value] : [];
    });
}
