/**
 * What a member's own history says about their taste: every style they bought, tried on or saved
 * (preference `styles.liked`), weighted by what happened and how long ago, and their usual size
 * per outfit slot. Reads history and this kiosk's own sales and sessions. The caller checks
 * consent first (forYou); this module only reads.
 */
import type { ReadableDB } from '../store/db';

export type SignalKind = 'purchase' | 'bought' | 'liked' | 'size-swap' | 'rejected' | 'saved';

/** How much one event says about liking a style. A rejection says "not this one". */
export const SIGNAL_WEIGHTS: Record<SignalKind, number> = {
  purchase: 3,
  bought: 2,
  liked: 2,
  saved: 3,
  'size-swap': 1.5,
  // Trying a style on shows interest in its kind even when this piece was not right.
  rejected: 0.5,
};
/** Taste fades: an event this many days old counts half. */
export const HALF_LIFE_DAYS = 180;

export interface StyleSignal {
  styleId: string;
  weight: number;
  bought: boolean;
  /** Liked on a try-on or saved, and not bought. */
  wanted: boolean;
  saved: boolean;
  /** Every try-on of it was rejected and it was never bought nor saved. */
  rejectedOnly: boolean;
}

export interface MemberSignals {
  styles: Map<string, StyleSignal>;
  /** The most bought size per outfit slot, e.g. { top: 'M' }. */
  sizes: Record<string, string>;
  /** Taste by style tag (products.style_tags): summed event weights, e.g. { business: 7.5 }. */
  tags: Map<string, number>;
}

interface EventRow {
  styleId: string;
  tags: string;
  slot: string;
  size: string;
  kind: string;
  at: string;
}

const cut = (column: string) => `(@before IS NULL OR unixepoch(${column}) < unixepoch(@before))`;

const eventsSql = `
  SELECT v.style_id AS styleId, p.style_tags AS tags, p.outfit_slot AS slot, v.size AS size, 'purchase' AS kind, h.ts AS at
  FROM history_transactions h JOIN variants v ON v.sku = h.sku JOIN products p ON p.style_id = v.style_id
  WHERE h.member_id = @member AND ${cut('h.ts')}
  UNION ALL
  SELECT v.style_id, p.style_tags, p.outfit_slot, v.size, 'purchase', s.created_at
  FROM sales s JOIN sale_lines l ON l.sale_id = s.sale_id JOIN variants v ON v.sku = l.sku
    JOIN products p ON p.style_id = v.style_id
  WHERE s.member_id = @member AND s.status = 'completed' AND ${cut('s.created_at')}
    AND NOT EXISTS (SELECT 1 FROM history_transactions x WHERE x.txn_id = s.sale_id)
  UNION ALL
  SELECT v.style_id, p.style_tags, p.outfit_slot, v.size, t.outcome, t.ts
  FROM history_tryons t JOIN variants v ON v.sku = t.sku JOIN products p ON p.style_id = v.style_id
  WHERE t.member_id = @member AND ${cut('t.ts')}
  UNION ALL
  SELECT v.style_id, p.style_tags, p.outfit_slot, v.size, t.outcome, t.at
  FROM sessions se JOIN tryons t ON t.session_id = se.session_id JOIN variants v ON v.sku = t.sku
    JOIN products p ON p.style_id = v.style_id
  WHERE se.member_id = @member AND ${cut('t.at')}`;

/** The tags of a product: `style_tags` is a '|'-separated list. */
export function splitTags(styleTags: string): string[] {
  return styleTags
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Style ids from a `styles.liked` preference: an array of ids or of objects with `styleId`. */
export function savedStyles(json: string | undefined): string[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const entry of value) {
    const id =
      typeof entry === 'string'
        ? entry
        : entry && typeof entry === 'object' && 'styleId' in entry
          ? entry.styleId
          : null;
    if (typeof id === 'string' && id.length > 0 && id.length <= 64) ids.push(id);
  }
  return ids;
}

export function memberSignals(
  db: ReadableDB,
  memberId: string,
  reference: Date,
  before: Date | null,
): MemberSignals {
  const events = db
    .prepareRead<[{ member: string; before: string | null }], EventRow>(eventsSql)
    .all({ member: memberId, before: before ? before.toISOString() : null });
  const saved = db
    .prepareRead<[string], { value: string }>(
      `SELECT value FROM preferences WHERE member_id = ? AND key = 'styles.liked'`,
    )
    .get(memberId);
  const refMs = reference.getTime();
  const styles = new Map<string, StyleSignal & { rejections: number; positives: number }>();
  const sizeCounts = new Map<string, Map<string, number>>();
  const tags = new Map<string, number>();
  const add = (styleId: string, kind: SignalKind, atMs: number, styleTags: string) => {
    const s = styles.get(styleId) ?? {
      styleId,
      weight: 0,
      bought: false,
      wanted: false,
      saved: false,
      rejectedOnly: false,
      rejections: 0,
      positives: 0,
    };
    const ageDays = Number.isFinite(atMs) ? Math.max(0, (refMs - atMs) / 86_400_000) : 0;
    const weight = SIGNAL_WEIGHTS[kind] * 0.5 ** (ageDays / HALF_LIFE_DAYS);
    s.weight += weight;
    for (const tag of splitTags(styleTags)) tags.set(tag, (tags.get(tag) ?? 0) + weight);
    if (kind === 'purchase' || kind === 'bought') s.bought = true;
    if (kind === 'saved') s.saved = true;
    if (kind === 'liked' || kind === 'size-swap' || kind === 'saved') s.wanted = true;
    if (kind === 'rejected') s.rejections++;
    else s.positives++;
    styles.set(styleId, s);
  };
  for (const e of events) {
    const kind = (e.kind in SIGNAL_WEIGHTS ? e.kind : 'liked') as SignalKind;
    add(e.styleId, kind, Date.parse(e.at), e.tags);
    if (kind === 'purchase') {
      const bySize = sizeCounts.get(e.slot) ?? new Map<string, number>();
      bySize.set(e.size, (bySize.get(e.size) ?? 0) + 1);
      sizeCounts.set(e.slot, bySize);
    }
  }
  const tagsOf = db.prepareRead<[string], { tags: string }>(
    'SELECT style_tags AS tags FROM products WHERE style_id = ?',
  );
  for (const styleId of savedStyles(saved?.value))
    add(styleId, 'saved', refMs, tagsOf.get(styleId)?.tags ?? '');
  const sizes: Record<string, string> = {};
  for (const [slot, bySize] of sizeCounts) {
    const best = [...bySize.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best) sizes[slot] = best[0];
  }
  const out = new Map<string, StyleSignal>();
  for (const [id, s] of styles) {
    out.set(id, {
      styleId: id,
      weight: s.weight,
      bought: s.bought,
      wanted: s.wanted && !s.bought,
      saved: s.saved,
      rejectedOnly: s.positives === 0 && s.rejections > 0,
    });
  }
  return { styles: out, sizes, tags };
}
