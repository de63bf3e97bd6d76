/**
 * Picks from the kiosk's model (cloud-trained, or trained here on this kiosk's history):
 *
 * - `forYou`: a member's personal picks (the CLI, the staff console). Only for members who
 *   consented to profiling and were not erased; otherwise nothing about them is read and the
 *   answer is empty with the note `no-consent`;
 * - `visitPicks`: the mirror's "for you" row, re-ranked at once by the visit's live signals; for a
 *   shopper without a member or without profiling consent, from the visit and the bestsellers
 *   only.
 *
 * Every item is a variant that can be had (here, online, or reserved in another store), never in a
 * colour the shopper turned down in this visit, in the member's usual size of that category when
 * known; each keeps its reason in both languages.
 */
import { fail, ok, type Result } from '../../common/result';
import { canUseProfile } from '../members/member-view';
import {
  coldMemberModel,
  pickReason,
  rankLive,
  sizeProposalReason,
  type Gender,
  type MemberModel,
  type Recommendation,
  type VisitTryOn,
} from '../recommend';
import type { ReadableDB } from '../store/db';
import { variantToShow } from './catalog-facts';
import { activeModel, memberModel, popularStyles } from './model-tables';
import { modelReader } from './model-reader';
import { memberEvents } from './training-data';

export interface ForYouInput {
  memberId: string;
  storeId: string;
  /** Default 6. */
  limit?: number | undefined;
  now?: Date | undefined;
}

export type ForYouResult = Result<
  { items: Recommendation[]; note?: 'no-consent' | 'no-model' },
  'unknown-member'
>;

interface MemberRow {
  gender: string | null;
  consent_profile: number;
  erased_at: string | null;
}

const POPULAR_POOL = 100;
const asGender = (g: string | null): Gender | null =>
  g === 'F' || g === 'M' || g === 'U' ? g : null;
const clampLimit = (limit: number | undefined) => Math.max(0, Math.min(50, Math.floor(limit ?? 6)));

function memberRow(db: ReadableDB, memberId: string): MemberRow | undefined {
  return db
    .prepareRead<[string], MemberRow>(
      'SELECT gender, consent_profile, erased_at FROM members WHERE member_id = ?',
    )
    .get(memberId);
}

const profilingAllowed = (m: MemberRow) =>
  canUseProfile({ consentProfile: m.consent_profile === 1, erased: m.erased_at !== null });

/** The model's row for a consenting member, or picks made here from their own events. */
function picksOf(db: ReadableDB, memberId: string, now: Date): MemberModel | null {
  const stored = memberModel(db, memberId);
  if (stored) return stored;
  const model = activeModel(db);
  if (!model) return null;
  const events = memberEvents(db, memberId);
  if (events.length === 0) return null;
  const reader = modelReader(db);
  return coldMemberModel({
    memberId,
    events,
    now: now.getTime(),
    weights: model.meta.weights,
    popular: popularStyles(db, POPULAR_POOL),
    neighbours: reader.neighbours,
    tags: (styleId) => reader.facts(styleId)?.tags ?? [],
    limit: 40,
  });
}

interface RankRequest {
  member: MemberModel | null;
  gender: Gender | null;
  visit: readonly VisitTryOn[];
  storeId: string;
  limit: number;
}

function ranked(db: ReadableDB, req: RankRequest): Recommendation[] {
  const reader = modelReader(db);
  const ranking = rankLive({
    member: req.member,
    popular: popularStyles(db, POPULAR_POOL),
    neighbours: reader.neighbours,
    facts: reader.facts,
    sizes: reader.sizes,
    gender: req.gender,
    visit: req.visit,
    limit: req.limit * 3,
  });
  const items: Recommendation[] = [];
  for (const p of ranking.sizeProposals) {
    if (items.length >= req.limit) break;
    const sku = variantToShow(db, p.styleId, req.storeId, p.to, {
      otherStores: true,
      colour: p.colour,
    });
    if (sku && sku.size === p.to)
      items.push({
        sku: sku.sku,
        styleId: p.styleId,
        reason: sizeProposalReason(p),
        kind: 'other-size',
        score: 1,
      });
  }
  for (const pick of ranking.picks) {
    if (items.length >= req.limit) break;
    const facts = reader.facts(pick.styleId);
    const size = facts ? req.member?.sizes[facts.category] : undefined;
    const variant = variantToShow(db, pick.styleId, req.storeId, size, {
      avoidColours: ranking.avoidColours,
      otherStores: true,
    });
    if (!variant) continue;
    items.push({
      sku: variant.sku,
      styleId: pick.styleId,
      reason: pickReason(pick.why, reader.name),
      kind: pick.why.code === 'popular' ? 'popular' : 'for-you',
      score: Math.round(pick.score * 10_000) / 10_000,
    });
  }
  return items;
}

/** A member's personal picks; empty with a note without consent or without any model yet. */
export function forYou(db: ReadableDB, input: ForYouInput): ForYouResult {
  const member = memberRow(db, input.memberId);
  if (!member) return fail('unknown-member', `no member ${input.memberId.slice(0, 64)}`);
  if (!profilingAllowed(member)) return ok({ items: [], note: 'no-consent' });
  if (!activeModel(db)) return ok({ items: [], note: 'no-model' });
  const picks = picksOf(db, input.memberId, input.now ?? new Date());
  return ok({
    items: ranked(db, {
      member: picks,
      gender: asGender(member.gender),
      visit: [],
      storeId: input.storeId,
      limit: clampLimit(input.limit),
    }),
  });
}

export interface VisitPicksInput {
  /** The signed-in member, or null for an anonymous shopper. */
  memberId: string | null;
  visit: readonly VisitTryOn[];
  storeId: string;
  limit?: number | undefined;
  /** The shopper's gender when known without a profile (e.g. from the visit's garments). */
  gender?: Gender | null | undefined;
  now?: Date | undefined;
}

/**
 * The mirror's picks for this visit: personal and live for a consenting member, live and popular
 * for everyone else (nothing about a non-consenting member is read but their consent).
 */
export function visitPicks(db: ReadableDB, input: VisitPicksInput): Recommendation[] {
  if (!activeModel(db)) return [];
  const member = input.memberId ? memberRow(db, input.memberId) : undefined;
  const personal =
    input.memberId && member && profilingAllowed(member)
      ? picksOf(db, input.memberId, input.now ?? new Date())
      : null;
  return ranked(db, {
    member: personal,
    gender: (personal && member ? asGender(member.gender) : null) ?? input.gender ?? null,
    visit: input.visit,
    storeId: input.storeId,
    limit: clampLimit(input.limit),
  });
}
