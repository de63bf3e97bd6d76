/**
 * The trained model as it travels (cloud → kiosk `model` stream) and as a kiosk keeps it: plain
 * JSON-able data, keyed by style and member ids, language-free (reasons are codes; the kiosk words
 * them with its catalog's names).
 */
import type { Weights } from './scorer';

/** Why a pick is proposed: the signal that contributed most, with what the reason line names. */
export type PickWhy =
  | { code: 'taste'; boughtBy: number }
  | { code: 'goes-with'; anchor: string; bought: boolean }
  | { code: 'tag'; tag: string }
  | { code: 'own'; tries: number; bought: boolean }
  | { code: 'popular' };

export interface ModelPick {
  styleId: string;
  score: number;
  why: PickWhy;
}

export interface MemberModel {
  memberId: string;
  /** Best first; already blended with the model's weights. */
  picks: ModelPick[];
  /** The size the member usually buys per category, e.g. { jeans: '28', knit: 'M' }. */
  sizes: Record<string, string>;
}

export type FitVerdict = 'runs-small' | 'runs-large';

/** What the brand's fit data says about a style (all stores). */
export interface FitFacts {
  verdict: FitVerdict | null;
  /** Try-ons that gave a fit reason: too small, too big. */
  tooSmall: number;
  tooBig: number;
  /** Purchases whose buyer's usual size in the category is known, and the mean size offset kept. */
  keptWithUsual: number;
  meanOffset: number;
  /** Per usual size: the size most often kept by members who usually wear it, with the counts. */
  keptBy: Array<{ usual: string; kept: string; count: number; of: number }>;
}

export interface ItemModel {
  styleId: string;
  /** Brand-relative popularity in [0, 1]. */
  popularity: number;
  /** Styles the same members keep coming back to (item-kNN), best first: [styleId, similarity]. */
  neighbours: Array<[string, number]>;
  /** Other-slot styles bought or tried with it (complete the look): [styleId, score, coPurchases]. */
  look: Array<[string, number, number]>;
  fit: FitFacts | null;
}

export interface ValidationReport {
  /** The inner split the weights were chosen on: [from, to) as ISO instants. */
  from: string;
  to: string;
  members: number;
  precisionAt5: { blend: number; popularity: number };
}

export interface ModelMeta {
  version: string;
  trainedAt: string;
  /** Events strictly before this instant were used. */
  dataUntil: string;
  weights: Weights;
  /** Null when there were too few members to choose weights (the defaults were used). */
  validation: ValidationReport | null;
  events: number;
}

export interface TrainedModel {
  meta: ModelMeta;
  items: ItemModel[];
  members: MemberModel[];
}
