/**
 * The campaign offers waiting for a member on this kiosk: their offers (offers.ts) that the
 * checkout here would accept today — inside the member's own window, a single-use offer not yet
 * used (here, or anywhere as the cloud last said), the member's tier high enough. Everything comes
 * from the kiosk's database, so it works offline.
 *
 * Who may be told: the shopper's own screens (`shopper`) only with marketing consent, since the
 * notice is marketing; the staff panel (`staff`) lists them either way, because the member may
 * still use an offer at the till. A member of another store counts only while present here (a
 * presence ticket valid now): without one the kiosk's copy of their offers may be stale, and the
 * cloud would refuse their use from this kiosk. A control-group member has no offers at all.
 */
import { couponRejection, storeLocalDate, type Coupon, type Tier } from '../rules';
import type { ReadableDB } from '../store/db';
import { canMarketTo, type MemberView } from './member-view';
import { memberOffersOf } from './offers';
import { hasPresence } from './presence';
import { usedCouponsOf } from './used-coupons';

export type OfferAudience = 'shopper' | 'staff';

export type OfferHolder = Pick<
  MemberView,
  'memberId' | 'tier' | 'homeStore' | 'consentMarketing' | 'erased'
>;

export interface WaitingOfferContext {
  audience: OfferAudience;
  /** This kiosk's store. */
  storeId: string;
  tiers: readonly Tier[];
  /** Store-local date ('YYYY-MM-DD'). */
  today: string;
  /** Codes of single-use coupons the member already used. */
  usedCoupons: ReadonlySet<string>;
  /** The member holds a presence ticket valid now (members of other stores). */
  presentHere: boolean;
}

/** The offers of `offers` waiting for `member` now, in the order given. Pure. */
export function waitingOffers(
  offers: readonly Coupon[],
  member: OfferHolder,
  ctx: WaitingOfferContext,
): Coupon[] {
  if (member.erased) return [];
  if (ctx.audience === 'shopper' && !canMarketTo(member)) return [];
  if (member.homeStore !== ctx.storeId && !ctx.presentHere) return [];
  const couponCtx = {
    member: { id: member.memberId, tier: member.tier },
    tiers: ctx.tiers,
    today: ctx.today,
    usedCoupons: ctx.usedCoupons,
  };
  return offers.filter(
    (o) => couponRejection({ code: o.code, coupon: o }, couponCtx) === undefined,
  );
}

/** The member's waiting offers from this kiosk's database, judged at `now`. */
export function waitingOffersOf(
  db: ReadableDB,
  member: OfferHolder,
  options: { audience: OfferAudience; storeId: string; tiers: readonly Tier[]; now: Date },
): Coupon[] {
  // the scan path rebuilds the view often: no reads for a member who can be told nothing
  if (member.erased || (options.audience === 'shopper' && !canMarketTo(member))) return [];
  const offers = memberOffersOf(db, member.memberId);
  if (offers.length === 0) return [];
  return waitingOffers(offers, member, {
    audience: options.audience,
    storeId: options.storeId,
    tiers: options.tiers,
    today: storeLocalDate(options.now),
    usedCoupons: usedCouponsOf(db, member.memberId),
    presentHere:
      member.homeStore !== options.storeId && hasPresence(db, member.memberId, options.now),
  });
}
