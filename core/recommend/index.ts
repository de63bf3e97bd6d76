/**
 * Recommendation training and ranking, pure (no I/O, no SQL): the cloud trains brand-wide with
 * it and a kiosk ranks with it (and trains on its own history when it has no synced model).
 * Loaders and the kiosk's tables live in core/recommend-store; the cloud's in cloud/recommend.
 */
export { genderFits, type MemberInfo, type StyleInfo } from './model/catalog';
export {
  EventTable,
  isPositive,
  OUTCOMES,
  REASONS,
  type Outcome,
  type Reason,
  type RecEvent,
} from './model/events';
export { bootstrap, precisionAt, windowTargets, type Interval } from './model/evaluate';
export type {
  FitFacts,
  FitVerdict,
  ItemModel,
  MemberModel,
  ModelMeta,
  ModelPick,
  PickWhy,
  TrainedModel,
  ValidationReport,
} from './model/model';
export { splitReport, type Method, type SplitReport } from './model/report';
export { COMPONENTS, type Component, type Weights } from './model/scorer';
export {
  trainModel,
  validationCases,
  type ChosenWeights,
  type TrainOptions,
  type TrainProgress,
} from './model/train';
export {
  DEFAULT_WEIGHTS,
  chooseWeights,
  precisionOfWeights,
  precisionsOfWeights,
} from './model/weights';
export { coldMemberModel, type OwnEvent } from './rank/cold';
export {
  nextSize,
  rankLive,
  type LiveRanking,
  type LiveWhy,
  type RankedPick,
  type SizeProposal,
  type StyleFacts,
  type VisitOutcome,
  type VisitTryOn,
} from './rank/live';
export {
  inSentence,
  pickReason,
  POPULAR_REASON,
  sizeProposalReason,
  TAG_LABELS,
  type StyleName,
} from './reasons';
export { compareSizes, inWearingOrder } from './sizes';
export {
  ONLINE,
  type Gender,
  type Recommendation,
  type RecommendationKind,
  type StockSplit,
} from './types';
export {
  ItemModelSchema,
  MemberModelSchema,
  ModelMetaSchema,
  ModelStreamDataSchema,
  modelStreamKey,
  StreamMetaSchema,
  type ModelStreamData,
  type StreamMeta,
} from './model/schemas';
