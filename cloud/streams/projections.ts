import type { StreamName } from '../../sync/protocol';
import type { Queryable, SqlParam } from '../db/db';

/**
 * How a table becomes rows of a stream. Each projection is a SELECT yielding (scope, key, data);
 * scope '*' is served to every store, any other scope only to that store's devices.
 */
export interface Projection {
  stream: StreamName;
  /** SELECT producing columns scope, key, data; `{where}` is replaced by a filter. */
  select: string;
}

const P = (stream: StreamName, select: string): Projection => ({ stream, select });

export const PROJECTIONS = {
  product: P(
    'catalog',
    `SELECT '*' AS scope, 'product:' || style_id AS key, jsonb_build_object('kind', 'product',
    'styleId', style_id, 'nameZh', name_zh, 'nameEn', name_en, 'category', category, 'gender', gender,
    'styleTags', to_jsonb(string_to_array(style_tags, '|')), 'season', season, 'outfitSlot', outfit_slot) AS data
    FROM products WHERE {where}`,
  ),
  variant: P(
    'catalog',
    `SELECT '*' AS scope, 'variant:' || sku AS key, jsonb_build_object('kind', 'variant', 'sku', sku,
    'styleId', style_id, 'gtin', gtin, 'colorCode', color_code, 'colorZh', color_zh, 'colorEn', color_en, 'size', size)
    AS data FROM variants WHERE {where}`,
  ),
  price: P(
    'prices',
    `SELECT '*' AS scope, v.sku AS key, jsonb_build_object('sku', v.sku, 'priceCents', v.price_cents,
    'listPriceCents', p.list_price_cents) AS data FROM variants v JOIN products p USING (style_id) WHERE {where}`,
  ),
  stock: P(
    'stock',
    `SELECT '*' AS scope, sku || '@' || location_id AS key, jsonb_build_object('sku', sku,
    'locationId', location_id, 'onHand', on_hand) AS data FROM stock WHERE {where}`,
  ),
  member: P(
    'members',
    `SELECT coalesce(home_store, '-') AS scope, member_id AS key, jsonb_build_object('memberId', member_id,
    'cardNo', card_no, 'qrToken', qr_token, 'name', name, 'phoneMasked', phone_masked, 'gender', gender, 'tier', tier,
    'points', points, 'birthday', birthday, 'homeStore', home_store, 'consentProfile', consent_profile,
    'consentMarketing', consent_marketing, 'consentPhoto', consent_photo, 'joinedOn', joined_on, 'erased', erased,
    'usedCoupons', (SELECT coalesce(jsonb_agg(r.coupon_code ORDER BY r.coupon_code), '[]'::jsonb)
      FROM coupon_redemptions r WHERE r.member_id = members.member_id AND r.single_use))
    AS data FROM members WHERE NOT erased AND {where}`,
  ),
  coupon: P(
    'coupons',
    `SELECT '*' AS scope, code AS key, jsonb_build_object('code', code, 'titleZh', title_zh,
    'titleEn', title_en, 'kind', kind, 'value', value, 'minSpendCents', min_spend_cents, 'validFrom', valid_from::text,
    'validTo', valid_to::text, 'minTier', min_tier, 'singleUse', single_use) AS data FROM coupons WHERE {where}`,
  ),
  store: P(
    'config',
    `SELECT '*' AS scope, 'store:' || store_id AS key, jsonb_build_object('kind', 'store',
    'storeId', store_id, 'nameZh', name_zh, 'nameEn', name_en, 'city', city, 'timezone', timezone) AS data
    FROM stores WHERE {where}`,
  ),
  tier: P(
    'config',
    `SELECT '*' AS scope, 'tier:' || tier AS key, jsonb_build_object('kind', 'tier', 'tier', tier,
    'nameZh', name_zh, 'nameEn', name_en, 'discountPct', discount_pct, 'pointsPerYuan', points_per_yuan,
    'minAnnualSpendYuan', min_annual_spend_yuan) AS data FROM tiers WHERE {where}`,
  ),
  staff: P(
    'config',
    `SELECT store_id AS scope, 'staff:' || staff_id AS key, jsonb_build_object('kind', 'staff',
    'staffId', staff_id, 'name', name, 'role', role, 'badgeNo', badge_no, 'pinHash', pin_hash, 'storeId', store_id,
    'disabled', disabled_at IS NOT NULL)
    AS data FROM staff WHERE {where}`,
  ),
  setting: P(
    'config',
    `SELECT '*' AS scope, key, jsonb_build_object('kind', 'settings') || value AS data
    FROM settings WHERE {where}`,
  ),
  staffRequest: P(
    'requests',
    `SELECT store_id AS scope, request_id AS key, jsonb_build_object('requestId', request_id,
    'storeId', store_id, 'originDevice', origin_device, 'kind', kind, 'place', place, 'sku', sku, 'size', size,
    'nameZh', name_zh, 'nameEn', name_en, 'status', status, 'createdAt', created_at, 'updatedAt', updated_at,
    'updatedHlc', updated_hlc, 'updatedDevice', updated_device, 'updatedBy', updated_by) AS data
    FROM staff_requests WHERE {where}`,
  ),
  media: P(
    'media',
    `SELECT '*' AS scope, m.style_id || '/' || m.color_code AS key, jsonb_build_object('styleId', m.style_id,
    'colorCode', m.color_code, 'hash', m.hash, 'type', b.type, 'bytes', b.bytes, 'altZh', m.alt_zh,
    'altEn', m.alt_en) AS data FROM catalog_media m JOIN media_blobs b USING (hash) WHERE {where}`,
  ),
  // The recommendation model as cloud/recommend/model-stream.ts keeps it.
  model: P('model', `SELECT scope, key, data FROM model_rows WHERE {where}`),
} as const satisfies Record<string, Projection>;

export type ProjectionName = keyof typeof PROJECTIONS;

/**
 * Writes the current state of the rows matching `where` into the change log, in the caller's
 * transaction. Each written row gets this transaction's xid and a fresh position, so it is served
 * again (after commit) to every cursor, including cursors already past its old position.
 */
export async function publish(
  tx: Queryable,
  name: ProjectionName,
  where = 'true',
  params: readonly SqlParam[] = [],
): Promise<void> {
  const p = PROJECTIONS[name];
  await tx.query(
    `INSERT INTO stream_rows (stream, scope, key, data)
     SELECT '${p.stream}', s.scope, s.key, s.data FROM (${p.select.replace('{where}', where)}) s
     ON CONFLICT (stream, scope, key) DO UPDATE
       SET data = EXCLUDED.data, xid = pg_current_xact_id(), pos = nextval('stream_pos')`,
    params,
  );
}

/** Publishes a deletion (tombstone) of `key` in `stream`, in every scope it was served under. */
export async function publishDelete(tx: Queryable, stream: StreamName, key: string): Promise<void> {
  await tx.query(
    `UPDATE stream_rows SET data = NULL, xid = pg_current_xact_id(), pos = nextval('stream_pos')
     WHERE stream = $1 AND key = $2`,
    [stream, key],
  );
}

/** Re-publishes every projection (after a bulk load). */
export async function publishAll(tx: Queryable): Promise<void> {
  for (const name of Object.keys(PROJECTIONS) as ProjectionName[]) await publish(tx, name);
}
