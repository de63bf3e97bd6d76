export { eraseMember, type EraseOptions, type EraseResult, type ErasureReport } from './erase';
export {
  cardNumberFromInput,
  identifyMember,
  memberById,
  type IdentifyInput,
  type IdentifyRefusal,
  type IdentifyResult,
} from './identify';
export { canMarketTo, canUseProfile, profileScope, type MemberView } from './member-view';
export {
  joinMember,
  normalisePhone,
  provisionalPrefix,
  type JoinInput,
  type JoinResult,
} from './join';
export { memberPoints, type PointsState } from './points';
export { usedCouponsOf } from './used-coupons';
export { hasPresence, openPresence, presenceFor, savePresence } from './presence';
export {
  waitingOffers,
  waitingOffersOf,
  type OfferAudience,
  type OfferHolder,
  type WaitingOfferContext,
} from './waiting-offers';
