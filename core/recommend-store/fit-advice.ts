/**
 * Size advice for the mirror card, from the model's brand-wide fit facts: whether the style runs
 * small or large, and which size members who usually wear the shopper's size kept. Said only with
 * enough evidence (core/recommend/model/fit), always with the counts it rests on.
 */
import type { FitVerdict } from '../recommend';
import type { ReadableDB } from '../store/db';
import { canUseProfile } from '../members/member-view';
import { memberModel } from './model-tables';
import { modelReader } from './model-reader';

export interface FitAdvice {
  verdict: FitVerdict | null;
  /** Shoppers who gave a fit reason, and how many of them found it too small / too big. */
  reasons: number;
  tooSmall: number;
  tooBig: number;
  /** Members who usually wear `usual` mostly kept `kept`: `count` of `of` purchases. */
  kept: { usual: string; kept: string; count: number; of: number } | null;
  /** Where the usual size comes from: the member's purchases, or the size tried now. */
  usualFrom: 'member' | 'tried';
}

/** A kept size is said only when most members of that usual size kept it. */
const KEPT_SHARE = 0.5;

export function fitAdvice(
  db: ReadableDB,
  input: { styleId: string; size: string; memberId: string | null },
): FitAdvice | null {
  const reader = modelReader(db);
  const fit = reader.item(input.styleId)?.fit;
  const facts = reader.facts(input.styleId);
  if (!fit || !facts) return null;
  let usual: string | undefined;
  if (input.memberId) {
    const member = db
      .prepareRead<[string], { consent: number; erased: string | null }>(
        'SELECT consent_profile AS consent, erased_at AS erased FROM members WHERE member_id = ?',
      )
      .get(input.memberId);
    if (
      member &&
      canUseProfile({ consentProfile: member.consent === 1, erased: member.erased !== null })
    )
      usual = memberModel(db, input.memberId)?.sizes[facts.category];
  }
  const usualSize = usual ?? input.size;
  const entry = fit.keptBy.find((k) => k.usual === usualSize);
  const kept = entry && entry.count / entry.of >= KEPT_SHARE ? entry : null;
  if (!fit.verdict && !kept) return null;
  return {
    verdict: fit.verdict,
    reasons: fit.tooSmall + fit.tooBig,
    tooSmall: fit.tooSmall,
    tooBig: fit.tooBig,
    kept,
    usualFrom: usual ? 'member' : 'tried',
  };
}
