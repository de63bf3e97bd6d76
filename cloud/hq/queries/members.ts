/**
 * Members (by home store): the RFM snapshot of the range's last month and the movement from the
 * month before, repeat purchase over the range's months, cohort retention (the 12 latest join
 * months, active by calendar month up to the range's end), tiers and consent now, NPS by week.
 * Channel, category, season and style do not apply.
 */
import { IGNORED_FILTERS, RFM_SEGMENTS, type MembersResponse, type RfmSegment } from '../../hq-api';
import type { Db } from '../../db/db';
import { addMonths, ensureRfmSnapshot, monthOf } from '../rollups/rfm-snapshots';
import { applied, type Scope } from '../scope';
import { inStores, Params, total } from './sql';

const COHORTS = 12;
const isSegment = (s: string): s is RfmSegment => (RFM_SEGMENTS as readonly string[]).includes(s);

export async function members(db: Db, scope: Scope, today: string): Promise<MembersResponse> {
  const month = monthOf(scope.to);
  const asOf = await ensureRfmSnapshot(db, month, today);
  const previousMonth = addMonths(month, -1);
  const s = new Params();
  const { rows: segments } = await db.query<{
    segment: string;
    members: number;
    monetaryCents: number;
  }>(
    `SELECT segment, ${total('members')} AS members, ${total('monetary_cents')} AS "monetaryCents"
     FROM hq_rfm_segments WHERE month = ${s.add(month)}::date AND ${inStores(s, scope, 'home_store')}
     GROUP BY segment`,
    s.values,
  );
  const mv = new Params();
  const { rows: moves } = await db.query<{ from: string; to: string; members: number }>(
    `SELECT from_segment AS "from", to_segment AS "to", ${total('members')} AS members FROM hq_rfm_moves
     WHERE month = ${mv.add(month)}::date AND ${inStores(mv, scope, 'home_store')}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    mv.values,
  );
  const r = new Params();
  const { rows: repeat } = await db.query<{ buyers: number; repeaters: number }>(
    `SELECT ${total('buyers')} AS buyers, ${total('repeaters')} AS repeaters FROM hq_repeat_month
     WHERE month BETWEEN ${r.add(monthOf(scope.from))}::date AND ${r.add(month)}::date
       AND ${inStores(r, scope, 'home_store')}`,
    r.values,
  );
  const c = new Params();
  const { rows: cohortRows } = await db.query<{
    joinMonth: string;
    size: number;
    month: string | null;
    active: number | null;
  }>(
    `WITH sizes AS (
       SELECT join_month, sum(members) AS size FROM hq_cohort_sizes
       WHERE join_month <= ${c.add(month)}::date AND ${inStores(c, scope, 'home_store')}
       GROUP BY join_month ORDER BY join_month DESC LIMIT ${COHORTS})
     SELECT s.join_month::text AS "joinMonth", s.size::float8 AS size, a.month::text AS month,
       a.active::float8 AS active
     FROM sizes s LEFT JOIN LATERAL (
       -- only the listed cohorts' months (through hq_cohorts_join_month), not every cohort's
       SELECT a.month, sum(a.members) AS active FROM hq_cohorts a
       WHERE a.join_month = s.join_month
         AND a.month BETWEEN ${c.add(addMonths(month, -11))}::date AND ${c.add(month)}::date
         AND ${inStores(c, scope, 'a.home_store')}
       GROUP BY a.month) a ON true
     ORDER BY 1 DESC, 3`,
    c.values,
  );
  const cohorts: MembersResponse['cohorts'] = [];
  for (const row of cohortRows) {
    let cohort = cohorts.at(-1);
    if (!cohort || cohort.joinMonth !== row.joinMonth) {
      cohort = { joinMonth: row.joinMonth, size: row.size, months: [] };
      cohorts.push(cohort);
    }
    if (row.month !== null) cohort.months.push({ month: row.month, active: row.active ?? 0 });
  }
  const t = new Params();
  const { rows: tiers } = await db.query<MembersResponse['tiers'][number]>(
    `SELECT m.tier, ${total('m.members')} AS members, ${total('m.consent_profile')} AS "consentProfile",
       ${total('m.consent_marketing')} AS "consentMarketing", ${total('m.consent_photo')} AS "consentPhoto"
     FROM hq_store_members m LEFT JOIN tiers t ON t.tier = m.tier
     WHERE ${inStores(t, scope, 'm.home_store')}
     GROUP BY m.tier, t.min_annual_spend_yuan ORDER BY t.min_annual_spend_yuan NULLS LAST, m.tier`,
    t.values,
  );
  const n = new Params();
  const { rows: nps } = await db.query<MembersResponse['nps'][number]>(
    `SELECT week::text AS week, store_id AS "storeId", ${total('responses')} AS responses,
       ${total('promoters')} AS promoters, ${total('passives')} AS passives, ${total('detractors')} AS detractors
     FROM hq_nps_week WHERE week BETWEEN ${n.add(scope.from)}::date - 6 AND ${n.add(scope.to)}::date
       AND ${inStores(n, scope, 'store_id')}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    n.values,
  );
  return {
    filters: applied(scope, IGNORED_FILTERS['members']),
    rfm: {
      month,
      asOf,
      previousMonth,
      segments: RFM_SEGMENTS.map((segment) => {
        const row = segments.find((x) => x.segment === segment);
        return { segment, members: row?.members ?? 0, monetaryCents: row?.monetaryCents ?? 0 };
      }),
      moves: moves.filter((m) => m.from === 'none' || isSegment(m.from)),
    },
    repeat: repeat[0] ?? { buyers: 0, repeaters: 0 },
    cohorts,
    tiers,
    nps,
  };
}
