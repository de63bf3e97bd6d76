/**
 * "For you": personal picks from a member's own purchases, try-ons and saved styles, only when
 * the member consented to profiling (core/members `canUseProfile`); otherwise nothing at all is
 * read about them and the answer is empty with a note.
 *
 * A candidate style's score blends four signals (weights measured by bench/suites/recommend-quality):
 * how popular it is, how well its style tags match the tags of what the member bought and tried,
 * the member's own events on it (liked, bought before, saved), and its affinity to those styles
 * (style_affinity). The reason names the signal that contributed most.
 */
import { fail, ok, type Result } from '../../common/result';
import { canUseProfile } from '../members/member-view';
import type { Label } from '../rules/types';
import type { ReadableDB } from '../store/db';
import { allowedGenders, variantToShow } from './catalog-facts';
import { memberSignals, splitTags } from './member-signals';
import { popularityRanking, POPULAR_REASON } from './popular';
import { affinityReason, directReason, tagReason } from './reasons';
import type { Gender, Recommendation } from './types';

export interface ForYouInput {
  memberId: string;
  storeId: string;
  /** Default 6. */
  limit?: number | undefined;
  /** Use only history before this instant (time-split benchmark). */
  before?: Date | undefined;
  /** Also propose bestsellers that match nothing personal. Default true. */
  fill?: boolean | undefined;
  now?: Date | undefined;
}

export type ForYouResult = Result<
  { items: Recommendation[]; note?: 'no-consent' },
  'unknown-member' | 'invalid-date'
>;

/** Blend weights (see the module comment); popularity counts 1. */
export const BLEND = { tags: 1.5, own: 0.8, affinity: 0.6 } as const;
/** Bestsellers considered beyond the member's own and related styles. */
const POPULAR_POOL = 300;

interface MemberRow {
  gender: Gender | null;
  consent_profile: number;
  erased_at: string | null;
}

interface Candidate {
  slot: string;
  tags: string[];
  pop: number;
  own: number;
  aff: number;
  anchor: string | null;
  anchorShare: number;
  coPurchases: number;
}

export function forYou(db: ReadableDB, input: ForYouInput): ForYouResult {
  if (input.before && !Number.isFinite(input.before.getTime()))
    return fail('invalid-date', 'before is not a valid date');
  const member = db
    .prepareRead<[string], MemberRow>(
      'SELECT gender, consent_profile, erased_at FROM members WHERE member_id = ?',
    )
    .get(input.memberId);
  if (!member) return fail('unknown-member', `no member ${input.memberId.slice(0, 64)}`);
  if (
    !canUseProfile({
      consentProfile: member.consent_profile === 1,
      erased: member.erased_at !== null,
    })
  )
    return ok({ items: [], note: 'no-consent' });
  const limit = Math.max(0, Math.min(50, Math.floor(input.limit ?? 6)));
  const reference = input.before ?? input.now ?? new Date();
  const signals = memberSignals(db, input.memberId, reference, input.before ?? null);
  const genders = JSON.stringify(allowedGenders(member.gender));
  const candidates = new Map<string, Candidate>();
  const factsOf = db.prepareRead<
    [{ style: string; genders: string }],
    { slot: string; tags: string }
  >(
    `SELECT outfit_slot AS slot, style_tags AS tags FROM products
     WHERE style_id = @style AND gender IN (SELECT value FROM json_each(@genders))`,
  );
  const candidate = (styleId: string, known?: { slot: string; tags: string }): Candidate | null => {
    const seen = candidates.get(styleId);
    if (seen) return seen;
    const facts = known ?? factsOf.get({ style: styleId, genders });
    if (!facts) return null;
    const c: Candidate = {
      slot: facts.slot,
      tags: splitTags(facts.tags),
      pop: 0,
      own: 0,
      aff: 0,
      anchor: null,
      anchorShare: 0,
      coPurchases: 0,
    };
    candidates.set(styleId, c);
    return c;
  };

  const ranking = popularityRanking(db, { before: input.before }, genders).slice(0, POPULAR_POOL);
  const maxPop = Math.max(1, ...ranking.map((r) => r.purchases));
  for (const row of ranking) {
    const c = candidate(row.styleId, row);
    if (c) c.pop = row.purchases / maxPop;
  }
  const seeds = [...signals.styles.values()].filter((s) => s.weight > 0);
  const maxOwn = Math.max(0, ...seeds.filter((s) => !s.rejectedOnly).map((s) => s.weight));
  for (const s of seeds) {
    if (s.rejectedOnly || maxOwn === 0) continue;
    const c = candidate(s.styleId);
    if (c) c.own = s.weight / maxOwn;
  }
  const partnersOf = db.prepareRead<
    [string],
    { styleB: string; score: number; coPurchases: number }
  >(
    `SELECT style_b AS styleB, score, co_purchases AS coPurchases FROM style_affinity WHERE style_a = ?`,
  );
  for (const seed of seeds) {
    const partners = partnersOf.all(seed.styleId);
    const best = partners.reduce((m, p) => Math.max(m, p.score), 0);
    for (const p of partners) {
      const c = best > 0 ? candidate(p.styleB) : null;
      if (!c) continue;
      // Each seed spreads its weight relative to its best partner, so a bestseller's raw counts
      // do not drown the member's other tastes.
      const share = (seed.weight * p.score) / best;
      c.aff += share;
      if (share > c.anchorShare) {
        c.anchor = seed.styleId;
        c.anchorShare = share;
        c.coPurchases = p.coPurchases;
      }
    }
  }
  const maxAff = Math.max(0, ...[...candidates.values()].map((c) => c.aff));
  const tagTotal = [...signals.tags.values()].reduce((a, b) => a + b, 0);
  const scored = [...candidates.entries()].map(([styleId, c]) => {
    const tagMatch =
      tagTotal > 0 ? c.tags.reduce((sum, t) => sum + (signals.tags.get(t) ?? 0), 0) / tagTotal : 0;
    const parts = {
      tags: c.pop * BLEND.tags * tagMatch,
      own: BLEND.own * c.own,
      affinity: maxAff > 0 ? (BLEND.affinity * c.aff) / maxAff : 0,
    };
    return { styleId, c, parts, score: c.pop + parts.tags + parts.own + parts.affinity };
  });
  scored.sort((x, y) => y.score - x.score || (x.styleId < y.styleId ? -1 : 1));

  const items: Recommendation[] = [];
  for (const { styleId, c, parts, score } of scored) {
    if (items.length >= limit) break;
    const personal = Math.max(parts.tags, parts.own, parts.affinity);
    if (personal < c.pop * 0.25 && input.fill === false) continue;
    const variant = variantToShow(db, styleId, input.storeId, signals.sizes[c.slot]);
    if (!variant) continue;
    const own = signals.styles.get(styleId);
    let reason: Label | null = POPULAR_REASON;
    let kind: Recommendation['kind'] = 'for-you';
    if (personal < c.pop * 0.25) kind = 'popular';
    else if (parts.own === personal && own) reason = directReason(own);
    else if (parts.affinity === personal && c.anchor)
      reason = affinityReason(db, c.anchor, signals.styles.get(c.anchor)?.bought ?? false);
    else reason = tagReason(c.tags, signals.tags);
    if (!reason) continue;
    items.push({ sku: variant.sku, styleId, reason, kind, score });
  }
  return ok({ items });
}
