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
import {
  deleteCoupon,
  deleteProduct,
  deleteStock,
  deleteVariant,
  setVariantPrices,
  storeExists,
  tierExists,
  upsertCoupon,
  upsertProduct,
  upsertStock,
  upsertStore,
  upsertTier,
  upsertVariant,
} from '../core/sync-store/catalog-rows';
import {
  cachedMemberErasure,
  eraseCachedMember,
  upsertPulledMember,
} from '../core/sync-store/member-rows';
import { writeSetting } from '../core/sync-store/settings';
import {
  pruneCatalogMedia,
  pruneCloudStaff,
  pruneCoupons,
  pruneModelRows,
  pruneStock,
} from '../core/sync-store/snapshot-prune';
import type { StreamName, StreamRow } from './protocol';
import { applyMediaRow } from './media-rows';
import { forgetMemberOffers } from '../core/members/offers';
import { forgetMember } from '../core/recommend-store';
import { applyModelRow } from './model-rows';
import { applyRequestRow } from './staff-requests';
import { applyStaffRow, disableStaff } from './staff-rows';
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

function catalog(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  const { db } = ctx;
  const [kind, id] = [
    row.key.slice(0, row.key.indexOf(':')),
    row.key.slice(row.key.indexOf(':') + 1),
  ];
  if (!d) {
    if (kind === 'variant') deleteVariant(db, id);
    else if (kind === 'product') deleteProduct(db, id);
    return true;
  }
  if (d.kind === 'product') {
    upsertProduct(db, {
      styleId: str(d.styleId),
      nameZh: str(d.nameZh) ?? '',
      nameEn: str(d.nameEn) ?? '',
      category: str(d.category) ?? '',
      gender: gender(d.gender),
      styleTags: Array.isArray(d.styleTags) ? d.styleTags.join('|') : '',
      season: str(d.season) ?? '',
      outfitSlot: str(d.outfitSlot) ?? '',
    });
    return true;
  }
  if (d.kind === 'variant')
    // A variant of an unknown style is refused (skipped).
    return upsertVariant(db, {
      sku: str(d.sku),
      styleId: str(d.styleId),
      gtin: str(d.gtin)?.padStart(14, '0') ?? null,
      colorCode: str(d.colorCode) ?? '',
      colorZh: str(d.colorZh) ?? '',
      colorEn: str(d.colorEn) ?? '',
      size: str(d.size) ?? '',
    });
  return false;
}

function prices(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  if (!d) return true; // a price disappears with its variant (catalog stream)
  return setVariantPrices(ctx.db, row.key, num(d.priceCents), num(d.listPriceCents));
}

function stock(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  const at = row.key.lastIndexOf('@');
  const sku = row.key.slice(0, at);
  const location = row.key.slice(at + 1);
  if (!d) {
    deleteStock(ctx.db, sku, location);
    return true;
  }
  return upsertStock(ctx.db, sku, location, num(d.onHand));
}

function members(ctx: ApplyContext, row: StreamRow, d: Data | null, at: string): boolean {
  const { db, key } = ctx;
  const id = row.key;
  const local = cachedMemberErasure(db, id);
  if (local?.erasedAt) return true; // an erasure is final: never resurrect personal data
  if (!d || d.erased === true) {
    if (local) eraseCachedMember(db, id, at);
    forgetMember(db, id);
    forgetMemberOffers(db, id);
    return true;
  }
  const tier = str(d.tier) ?? '';
  if (!tierExists(db, tier)) return false;
  const home = str(d.homeStore);
  const homeKnown = home !== null && storeExists(db, home);
  const seal = (column: string, value: string | null) =>
    value === null ? null : encryptField(key, value, { table: 'members', column, rowId: id });
  const [name, phone, birthday] = [str(d.name), str(d.phoneMasked), str(d.birthday)];
  const card = str(d.cardNo);
  const qr = str(d.qrToken);
  const last4 = phone ? phoneLast4(phone) : null;
  upsertPulledMember(db, {
    memberId: id,
    cardHash: card ? cardHash(key, card) : null,
    qrHash: qr ? qrHash(key, qr) : null,
    phoneLast4Hash: last4 ? last4Hash(key, last4) : null,
    nameEnc: seal('name_enc', name),
    phoneEnc: seal('phone_enc', phone),
    birthdayEnc: seal('birthday_enc', birthday),
    piiMac: lookupHash(key, 'pii', JSON.stringify([id, name, phone, birthday])),
    gender: gender(d.gender),
    tier,
    points: num(d.points),
    homeStore: homeKnown ? home : null,
    consentProfile: bool(d.consentProfile),
    consentMarketing: bool(d.consentMarketing),
    joinedOn: str(d.joinedOn),
  });
  // single-use coupons used at any kiosk: the checkout here no longer offers them
  replaceUsedCoupons(db, id, d.usedCoupons);
  // campaign offers addressed to this member only (a control member's list is empty)
  applyMemberOffers(db, id, d.offers);
  return true;
}

function coupons(ctx: ApplyContext, row: StreamRow, d: Data | null): boolean {
  if (!d) {
    deleteCoupon(ctx.db, row.key);
    return true;
  }
  return upsertCoupon(ctx.db, {
    code: row.key,
    titleZh: str(d.titleZh) ?? '',
    titleEn: str(d.titleEn) ?? '',
    kind: str(d.kind),
    value: num(d.value),
    minSpendCents: num(d.minSpendCents),
    validFrom: str(d.validFrom),
    validTo: str(d.validTo),
    minTier: str(d.minTier),
    singleUse: bool(d.singleUse),
  });
}

function config(ctx: ApplyContext, row: StreamRow, d: Data | null, at: string): boolean {
  const { db } = ctx;
  if (!d && row.key.startsWith('staff:')) disableStaff(db, row.key, at);
  if (!d) return true; // stores and tiers are referenced by history: never deleted from a pull
  if (d.kind === 'store') {
    upsertStore(db, {
      storeId: str(d.storeId),
      nameZh: str(d.nameZh) ?? '',
      nameEn: str(d.nameEn) ?? '',
      city: str(d.city) ?? '',
      timezone: str(d.timezone) ?? 'UTC',
    });
    return true;
  }
  if (d.kind === 'tier') {
    upsertTier(db, {
      tier: str(d.tier),
      nameZh: str(d.nameZh) ?? '',
      nameEn: str(d.nameEn) ?? '',
      discountPct: num(d.discountPct),
      pointsPerYuan: num(d.pointsPerYuan),
      minAnnualSpendYuan: num(d.minAnnualSpendYuan),
    });
    return true;
  }
  if (d.kind === 'settings') {
    const { kind: _kind, ...settings } = d;
    writeSetting(db, `cloud.${row.key}`, JSON.stringify(settings));
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
  stock: pruneStock,
  coupons: pruneCoupons,
};
