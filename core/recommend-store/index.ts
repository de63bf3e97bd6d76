/** The kiosk's recommendation model in SQLite: training data, model tables, picks, advice. */
export { completeTheLook, type CompleteTheLookInput } from './complete-the-look';
export { fitAdvice, type FitAdvice } from './fit-advice';
export {
  forYou,
  visitPicks,
  type ForYouInput,
  type ForYouResult,
  type VisitPicksInput,
} from './for-you';
export { ensureLocalModel, trainLocalModel, type LocalTraining } from './local-model';
export {
  activateStagedModel,
  activeModel,
  forgetMember,
  itemModel,
  memberModel,
  stageModelRow,
  type ActivationResult,
  type ActiveModel,
  type StageResult,
} from './model-tables';
export {
  otherSizesAndColours,
  type OtherSizesResult,
  type VariantAvailability,
} from './other-sizes';
export { popular, POPULAR_REASON, type PopularInput } from './popular';
export { loadCatalog, loadEvents, loadMembers, trainingRows } from './training-data';
