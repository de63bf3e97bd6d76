/**
 * Writes pulled stream rows into the kiosk's tables (inside the caller's transaction). Server rows
 * own catalog, prices, stock, member profiles, coupons and config. Members' personal data is sealed
 * with the data key exactly as core/members/pii.ts does (same AAD), card and QR as keyed hashes.
 * A row that does not fit the kiosk schema (unknown SKU for stock, unknown tier) is skipped and
 * counted, never allowed to wedge the stream.
 */
import { encryptField, lookupHash, type DataKey } from '../core/crypto';
import { cardHash, last4Hash, phoneLast4, qrHash } from '../core/members/pii';
import type { WritableDB } from '../core/store/db';
import type { StreamName, StreamRow } from './protocol';
import { applyMediaRow, pruneCatalogMedia } from './media-rows';
import { forgetMemberOffers } from '../core/members/offers';
import { forgetMember } from '../core/recommend-store';
import { applyModelRow, pruneModelRows } from './model-rows';
import { applyRequestRow } from './staff-requests';
import { applyStaffRow, disableStaff, pruneCloudStaff } from './staff-rows';
import { applyMemberOffers } from './member-offers';
import { replaceUsedCoupons } from './used-coupons';

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const bool = (v: unknown): number => (v === true ? 1 : 0);
const gender = (v: unknown): 'F' | 'M' | 'U' => (v === 'F' || v === 'M' ? v : 'U');

export interface ApplyContext {
  db: WritableDB;
  key: DataKey;
}

function exists(db: WritableDB, sql: string, id: string): boolean {
  return db.prepare<[string], { one: number }>(sql).get(id) !== undefined;
}

function catalog(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  const { db } = ctx;
  const [kind, id] = [
    row.key.slice(0, row.key.indexOf(':')),
    row.key.slice(row.key.indexOf(':') + 1),
  ];
  if (!d) {
    if (kind === 'variant') {
      db.prepare('DELETE FROM stock WHERE sku = ?').run(id);
      db.prepare('DELETE FROM variants WHERE sku = ?').run(id);
    } else if (kind === 'product') db.prepare('DELETE FROM products WHERE style_id = ?').run(id);
    return true;
  }
  if (d.kind === 'product') {
    const tags = Array.isArray(d.styleTags) ? d.styleTags.join('|') : '';
    db.prepare(
      `INSERT INTO products (style_id, name_zh, name_en, category, gender, style_tags, season, list_price_cents, outfit_slot)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (style_id) DO UPDATE SET name_zh = excluded.name_zh,
       name_en = excluded.name_en, category = excluded.category, gender = excluded.gender,
       style_tags = excluded.style_tags, season = excluded.season, outfit_slot = excluded.outfit_slot`,
    ).run(
      str(d.styleId),
      str(d.nameZh) ?? '',
      str(d.nameEn) ?? '',
      str(d.category) ?? '',
      gender(d.gender),
      tags,
      str(d.season) ?? '',
      str(d.outfitSlot) ?? '',
    );
    return true;
  }
  if (d.kind === 'variant') {
    // A variant of an unknown style is refused by the foreign key (cheaper than asking first).
    return refusedByForeignKey(() =>
      db
        .prepare(
          `INSERT INTO variants (sku, style_id, gtin, color_code, color_zh, color_en, size, price_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (sku) DO UPDATE SET style_id = excluded.style_id,
       gtin = excluded.gtin, color_code = excluded.color_code, color_zh = excluded.color_zh,
       color_en = excluded.color_en, size = excluded.size`,
        )
        .run(
          str(d.sku),
          str(d.styleId),
          str(d.gtin)?.padStart(14, '0') ?? null,
          str(d.colorCode) ?? '',
          str(d.colorZh) ?? '',
          str(d.colorEn) ?? '',
          str(d.size) ?? '',
        ),
    );
  }
  return false;
}

/** Runs one write; false when a foreign key refused it (the row is skipped), true otherwise. */
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

function prices(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  if (!d) return true; // a price disappears with its variant (catalog stream)
  const changed = ctx.db
    .prepare('UPDATE variants SET price_cents = ? WHERE sku = ?')
    .run(num(d.priceCents), row.key).changes;
  ctx.db
    .prepare(
      'UPDATE products SET list_price_cents = ? WHERE style_id = (SELECT style_id FROM variants WHERE sku = ?)',
    )
    .run(num(d.listPriceCents), row.key);
  return changed > 0;
}

function stock(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  const { db } = ctx;
  const at = row.key.lastIndexOf('@');
  const sku = row.key.slice(0, at);
  const location = row.key.slice(at + 1);
  if (!d) {
    db.prepare('DELETE FROM stock WHERE sku = ? AND location_id = ?').run(sku, location);
    return true;
  }
  if (!exists(db, 'SELECT 1 AS one FROM variants WHERE sku = ?', sku)) return false;
  db.prepare(
    `INSERT INTO stock (sku, location_id, on_hand) VALUES (?, ?, ?)
     ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand`,
  ).run(sku, location, num(d.onHand));
  return true;
}

function eraseLocal(db: WritableDB, memberId: string, at: string): void {
  db.prepare(
    `UPDATE members SET name_enc = NULL, phone_enc = NULL, birthday_enc = NULL, card_hash = NULL,
     qr_hash = NULL, phone_last4_hash = NULL, pii_mac = NULL, presence_enc = NULL,
     presence_expires_at = NULL, erased_at = coalesce(erased_at, ?)
     WHERE member_id = ?`,
  ).run(at, memberId);
}

function members(ctx: ApplyContext, row: StreamRow, d: Data | null, at: string): boolean {
  const { db, key } = ctx;
  const id = row.key;
  const local = db
    .prepare<[string], { erased_at: string | null }>(
      'SELECT erased_at FROM members WHERE member_id = ?',
    )
    .get(id);
  if (local?.erased_at) return true; // an erasure is final: never resurrect personal data
  if (!d || d.erased === true) {
    if (local) eraseLocal(db, id, at);
    forgetMember(db, id);
    forgetMemberOffers(db, id);
    return true;
  }
  const tier = str(d.tier) ?? '';
  if (!exists(db, 'SELECT 1 AS one FROM tiers WHERE tier = ?', tier)) return false;
  const home = str(d.homeStore);
  const homeKnown =
    home !== null && exists(db, 'SELECT 1 AS one FROM stores WHERE location_id = ?', home);
  const seal = (column: string, value: string | null) =>
    value === null ? null : encryptField(key, value, { table: 'members', column, rowId: id });
  const [name, phone, birthday] = [str(d.name), str(d.phoneMasked), str(d.birthday)];
  const card = str(d.cardNo);
  const qr = str(d.qrToken);
  const last4 = phone ? phoneLast4(phone) : null;
  db.prepare(
    `INSERT INTO members (member_id, card_hash, qr_hash, phone_last4_hash, name_enc, phone_enc, birthday_enc,
       pii_mac, gender, tier, points, home_store, consent_profile, consent_marketing, joined_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (member_id) DO UPDATE SET card_hash = excluded.card_hash, qr_hash = excluded.qr_hash,
       phone_last4_hash = excluded.phone_last4_hash, name_enc = excluded.name_enc, phone_enc = excluded.phone_enc,
       birthday_enc = excluded.birthday_enc, pii_mac = excluded.pii_mac, gender = excluded.gender,
       tier = excluded.tier, points = excluded.points, home_store = excluded.home_store,
       consent_profile = excluded.consent_profile, consent_marketing = excluded.consent_marketing,
       joined_on = excluded.joined_on`,
  ).run(
    id,
    card ? cardHash(key, card) : null,
    qr ? qrHash(key, qr) : null,
    last4 ? last4Hash(key, last4) : null,
    seal('name_enc', name),
    seal('phone_enc', phone),
    seal('birthday_enc', birthday),
    lookupHash(key, 'pii', JSON.stringify([id, name, phone, birthday])),
    gender(d.gender),
    tier,
    num(d.points),
    homeKnown ? home : null,
    bool(d.consentProfile),
    bool(d.consentMarketing),
    str(d.joinedOn),
  );
  // single-use coupons used at any kiosk: the checkout here no longer offers them
  replaceUsedCoupons(db, id, d.usedCoupons);
  // campaign offers addressed to this member only (a control member's list is empty)
  applyMemberOffers(db, id, d.offers);
  return true;
}

function coupons(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  const { db } = ctx;
  if (!d) {
    db.prepare('DELETE FROM coupons WHERE code = ?').run(row.key);
    return true;
  }
  if (!exists(db, 'SELECT 1 AS one FROM tiers WHERE tier = ?', str(d.minTier) ?? '')) return false;
  db.prepare(
    `INSERT INTO coupons (code, title_zh, title_en, kind, value, min_spend_cents, valid_from, valid_to, min_tier, single_use)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET title_zh = excluded.title_zh,
     title_en = excluded.title_en, kind = excluded.kind, value = excluded.value, min_spend_cents = excluded.min_spend_cents,
     valid_from = excluded.valid_from, valid_to = excluded.valid_to, min_tier = excluded.min_tier, single_use = excluded.single_use`,
  ).run(
    row.key,
    str(d.titleZh) ?? '',
    str(d.titleEn) ?? '',
    str(d.kind),
    num(d.value),
    num(d.minSpendCents),
    str(d.validFrom),
    str(d.validTo),
    str(d.minTier),
    bool(d.singleUse),
  );
  return true;
}

function config(ctx: ApplyContext, row: StreamRow, d: Data | null, at: string): boolean {
  const { db } = ctx;
  if (!d && row.key.startsWith('staff:')) disableStaff(db, row.key, at);
  if (!d) return true; // stores and tiers are referenced by history: never deleted from a pull
  if (d.kind === 'store') {
    db.prepare(
      `INSERT INTO stores (location_id, name_zh, name_en, city, timezone) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (location_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
       city = excluded.city, timezone = excluded.timezone`,
    ).run(
      str(d.storeId),
      str(d.nameZh) ?? '',
      str(d.nameEn) ?? '',
      str(d.city) ?? '',
      str(d.timezone) ?? 'UTC',
    );
    return true;
  }
  if (d.kind === 'tier') {
    db.prepare(
      `INSERT INTO tiers (tier, name_zh, name_en, discount_pct, points_per_yuan, min_annual_spend_yuan) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tier) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
       discount_pct = excluded.discount_pct, points_per_yuan = excluded.points_per_yuan,
       min_annual_spend_yuan = excluded.min_annual_spend_yuan`,
    ).run(
      str(d.tier),
      str(d.nameZh) ?? '',
      str(d.nameEn) ?? '',
      num(d.discountPct),
      num(d.pointsPerYuan),
      num(d.minAnnualSpendYuan),
    );
    return true;
  }
  if (d.kind === 'settings') {
    const { kind: _kind, ...settings } = d;
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(`cloud.${row.key}`, JSON.stringify(settings));
    return true;
  }
  // Staff: badge hashed, the cloud's scrypt PIN hash sealed (sync/staff-rows.ts).
  if (d.kind === 'staff') return applyStaffRow(db, ctx.key, d, at);
  return false;
}

/** Applies one row; false when the row was skipped because it does not fit the kiosk schema. */
export function applyRow(
  ctx: ApplyContext,
  stream: StreamName,
  row: StreamRow,
  at: string,
): boolean {
  const d = row.op === 'delete' ? null : row.data;
  switch (stream) {
    case 'catalog':
      return catalog(ctx, row, d);
    case 'prices':
      return prices(ctx, row, d);
    case 'stock':
      return stock(ctx, row, d);
    case 'members':
      return members(ctx, row, d, at);
    case 'coupons':
      return coupons(ctx, row, d);
    case 'config':
      return config(ctx, row, d, at);
    case 'requests':
      return applyRequestRow(ctx.db, row);
    case 'media':
      return applyMediaRow(ctx.db, row);
    case 'model':
      return applyModelRow(ctx.db, row);
  }
}

/** Streams whose rows the end of a snapshot may delete when the server no longer has them. */
export const SNAPSHOT_PRUNE: Partial<Record<StreamName, (db: WritableDB) => void>> = {
  config: pruneCloudStaff,
  media: pruneCatalogMedia,
  model: pruneModelRows,
  stock: (db) =>
    db.exec(`DELETE FROM stock WHERE (sku || '@' || location_id) NOT IN
      (SELECT key FROM sync_snapshot_keys WHERE stream = 'stock')`),
  coupons: (db) =>
    db.exec(
      `DELETE FROM coupons WHERE code NOT IN (SELECT key FROM sync_snapshot_keys WHERE stream = 'coupons')`,
    ),
};
