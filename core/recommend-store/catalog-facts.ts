/**
 * What the recommenders need to know about styles and stock, as small read-only queries: the
 * styles (with outfit slot and gender) of some skus, the gender rule, and the variant of a style to
 * show (in stock here first, then online; the shopper's size when known; not a colour turned down).
 */
import { genderFits, ONLINE, type Gender, type StockSplit } from '../recommend';
import type { ReadableDB } from '../store/db';

export { genderFits };

export interface StyleFacts {
  styleId: string;
  nameZh: string;
  nameEn: string;
  category: string;
  gender: Gender;
  slot: string;
}

const styleColumns = `p.style_id AS styleId, p.name_zh AS nameZh, p.name_en AS nameEn,
  p.category AS category, p.gender AS gender, p.outfit_slot AS slot`;

/** The distinct styles of the given skus (unknown skus are skipped), in no particular order. */
export function stylesOfSkus(db: ReadableDB, skus: readonly string[]): StyleFacts[] {
  if (skus.length === 0) return [];
  return db
    .prepareRead<[string], StyleFacts>(
      `SELECT DISTINCT ${styleColumns} FROM variants v JOIN products p ON p.style_id = v.style_id
       WHERE v.sku IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(skus));
}

export function styleFacts(db: ReadableDB, styleId: string): StyleFacts | null {
  return (
    db
      .prepareRead<[string], StyleFacts>(
        `SELECT ${styleColumns} FROM products p WHERE p.style_id = ?`,
      )
      .get(styleId) ?? null
  );
}

/** The genders of products a shopper may be shown, for an SQL `IN (json_each(?))`. */
export function allowedGenders(shopper: Gender | null | undefined): Gender[] {
  if (!shopper || shopper === 'U') return ['F', 'M', 'U'];
  return [shopper, 'U'];
}

/** The shopper's gender as the visit shows it: F or M when every gendered item agrees, else null. */
export function genderOfVisit(styles: readonly StyleFacts[]): Gender | null {
  const gendered = new Set(styles.map((s) => s.gender).filter((g) => g !== 'U'));
  return gendered.size === 1 ? ([...gendered][0] ?? null) : null;
}

export interface ShownVariant extends StockSplit {
  sku: string;
  size: string;
  colour: string;
}

export interface VariantChoice {
  /** Colours the shopper turned down in this visit: another colour is shown, or none. */
  avoidColours?: readonly string[];
  /** Also show a variant only other stores have (it can be reserved there). Default false. */
  otherStores?: boolean;
  /** This colour first, after the preferred size (the same garment one size up). */
  colour?: string;
}

/**
 * The variant of a style to show: the preferred size first when given, then available here before
 * online before other stores (those need a transfer, so they count only with `otherStores`), then
 * the most stock; never a colour in `avoidColours`. Null when no variant qualifies.
 */
export function variantToShow(
  db: ReadableDB,
  styleId: string,
  storeId: string,
  preferredSize?: string | null,
  options: VariantChoice = {},
): ShownVariant | null {
  const rows = db
    .prepareRead<[string, string, string, string, string], ShownVariant>(
      `SELECT v.sku AS sku, v.size AS size, v.color_code AS colour,
         coalesce(sum(CASE WHEN s.location_id = ? THEN max(s.on_hand, 0) END), 0) AS here,
         coalesce(sum(CASE WHEN s.location_id NOT IN (?, ?) THEN max(s.on_hand, 0) END), 0) AS otherStores,
         coalesce(sum(CASE WHEN s.location_id = ? THEN max(s.on_hand, 0) END), 0) AS online
       FROM variants v LEFT JOIN stock s ON s.sku = v.sku
       WHERE v.style_id = ? GROUP BY v.sku`,
    )
    .all(storeId, storeId, ONLINE, ONLINE, styleId);
  const rank = (v: ShownVariant): number[] => [
    preferredSize && v.size === preferredSize ? 0 : 1,
    options.colour !== undefined && v.colour !== options.colour ? 1 : 0,
    v.here > 0 ? 0 : v.online > 0 ? 1 : 2,
    -(v.here + v.online),
  ];
  const avoid = new Set(options.avoidColours ?? []);
  const candidates = rows.filter(
    (v) =>
      !avoid.has(v.colour) &&
      (v.here > 0 || v.online > 0 || (options.otherStores === true && v.otherStores > 0)),
  );
  candidates.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
  });
  return candidates[0] ?? null;
}
