/**
 * The brand's training data in the cloud: every store's and channel's history (exported before
 * the kiosks synced) plus every sale and try-on pushed since, the catalog, and the members'
 * consent. Read page by page (keyset), so a large history never sits in one result set.
 *
 * An erased member's events stay only as anonymous events (they still count for popularity and
 * for pairs of styles), and so do those of members without profiling consent; a provisional id a
 * kiosk gave offline is read as the member it became.
 */
import {
  EventTable,
  inWearingOrder,
  OUTCOMES,
  REASONS,
  type Gender,
  type MemberInfo,
  type StyleInfo,
} from '../../core/recommend';
import type { Db, SqlParam } from '../db/db';

const PAGE = 20_000;

interface EventRow {
  k1: string;
  k2: number;
  member_id: string | null;
  style_id: string;
  size: string;
  colour: string;
  outcome: string;
  reason: string | null;
  at: number;
  grp: string;
}

const columns = `v.style_id, v.size, v.color_code AS colour,
  (extract(epoch FROM at_) * 1000)::float8 AS at`;
const member = (column: string) =>
  `coalesce((SELECT a.member_id FROM member_aliases a WHERE a.provisional_id = ${column}), ${column}) AS member_id`;

/** Each source with its keyset: rows after ($1, $2) in key order, at most $3. */
const SOURCES = [
  `SELECT h.txn_id AS k1, h.line_no AS k2, ${member('h.member_id')}, 'purchase' AS outcome, NULL::text AS reason,
     'X:' || h.txn_id AS grp, ${columns.replace('at_', 'h.ts')}
   FROM history_transactions h JOIN variants v ON v.sku = h.sku
   WHERE (h.txn_id, h.line_no) > ($1, $2) ORDER BY h.txn_id, h.line_no LIMIT $3`,
  `SELECT t.session_id AS k1, t.line_no AS k2, ${member('t.member_id')}, t.outcome, t.reason,
     'T:' || t.session_id AS grp, ${columns.replace('at_', 't.ts')}
   FROM history_tryons t JOIN variants v ON v.sku = t.sku
   WHERE (t.session_id, t.line_no) > ($1, $2) ORDER BY t.session_id, t.line_no LIMIT $3`,
  `SELECT s.sale_id AS k1, l.n::int AS k2, ${member('s.member_id')}, 'purchase' AS outcome, NULL::text AS reason,
     'S:' || s.sale_id AS grp, ${columns.replace('at_', 's.sold_at')}
   FROM sales s CROSS JOIN LATERAL jsonb_array_elements(s.body->'lines') WITH ORDINALITY AS l(line, n)
     JOIN variants v ON v.sku = l.line->>'sku'
   WHERE (s.sale_id, l.n::int) > ($1, $2)
     AND NOT EXISTS (SELECT 1 FROM history_transactions x WHERE x.txn_id = s.sale_id)
   ORDER BY s.sale_id, l.n LIMIT $3`,
  `SELECT t.tryon_id AS k1, 0 AS k2, ${member("t.body->>'memberId'")}, t.outcome, t.reason,
     'V:' || (t.body->>'sessionId') AS grp, ${columns.replace('at_', 't.at')}
   FROM tryons t JOIN variants v ON v.sku = t.body->>'sku'
   WHERE t.outcome IS NOT NULL AND t.outcome <> 'tried' AND t.device_id <> 'history'
     AND (t.tryon_id, 0) > ($1, $2)
   ORDER BY t.tryon_id LIMIT $3`,
];

export interface TrainingData {
  table: EventTable;
  catalog: StyleInfo[];
  members: MemberInfo[];
}

const gender = (value: string | null): Gender | null =>
  value === 'F' || value === 'M' || value === 'U' ? value : null;

export async function loadTrainingData(db: Db): Promise<TrainingData> {
  const { rows: memberRows } = await db.query<{
    member_id: string;
    gender: string | null;
    consent_profile: boolean;
    erased: boolean;
    home_store: string | null;
  }>('SELECT member_id, gender, consent_profile, erased, home_store FROM members');
  const members: MemberInfo[] = memberRows.map((m) => ({
    memberId: m.member_id,
    gender: gender(m.gender),
    profiling: m.consent_profile && !m.erased,
    homeStore: m.home_store,
  }));
  const erased = new Set(memberRows.filter((m) => m.erased).map((m) => m.member_id));
  const table = new EventTable();
  for (const sql of SOURCES) {
    let after: SqlParam[] = ['', -1];
    for (;;) {
      const { rows } = await db.query<EventRow>(sql, [...after, PAGE]);
      for (const r of rows) {
        const outcome = OUTCOMES.find((o) => o === r.outcome);
        if (!outcome) continue;
        table.add({
          memberId: r.member_id && !erased.has(r.member_id) ? r.member_id : null,
          styleId: r.style_id,
          size: r.size,
          colour: r.colour,
          outcome,
          reason: REASONS.find((x) => x === r.reason) ?? null,
          at: Number(r.at),
          group: r.grp,
        });
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      after = [last.k1, Number(last.k2)];
    }
  }
  const { rows: products } = await db.query<{
    style_id: string;
    style_tags: string;
    outfit_slot: string;
    category: string;
    gender: string;
    sizes: string[] | null;
  }>(
    `SELECT p.style_id, p.style_tags, p.outfit_slot, p.category, p.gender,
       (SELECT array_agg(DISTINCT v.size) FROM variants v WHERE v.style_id = p.style_id) AS sizes
     FROM products p`,
  );
  const catalog: StyleInfo[] = products.map((p) => ({
    styleId: p.style_id,
    tags: p.style_tags
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
    slot: p.outfit_slot,
    category: p.category,
    gender: gender(p.gender) ?? 'U',
    sizes: inWearingOrder(p.sizes ?? []),
  }));
  return { table, catalog, members };
}
