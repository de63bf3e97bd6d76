/**
 * The kiosk's own history as training data: imported history (sales of every channel, try-ons
 * with outcome and reason) plus this kiosk's own completed sales and try-ons not yet in history,
 * the catalog's styles and the members' consent. Rows are streamed (`iterate`), never held twice.
 */
import {
  EventTable,
  inWearingOrder,
  OUTCOMES,
  REASONS,
  type Gender,
  type MemberInfo,
  type Outcome,
  type Reason,
  type RecEvent,
  type StyleInfo,
} from '../recommend';
import type { ReadableDB } from '../store/db';

interface EventRow {
  memberId: string | null;
  styleId: string;
  size: string;
  colour: string;
  outcome: string;
  reason: string | null;
  at: string;
  grp: string;
}

// Groups are prefixed by origin so a history id never merges with a local one. `member` is a
// filter on the member column: all events, or one member's (@member).
const eventsSql = (member: (column: string) => string) => `
  SELECT h.member_id AS memberId, v.style_id AS styleId, v.size AS size, v.color_code AS colour,
    'purchase' AS outcome, NULL AS reason, h.ts AS at, 'X:' || h.txn_id AS grp
  FROM history_transactions h JOIN variants v ON v.sku = h.sku WHERE ${member('h.member_id')}
  UNION ALL
  SELECT t.member_id, v.style_id, v.size, v.color_code, t.outcome, t.reason, t.ts, 'T:' || t.session_id
  FROM history_tryons t JOIN variants v ON v.sku = t.sku WHERE ${member('t.member_id')}
  UNION ALL
  SELECT s.member_id, v.style_id, v.size, v.color_code, 'purchase', NULL, s.created_at, 'S:' || s.sale_id
  FROM sales s JOIN sale_lines l ON l.sale_id = s.sale_id JOIN variants v ON v.sku = l.sku
  WHERE s.status = 'completed' AND ${member('s.member_id')}
    AND NOT EXISTS (SELECT 1 FROM history_transactions x WHERE x.txn_id = s.sale_id)
  UNION ALL
  SELECT se.member_id, v.style_id, v.size, v.color_code, t.outcome, t.reason, t.at, 'V:' || t.session_id
  FROM tryons t JOIN sessions se ON se.session_id = t.session_id JOIN variants v ON v.sku = t.sku
  WHERE ${member('se.member_id')}`;
const allEvents = eventsSql(() => '1 = 1');
const oneMembersEvents = eventsSql((column) => `${column} = @member`);

const outcomeOf = (value: string): Outcome | null => OUTCOMES.find((o) => o === value) ?? null;
const reasonOf = (value: string | null): Reason | null => REASONS.find((r) => r === value) ?? null;

function toEvent(row: EventRow): RecEvent | null {
  const outcome = outcomeOf(row.outcome);
  if (!outcome) return null;
  return {
    memberId: row.memberId,
    styleId: row.styleId,
    size: row.size,
    colour: row.colour,
    outcome,
    reason: reasonOf(row.reason),
    at: Date.parse(row.at),
    group: row.grp,
  };
}

export function loadEvents(db: ReadableDB): EventTable {
  const table = new EventTable();
  for (const row of db.prepareRead<[], EventRow>(allEvents).iterate()) {
    const event = toEvent(row);
    if (event) table.add(event);
  }
  return table;
}

/** One member's events (the caller checked consent): for picks of a member the model lacks. */
export function memberEvents(db: ReadableDB, memberId: string): RecEvent[] {
  return db
    .prepareRead<[{ member: string }], EventRow>(oneMembersEvents)
    .all({ member: memberId })
    .map(toEvent)
    .filter((e): e is RecEvent => e !== null && Number.isFinite(e.at));
}

const gender = (value: string | null): Gender | null =>
  value === 'F' || value === 'M' || value === 'U' ? value : null;

export function loadCatalog(db: ReadableDB): StyleInfo[] {
  const sizes = new Map<string, string[]>();
  for (const row of db
    .prepareRead<[], { styleId: string; size: string }>(
      'SELECT DISTINCT style_id AS styleId, size FROM variants',
    )
    .iterate()) {
    const list = sizes.get(row.styleId) ?? [];
    list.push(row.size);
    sizes.set(row.styleId, list);
  }
  return db
    .prepareRead<
      [],
      { styleId: string; tags: string; slot: string; category: string; gender: string }
    >(
      `SELECT style_id AS styleId, style_tags AS tags, outfit_slot AS slot, category, gender
       FROM products`,
    )
    .all()
    .map((p) => ({
      styleId: p.styleId,
      tags: splitTags(p.tags),
      slot: p.slot,
      category: p.category,
      gender: gender(p.gender) ?? 'U',
      sizes: inWearingOrder(sizes.get(p.styleId) ?? []),
    }));
}

export function loadMembers(db: ReadableDB): MemberInfo[] {
  return db
    .prepareRead<
      [],
      {
        memberId: string;
        gender: string | null;
        consent: number;
        erased: string | null;
        home: string | null;
      }
    >(
      `SELECT member_id AS memberId, gender, consent_profile AS consent, erased_at AS erased,
         home_store AS home FROM members`,
    )
    .all()
    .map((m) => ({
      memberId: m.memberId,
      gender: gender(m.gender),
      profiling: m.consent === 1 && m.erased === null,
      homeStore: m.home,
    }));
}

/** The tags of a product: `style_tags` is a '|'-separated list. */
export function splitTags(styleTags: string): string[] {
  return styleTags
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/**
 * A fingerprint of the imported history and of who may be profiled: a different number means an
 * import or a consent changed what training would see. (This kiosk's own visits and sales are
 * taken in by the daily retraining, not by every start.)
 */
export function trainingRows(db: ReadableDB): number {
  return (
    db
      .prepareRead<[], { n: number }>(
        `SELECT (SELECT count(*) FROM history_transactions) + (SELECT count(*) FROM history_tryons)
           + (SELECT count(*) FROM members WHERE consent_profile = 1 AND erased_at IS NULL) AS n`,
      )
      .get()?.n ?? 0
  );
}
