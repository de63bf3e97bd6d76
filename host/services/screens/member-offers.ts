/**
 * The campaign offers waiting for a member, as the screens show them: the mirror tells the
 * signed-in member (marketing consent required), the staff member panel lists them. The rules
 * (consent, window, single use, tier, presence of a member of another store) are core's
 * `waitingOffersOf`; this only reads them at view time and shapes them for the bridge. Nothing
 * here logs: an offer list is personal.
 */
import type { MemberOfferView } from '../../../bridge/views';
import { waitingOffersOf, type OfferAudience, type OfferHolder } from '../../../core/members';
import type { Coupon, Tier } from '../../../core/rules';
import type { ReadableDB } from '../../../core/store/db';

export interface MemberOffersDeps {
  read: ReadableDB;
  /** This kiosk's store. */
  storeId: string;
  tiers: readonly Tier[];
  now(): Date;
}

export type MemberOffers = (
  member: OfferHolder | null,
  audience: OfferAudience,
) => MemberOfferView[];

function offerView(c: Coupon): MemberOfferView {
  return {
    code: c.code,
    title: { zh: c.title.zh, en: c.title.en },
    kind: c.kind,
    value: c.value,
    minSpendCents: c.minSpendCents,
    validFrom: c.validFrom,
    validTo: c.validTo,
  };
}

export function createMemberOffers(deps: MemberOffersDeps): MemberOffers {
  return (member, audience) =>
    member
      ? waitingOffersOf(deps.read, member, {
          audience,
          storeId: deps.storeId,
          tiers: deps.tiers,
          now: deps.now(),
        }).map(offerView)
      : [];
}
