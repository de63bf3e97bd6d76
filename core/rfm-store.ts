/**
 * RFM for staff: a member's recency / frequency / monetary scores and named segment, from past
 * sales (history) and this kiosk's own completed sales. Shown only for members who consented to
 * profiling; for anyone else the answer is null, as if there were no history.
 *
 * Scores are relative (quintiles, core/rules/rfm), computed over consenting members only, so a
 * member who did not consent is not profiled even as part of someone else's comparison.
 */
import { canUseProfile } from './members/member-view';
import { rfmScores, segmentOf, SEGMENT_LABELS, type RfmScore, type Segment } from './rules/rfm';
import type { Label } from './rules/types';
import type { ReadableDB } from './store/db';

export interface MemberRfm extends RfmScore {
  segment: Segment;
  label: Label;
}

interface SaleRow {
  memberId: string;
  txnId: string;
  at: string;
  amountCents: number;
}

// One row per sale: history lines summed per transaction, plus local sales not yet in history.
const salesSql = `
  SELECT h.member_id AS memberId, h.txn_id AS txnId, max(h.ts) AS at,
    sum(h.qty * h.unit_price_cents) AS amountCents
  FROM history_transactions h JOIN members m ON m.member_id = h.member_id
  WHERE m.consent_profile = 1 AND m.erased_at IS NULL
  GROUP BY h.member_id, h.txn_id
  UNION ALL
  SELECT s.member_id, s.sale_id, s.created_at, s.total_cents
  FROM sales s JOIN members m ON m.member_id = s.member_id
  WHERE s.status = 'completed' AND m.consent_profile = 1 AND m.erased_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM history_transactions x WHERE x.txn_id = s.sale_id)`;

/** RFM with segment for every consenting member with a sale on or before `now`, by member id. */
export function rfmOfConsentingMembers(db: ReadableDB, now: Date): MemberRfm[] {
  const sales = db.prepareRead<[], SaleRow>(salesSql).all();
  const joined = new Map(
    db
      .prepareRead<[], { memberId: string; joinedOn: string | null }>(
        `SELECT member_id AS memberId, joined_on AS joinedOn FROM members
         WHERE consent_profile = 1 AND erased_at IS NULL`,
      )
      .all()
      .map((row) => [row.memberId, row.joinedOn]),
  );
  return rfmScores(sales, now).map((score) => {
    const segment = segmentOf(score, { joinedOn: joined.get(score.memberId) ?? undefined, now });
    return { ...score, segment, label: SEGMENT_LABELS[segment] };
  });
}

/**
 * The member's RFM and segment, or null when the member is unknown, erased, has not consented
 * to profiling, or has no sale on or before `now`.
 */
export function memberRfm(db: ReadableDB, memberId: string, now: Date): MemberRfm | null {
  const member = db
    .prepareRead<[string], { consent_profile: number; erased_at: string | null }>(
      'SELECT consent_profile, erased_at FROM members WHERE member_id = ?',
    )
    .get(memberId);
  if (!member) return null;
  if (
    !canUseProfile({
      consentProfile: member.consent_profile === 1,
      erased: member.erased_at !== null,
    })
  )
    return null;
  return rfmOfConsentingMembers(db, now).find((r) => r.memberId === memberId) ?? null;
}

/** How many consenting members are in each segment, for the staff overview. */
export function segmentCounts(db: ReadableDB, now: Date): Record<Segment, number> {
  const counts = Object.fromEntries(Object.keys(SEGMENT_LABELS).map((s) => [s, 0])) as Record<
    Segment,
    number
  >;
  for (const r of rfmOfConsentingMembers(db, now)) counts[r.segment] += 1;
  return counts;
}
