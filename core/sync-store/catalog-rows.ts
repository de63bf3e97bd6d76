/**
 * The server-owned catalog and reference rows a pull writes: products, variants, prices, stock,
 * coupons, stores, tiers and the cloud's settings. Inside the caller's transaction. A write that
 * does not fit the kiosk schema (an unknown style, SKU or tier) answers false and changes nothing.
 */
import type { WritableDB } from '../store/db';

export interface PulledProduct {
  styleId: string | null;
  nameZh: string;
  nameEn: string;
  category: string;
  gender: 'F' | 'M' | 'U';
  /** Tags joined by `|`. */
  styleTags: string;
  season: string;
  outfitSlot: string;
}

export interface PulledVariant {
  sku: string | null;
  styleId: string | null;
  /** GTIN-14 (zero-padded), or null. */
  gtin: string | null;
  colorCode: string;
  colorZh: string;
  colorEn: string;
  size: string;
}

export interface PulledCoupon {
  code: string;
  titleZh: string;
  titleEn: string;
  kind: string | null;
  value: number;
  minSpendCents: number;
  validFrom: string | null;
  validTo: string | null;
  minTier: string | null;
  /** 1 or 0. */
  singleUse: number;
}

export interface PulledStore {
  storeId: string | null;
  nameZh: string;
  nameEn: string;
  city: string;
  timezone: string;
}

export interface PulledTier {
  tier: string | null;
  nameZh: string;
  nameEn: string;
  discountPct: number;
  pointsPerYuan: number;
  minAnnualSpendYuan: number;
}

const exists = (db: WritableDB, sql: string, id: string): boolean =>
  db.prepare<[string], { one: number }>(sql).get(id) !== undefined;

export const variantExists = (db: WritableDB, sku: string) =>
  exists(db, 'SELECT 1 AS one FROM variants WHERE sku = ?', sku);
export const tierExists = (db: WritableDB, tier: string) =>
  exists(db, 'SELECT 1 AS one FROM tiers WHERE tier = ?', tier);
export const storeExists = (db: WritableDB, storeId: string) =>
  exists(db, 'SELECT 1 AS one FROM stores WHERE location_id = ?', storeId);

/** A variant leaves with its stock rows. */
export function deleteVariant(db: WritableDB, sku: string): void {
  db.prepare('DELETE FROM stock WHERE sku = ?').run(sku);
  db.prepare('DELETE FROM variants WHERE sku = ?').run(sku);
}

export function deleteProduct(db: WritableDB, styleId: string): void {
  db.prepare('DELETE FROM products WHERE style_id = ?').run(styleId);
}

/** Upserts a product; its list price stays (the prices stream owns it). */
export function upsertProduct(db: WritableDB, p: PulledProduct): void {
  db.prepare(
    `INSERT INTO products (style_id, name_zh, name_en, category, gender, style_tags, season, list_price_cents, outfit_slot)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (style_id) DO UPDATE SET name_zh = excluded.name_zh,
     name_en = excluded.name_en, category = excluded.category, gender = excluded.gender,
     style_tags = excluded.style_tags, season = excluded.season, outfit_slot = excluded.outfit_slot`,
  ).run(p.styleId, p.nameZh, p.nameEn, p.category, p.gender, p.styleTags, p.season, p.outfitSlot);
}

/** Upserts a variant; false when its style is unknown (the foreign key refuses it). */
export function upsertVariant(db: WritableDB, v: PulledVariant): boolean {
  // Cheaper than asking first whether the style exists.
  return refusedByForeignKey(() =>
    db
      .prepare(
        `INSERT INTO variants (sku, style_id, gtin, color_code, color_zh, color_en, size, price_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (sku) DO UPDATE SET style_id = excluded.style_id,
       gtin = excluded.gtin, color_code = excluded.color_code, color_zh = excluded.color_zh,
       color_en = excluded.color_en, size = excluded.size`,
      )
      .run(v.sku, v.styleId, v.gtin, v.colorCode, v.colorZh, v.colorEn, v.size),
  );
}

/** Runs one write; false when a foreign key refused it, true otherwise. */
function refusedByForeignKey(write: () => unknown): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
      return false;
    throw error;
  }
}

/** Sets a variant's price and its style's list price; false when the SKU is unknown. */
export function setVariantPrices(
  db: WritableDB,
  sku: string,
  priceCents: number,
  listPriceCents: number,
): boolean {
  const changed = db
    .prepare('UPDATE variants SET price_cents = ? WHERE sku = ?')
    .run(priceCents, sku).changes;
  db.prepare(
    'UPDATE products SET list_price_cents = ? WHERE style_id = (SELECT style_id FROM variants WHERE sku = ?)',
  ).run(listPriceCents, sku);
  return changed > 0;
}

export function deleteStock(db: WritableDB, sku: string, locationId: string): void {
  db.prepare('DELETE FROM stock WHERE sku = ? AND location_id = ?').run(sku, locationId);
}

/** Sets the stock of a SKU at a location; false when the SKU is unknown. */
export function upsertStock(
  db: WritableDB,
  sku: string,
  locationId: string,
  onHand: number,
): boolean {
  if (!variantExists(db, sku)) return false;
  db.prepare(
    `INSERT INTO stock (sku, location_id, on_hand) VALUES (?, ?, ?)
     ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand`,
  ).run(sku, locationId, onHand);
  return true;
}

export function deleteCoupon(db: WritableDB, code: string): void {
  db.prepare('DELETE FROM coupons WHERE code = ?').run(code);
}

/** Upserts a coupon; false when its minimum tier is unknown. */
export function upsertCoupon(db: WritableDB, c: PulledCoupon): boolean {
  if (!tierExists(db, c.minTier ?? '')) return false;
  db.prepare(
    `INSERT INTO coupons (code, title_zh, title_en, kind, value, min_spend_cents, valid_from, valid_to, min_tier, single_use)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET title_zh = excluded.title_zh,
     title_en = excluded.title_en, kind = excluded.kind, value = excluded.value, min_spend_cents = excluded.min_spend_cents,
     valid_from = excluded.valid_from, valid_to = excluded.valid_to, min_tier = excluded.min_tier, single_use = excluded.single_use`,
  ).run(
    c.code,
    c.titleZh,
    c.titleEn,
    c.kind,
    c.value,
    c.minSpendCents,
    c.validFrom,
    c.validTo,
    c.minTier,
    c.singleUse,
  );
  return true;
}

export function upsertStore(db: WritableDB, s: PulledStore): void {
  db.prepare(
    `INSERT INTO stores (location_id, name_zh, name_en, city, timezone) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (location_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
     city = excluded.city, timezone = excluded.timezone`,
  ).run(s.storeId, s.nameZh, s.nameEn, s.city, s.timezone);
}

export function upsertTier(db: WritableDB, t: PulledTier): void {
  db.prepare(
    `INSERT INTO tiers (tier, name_zh, name_en, discount_pct, points_per_yuan, min_annual_spend_yuan) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tier) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
     discount_pct = excluded.discount_pct, points_per_yuan = excluded.points_per_yuan,
     min_annual_spend_yuan = excluded.min_annual_spend_yuan`,
  ).run(t.tier, t.nameZh, t.nameEn, t.discountPct, t.pointsPerYuan, t.minAnnualSpendYuan);
}
