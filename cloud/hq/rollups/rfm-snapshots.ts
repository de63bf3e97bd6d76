/**
 * RFM by month. RFM scores are quintiles over all members, so they cannot be counters kept per
 * mutation: a month's snapshot is computed from the member × month rollup (the 12 months ending
 * with it) with core's scoring rules, stored with its per-store segment counts and the movement
 * from the previous month's snapshot, and read from then on. A closed month is computed once; the
 * current month again when its snapshot is older than a day. Several instances computing at once
 * serialize on an advisory lock and the second finds the first one's snapshot.
 */
import { scoreRfm, segmentOf } from '../../../core/rules';
import type { Db, Queryable } from '../../db/db';
import { addDays } from '../../hq-api';

const WINDOW_MONTHS = 12;
const DAY_MS = 86_400_000;

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export function addMonths(month: string, n: number): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}
const lastDayOf = (month: string) => addDays(addMonths(month, 1), -1);

interface MemberWindow {
  member_key: string;
  home_store: string;
  join_month: string | null;
  last_at: string;
  frequency: number;
  monetary: number;
}

/**
 * Makes sure the snapshot of `month` (and the one before, for movement) exists and is fresh;
 * `today` is the brand's current day. Returns the month's `as_of` day.
 */
export async function ensureRfmSnapshot(db: Db, month: string, today: string): Promise<string> {
  await ensureOne(db, addMonths(month, -1), today);
  return ensureOne(db, month, today);
}

async function ensureOne(db: Db, month: string, today: string): Promise<string> {
  const asOf = lastDayOf(month) < today ? lastDayOf(month) : today;
  const fresh = async (q: Queryable) => {
    const { rows } = await q.query<{ as_of: string }>(
      'SELECT as_of::text AS as_of FROM hq_rfm_snapshots WHERE month = $1',
      [month],
    );
    return rows[0]?.as_of === asOf;
  };
  if (await fresh(db)) return asOf;
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('hq-rfm-snapshot'))");
    if (await fresh(tx)) return;
    await computeSnapshot(tx, month, asOf);
  });
  return asOf;
}

async function computeSnapshot(tx: Queryable, month: string, asOf: string): Promise<void> {
  const { rows } = await tx.query<MemberWindow>(
    `SELECT member_key, min(home_store) AS home_store, min(join_month)::text AS join_month,
       max(last_at)::text AS last_at, sum(orders)::float8 AS frequency, sum(net_cents)::float8 AS monetary
     FROM hq_member_month WHERE month BETWEEN $1::date AND $2::date
     GROUP BY member_key ORDER BY member_key`,
    [addMonths(month, 1 - WINDOW_MONTHS), month],
  );
  const endMs = Date.parse(`${asOf}T23:59:59+08:00`);
  const now = new Date(endMs);
  const scored = scoreRfm(
    rows.map((r) => ({
      memberId: r.member_key,
      lastAt: r.last_at,
      recencyDays: Math.max(0, Math.floor((endMs - Date.parse(r.last_at)) / DAY_MS)),
      frequency: r.frequency,
      monetaryCents: Math.max(0, r.monetary),
    })),
  );
  await tx.query('DELETE FROM hq_rfm_snapshots WHERE month = $1', [month]);
  await tx.query(
    'INSERT INTO hq_rfm_snapshots (month, as_of, computed_at) VALUES ($1, $2, now())',
    [month, asOf],
  );
  const members = scored.map((s, i) => {
    const r = rows[i];
    return {
      member_key: s.memberId,
      home_store: r?.home_store ?? '-',
      segment: segmentOf(s, { joinedOn: r?.join_month ?? undefined, now }),
      r: s.r,
      f: s.f,
      m: s.m,
      recency_days: s.recencyDays,
      frequency: s.frequency,
      monetary_cents: s.monetaryCents,
    };
  });
  for (let i = 0; i < members.length; i += 5000) {
    await tx.query(
      `INSERT INTO hq_rfm_members (month, member_key, home_store, segment, r, f, m, recency_days, frequency, monetary_cents)
       SELECT $1, member_key, home_store, segment, r, f, m, recency_days, frequency, monetary_cents
       FROM jsonb_to_recordset($2::jsonb) AS x(member_key text, home_store text, segment text, r int, f int, m int,
         recency_days int, frequency int, monetary_cents bigint)`,
      [month, JSON.stringify(members.slice(i, i + 5000))],
    );
  }
  await tx.query(
    `INSERT INTO hq_rfm_segments SELECT month, home_store, segment, count(*), sum(monetary_cents)
     FROM hq_rfm_members WHERE month = $1 GROUP BY 1, 2, 3`,
    [month],
  );
  // every member of this month's or last month's snapshot with both segments (the drill-down's
  // rows, most valuable first through an index), then the moves counted from them
  await tx.query(
    `INSERT INTO hq_rfm_movement
     SELECT $1::date, coalesce(c.member_key, p.member_key), coalesce(c.home_store, p.home_store),
       coalesce(c.segment, 'none'), coalesce(p.segment, 'none'), c.r, c.f, c.m, c.recency_days, c.frequency,
       c.monetary_cents
     FROM (SELECT * FROM hq_rfm_members WHERE month = $1::date) c
     FULL JOIN (SELECT * FROM hq_rfm_members WHERE month = $2::date) p ON p.member_key = c.member_key`,
    [month, addMonths(month, -1)],
  );
  await tx.query(
    `INSERT INTO hq_rfm_moves SELECT month, home_store, previous_segment, segment, count(*)
     FROM hq_rfm_movement WHERE month = $1::date GROUP BY 1, 2, 3, 4`,
    [month],
  );
}
