/**
 * Campaign operations on the database: create a draft, preview its audience, launch it (audience
 * drawn, control group held out and recorded, the coupon made and the treatment members' stream
 * rows re-published, all in one transaction), list, and read one with its result.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../common/result';
import type { Db, Queryable } from '../db/db';
import {
  CampaignDraftSchema,
  type Campaign,
  type CampaignPreview,
  type CampaignResult,
} from '../hq-api';
import { ensureRfmSnapshot, monthOf } from '../hq/rollups/rfm-snapshots';
import { publish } from '../streams/projections';
import { memberWindow, splitControl, type Window } from './audience';
import { measure } from './measure';

type Draft = z.output<typeof CampaignDraftSchema>;
export type CampaignError = 'not-found' | 'already-launched' | 'schedule-over' | 'bad-request';

interface CampaignRow {
  campaign_id: string;
  name: string;
  segments: string[];
  stores: string[];
  tiers: string[];
  offer_kind: Campaign['offer']['kind'];
  offer_value: number;
  min_spend_cents: number;
  title_zh: string;
  title_en: string;
  starts_on: string;
  ends_on: string;
  birthday_month: boolean;
  control_pct: number;
  coupon_code: string | null;
  launched_at: string | null;
  created_by: string;
}

const COLUMNS = `campaign_id, name, segments, stores, tiers, offer_kind, offer_value, min_spend_cents, title_zh,
  title_en, starts_on::text, ends_on::text, birthday_month, control_pct, coupon_code, created_by,
  to_char(launched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS launched_at`;

function statusOf(row: CampaignRow, today: string): Campaign['status'] {
  if (!row.launched_at) return 'draft';
  if (today < row.starts_on) return 'scheduled';
  return today > row.ends_on ? 'ended' : 'running';
}

function toCampaign(row: CampaignRow, today: string): Campaign {
  return {
    campaignId: row.campaign_id,
    name: row.name,
    segments: row.segments,
    stores: row.stores,
    tiers: row.tiers,
    offer: {
      kind: row.offer_kind,
      value: row.offer_value,
      minSpendCents: row.min_spend_cents,
      titleZh: row.title_zh,
      titleEn: row.title_en,
    },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    birthdayMonth: row.birthday_month,
    controlPct: row.control_pct,
    status: statusOf(row, today),
    couponCode: row.coupon_code,
    launchedAt: row.launched_at,
    createdBy: row.created_by,
  };
}

async function findRow(q: Queryable, id: string, lock = false): Promise<CampaignRow | undefined> {
  const { rows } = await q.query<CampaignRow>(
    `SELECT ${COLUMNS} FROM campaigns WHERE campaign_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

export async function createCampaign(
  db: Db,
  draft: Draft,
  createdBy: string,
  now: Date,
  today: string,
): Promise<Campaign> {
  const { rows } = await db.query<CampaignRow>(
    `INSERT INTO campaigns (campaign_id, name, segments, stores, tiers, offer_kind, offer_value, min_spend_cents,
       title_zh, title_en, starts_on, ends_on, birthday_month, control_pct, created_by, created_at)
     VALUES ('CMP' || lpad(nextval('campaign_no')::text, 4, '0'), $1, $2::jsonb, $3::jsonb, $4::jsonb, $5, $6, $7,
       $8, $9, $10, $11, $12, $13, $14, $15)
     RETURNING ${COLUMNS}`,
    [
      draft.name,
      JSON.stringify(draft.segments),
      JSON.stringify(draft.stores),
      JSON.stringify(draft.tiers),
      draft.offer.kind,
      draft.offer.value,
      draft.offer.minSpendCents,
      draft.offer.titleZh,
      draft.offer.titleEn,
      draft.startsOn,
      draft.endsOn,
      draft.birthdayMonth,
      draft.controlPct,
      createdBy,
      now.toISOString(),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('campaign insert returned no row');
  return toCampaign(row, today);
}

export async function listCampaigns(db: Db, today: string): Promise<Campaign[]> {
  const { rows } = await db.query<CampaignRow>(
    `SELECT ${COLUMNS} FROM campaigns ORDER BY campaign_id DESC`,
  );
  return rows.map((r) => toCampaign(r, today));
}

interface Eligible {
  member_id: string;
  home_store: string;
  window: Window;
}

/**
 * Members the audience names today: in the latest RFM snapshot's segments, of the stores and tiers
 * (empty = all), consented to marketing, not erased, with a window inside the schedule.
 */
async function eligibleMembers(
  q: Queryable,
  a: { segments: string[]; stores: string[]; tiers: string[]; birthdayMonth: boolean } & Window,
  rfmMonth: string,
): Promise<Eligible[]> {
  const { rows } = await q.query<{
    member_id: string;
    home_store: string;
    birthday: string | null;
  }>(
    `SELECT m.member_id, m.home_store, m.birthday FROM members m
     JOIN hq_rfm_members r ON r.member_key = m.member_id AND r.month = $1::date
     WHERE NOT m.erased AND m.consent_marketing AND m.home_store IS NOT NULL
       AND r.segment IN (SELECT jsonb_array_elements_text($2::jsonb))
       AND (jsonb_array_length($3::jsonb) = 0 OR m.home_store IN (SELECT jsonb_array_elements_text($3::jsonb)))
       AND (jsonb_array_length($4::jsonb) = 0 OR m.tier IN (SELECT jsonb_array_elements_text($4::jsonb)))
     ORDER BY m.member_id`,
    [rfmMonth, JSON.stringify(a.segments), JSON.stringify(a.stores), JSON.stringify(a.tiers)],
  );
  return rows.flatMap((r) => {
    const window = memberWindow(a, a.birthdayMonth, r.birthday);
    return window ? [{ member_id: r.member_id, home_store: r.home_store, window }] : [];
  });
}

export async function previewCampaign(
  db: Db,
  draft: Draft,
  today: string,
): Promise<CampaignPreview> {
  const rfmMonth = monthOf(today);
  await ensureRfmSnapshot(db, rfmMonth, today);
  // the launch draws from today when the schedule has begun: the preview counts the same members
  const from = draft.startsOn < today ? today : draft.startsOn;
  const eligible = await eligibleMembers(db, { ...draft, from, to: draft.endsOn }, rfmMonth);
  const control = Math.round((eligible.length * draft.controlPct) / 100);
  return { eligible: eligible.length, control, treatment: eligible.length - control };
}

/**
 * Launches a draft: draws the audience from the current RFM snapshot, holds out the control
 * group, records both arms, creates the campaign's coupon (kept out of the brand-wide coupons
 * stream) and re-publishes the treatment members' rows, which now carry the offer.
 */
export async function launchCampaign(
  db: Db,
  id: string,
  launchedBy: string,
  now: Date,
  today: string,
): Promise<Result<CampaignResult, CampaignError>> {
  const rfmMonth = monthOf(today);
  await ensureRfmSnapshot(db, rfmMonth, today);
  const launched = await db.transaction(async (tx): Promise<Result<true, CampaignError>> => {
    const row = await findRow(tx, id, true);
    if (!row) return fail('not-found', `no campaign ${id}`);
    if (row.launched_at) return fail('already-launched', `${id} was launched already`);
    if (row.ends_on < today) return fail('schedule-over', `${id} ended on ${row.ends_on}`);
    const from = row.starts_on < today ? today : row.starts_on;
    const eligible = await eligibleMembers(
      tx,
      { ...row, birthdayMonth: row.birthday_month, from, to: row.ends_on },
      rfmMonth,
    );
    const arms = splitControl(eligible, row.control_pct);
    const code = `${id}-${row.offer_kind === 'points_multiplier' ? 'PTS' : 'OFF'}`;
    await tx.query(
      `INSERT INTO coupons (code, title_zh, title_en, kind, value, min_spend_cents, valid_from, valid_to, min_tier,
         single_use, campaign_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT tier FROM tiers ORDER BY min_annual_spend_yuan, tier LIMIT 1),
         $10, $9)`,
      [
        code,
        row.title_zh,
        row.title_en,
        row.offer_kind,
        row.offer_value,
        row.min_spend_cents,
        from,
        row.ends_on,
        id,
        // a coupon is used once; a points multiplier ("double points in the birthday month")
        // applies to every purchase in the member's window, like the demo's BDAY2X
        row.offer_kind !== 'points_multiplier',
      ],
    );
    const members = [
      ...arms.treatment.map((m) => ({ ...m, arm: 'treatment' })),
      ...arms.control.map((m) => ({ ...m, arm: 'control' })),
    ].map((m) => ({
      member_id: m.member_id,
      arm: m.arm,
      home_store: m.home_store,
      valid_from: m.window.from,
      valid_to: m.window.to,
    }));
    await tx.query(
      `INSERT INTO campaign_members (campaign_id, member_id, arm, home_store, valid_from, valid_to)
       SELECT $1, x.member_id, x.arm, x.home_store, x.valid_from::date, x.valid_to::date
       FROM jsonb_to_recordset($2::jsonb) AS x(member_id text, arm text, home_store text, valid_from text, valid_to text)`,
      [id, JSON.stringify(members)],
    );
    await tx.query(
      `UPDATE campaigns SET coupon_code = $2, launched_at = $3, launched_by = $4, rfm_month = $5
       WHERE campaign_id = $1`,
      [id, code, now.toISOString(), launchedBy, rfmMonth],
    );
    await publish(
      tx,
      'member',
      `member_id IN (SELECT member_id FROM campaign_members WHERE campaign_id = $1 AND arm = 'treatment')`,
      [id],
    );
    return ok(true);
  });
  if (!launched.ok) return launched;
  return campaignResult(db, id, today);
}

export async function campaignResult(
  db: Db,
  id: string,
  today: string,
): Promise<Result<CampaignResult, CampaignError>> {
  const row = await findRow(db, id);
  if (!row) return fail('not-found', `no campaign ${id}`);
  const campaign = toCampaign(row, today);
  const asOf = today < row.ends_on ? today : row.ends_on;
  return ok({ campaign, asOf, ...(await measure(db, row.campaign_id, row.starts_on, asOf)) });
}
