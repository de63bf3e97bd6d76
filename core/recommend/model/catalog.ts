/** What training needs to know about the catalog and the members: pure data, no store. */
import type { Gender } from '../types';

export interface StyleInfo {
  styleId: string;
  /** products.style_tags split: e.g. ['business', 'minimalist']. */
  tags: readonly string[];
  /** Outfit slot: top, bottom, outer, full, shoes, accessory, … */
  slot: string;
  category: string;
  gender: Gender;
  /** The style's sizes in wearing order (for size advice: a one-size style gets none). */
  sizes: readonly string[];
}

export interface MemberInfo {
  memberId: string;
  gender: Gender | null;
  /** Consented to profiling and not erased: only then is a profile built or a pick made. */
  profiling: boolean;
  /** Home store: which kiosks receive this member's picks. */
  homeStore: string | null;
}

/**
 * Whether a product of `product` gender suits a shopper of `shopper` gender: unisex suits
 * everyone; an unknown shopper may see everything.
 */
export function genderFits(product: Gender, shopper: Gender | null | undefined): boolean {
  if (product === 'U' || !shopper || shopper === 'U') return true;
  return product === shopper;
}
