/** Recommendations for the mirror, checkout and staff screens. */
export {
  affinityState,
  ensureAffinity,
  rebuildAffinity,
  type AffinityOptions,
  type AffinityReport,
  type AffinityResult,
} from './affinity';
export { completeTheLook, type CompleteTheLookInput } from './complete-the-look';
export { forYou, type ForYouInput, type ForYouResult } from './for-you';
export {
  compareSizes,
  otherSizesAndColours,
  type OtherSizesResult,
  type VariantAvailability,
} from './other-sizes';
export { popular, POPULAR_REASON, type PopularInput } from './popular';
export {
  ONLINE,
  type Gender,
  type Recommendation,
  type RecommendationKind,
  type StockSplit,
} from './types';
