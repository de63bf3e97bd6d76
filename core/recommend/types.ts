/** Shapes shared by the recommenders. Every item carries a one-line reason a shopper can read. */
import type { Label } from '../rules/types';

export type Gender = 'F' | 'M' | 'U';

/** Where an item came from, so a screen can group or label it. */
export type RecommendationKind = 'other-size' | 'complete-the-look' | 'for-you' | 'popular';

export interface Recommendation {
  sku: string;
  styleId: string;
  /** One line in Chinese and in English, e.g. "常与您试穿的风衣一起购买 / Often bought with the trench coat you tried". */
  reason: Label;
  kind: RecommendationKind;
  /** Higher is better; only comparable within one list. */
  score: number;
}

export interface StockSplit {
  here: number;
  otherStores: number;
  online: number;
}

/** The stock location id of the online warehouse (stock.csv). */
export const ONLINE = 'ONLINE';
