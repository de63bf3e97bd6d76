/** What the filter bar offers, in the user's scope. */
import type { HqUser, MetaResponse } from '../../hq-api';
import type { Queryable } from '../../db/db';
import { pgArray } from '../scope';

export async function meta(q: Queryable, user: HqUser): Promise<MetaResponse> {
  const own = user.role === 'store-manager' ? [user.storeId ?? ''] : null;
  const storeParam = own ? pgArray(own) : null;
  const { rows: stores } = await q.query<MetaResponse['stores'][number]>(
    `SELECT store_id AS "storeId", name_zh AS "nameZh", name_en AS "nameEn", city FROM stores
     WHERE $1::text[] IS NULL OR store_id = ANY($1::text[]) ORDER BY store_id`,
    [storeParam],
  );
  const { rows: facets } = await q.query<{ kind: string; value: string }>(
    `SELECT DISTINCT 'category' AS kind, category AS value FROM products
     UNION SELECT DISTINCT 'season', season FROM products ORDER BY 1, 2`,
  );
  const { rows: tiers } = await q.query<MetaResponse['tiers'][number]>(
    `SELECT tier, name_zh AS "nameZh", name_en AS "nameEn" FROM tiers ORDER BY min_annual_spend_yuan`,
  );
  const { rows: styles } = await q.query<MetaResponse['styles'][number]>(
    `SELECT style_id AS "styleId", name_zh AS "nameZh", name_en AS "nameEn" FROM products ORDER BY style_id`,
  );
  // the range of days with data: brand-wide tables for everyone, a store's own for a manager
  const { rows: range } = await q.query<{ first: string | null; last: string | null }>(
    own
      ? `SELECT least(s.first, t.first)::text AS first, greatest(s.last, t.last)::text AS last FROM
           (SELECT min(day) AS first, max(day) AS last FROM hq_sales_hour WHERE location_id = $1) s,
           (SELECT min(day) AS first, max(day) AS last FROM hq_tryon_store_day WHERE store_id = $1) t`
      : `SELECT least(s.first, t.first)::text AS first, greatest(s.last, t.last)::text AS last FROM
           (SELECT min(day) AS first, max(day) AS last FROM hq_sales_hour_all) s,
           (SELECT min(day) AS first, max(day) AS last FROM hq_tryon_style_all) t`,
    own ? [own[0] ?? ''] : [],
  );
  return {
    user,
    stores,
    cities: [...new Set(stores.map((s) => s.city))].sort(),
    categories: facets.filter((f) => f.kind === 'category').map((f) => f.value),
    seasons: facets.filter((f) => f.kind === 'season').map((f) => f.value),
    tiers,
    styles,
    dataRange: { first: range[0]?.first ?? null, last: range[0]?.last ?? null },
  };
}
