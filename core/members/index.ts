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
export { hasPresence, openPresence, presenceFor, savePresence } from './presence';
