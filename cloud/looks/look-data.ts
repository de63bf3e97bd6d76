/**
 * What a look's phone page shows: the visit's garments (name, colour, the size tried, price,
 * picture) and, for each, every size of that colour with stock in the look's store, in the other
 * stores and online. No member, no personal data. Expired or unknown tokens show nothing.
 */
import { z } from 'zod';
import type { Queryable } from '../db/db';

export const ONLINE = 'ONLINE';

export const LookSizeSchema = z.object({
  sku: z.string(),
  size: z.string(),
  here: z.number().int(),
  otherStores: z.number().int(),
  online: z.number().int(),
});
export const LookGarmentSchema = z.object({
  sku: z.string(),
  styleId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  colorCode: z.string(),
  colorZh: z.string(),
  colorEn: z.string(),
  size: z.string(),
  priceCents: z.number().int(),
  image: z.object({ hash: z.string(), altZh: z.string(), altEn: z.string() }).nullable(),
  sizes: z.array(LookSizeSchema),
});
export type LookGarment = z.infer<typeof LookGarmentSchema>;

export const LookAnswerSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('expired') }),
  z.object({
    state: z.literal('ready'),
    store: z.object({ storeId: z.string(), nameZh: z.string(), nameEn: z.string() }),
    expiresAt: z.string(),
    garments: z.array(LookGarmentSchema),
  }),
]);
export type LookAnswer = z.infer<typeof LookAnswerSchema>;

const SIZE_ORDER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];
const sizeRank = (s: string) => {
  const i = SIZE_ORDER.indexOf(s.toUpperCase());
  return i >= 0 ? i : 100 + (Number.parseFloat(s) || 0);
};

interface LookRow {
  store_id: string;
  name_zh: string;
  name_en: string;
  skus: string[];
  expires_at: string;
  expired: boolean;
}

export async function findLook(q: Queryable, token: string, now: Date) {
  const { rows } = await q.query<LookRow & { device_id: string }>(
    `SELECT l.store_id, s.name_zh, s.name_en, l.skus, l.device_id,
       to_char(l.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at,
       l.expires_at <= $2::timestamptz AS expired
     FROM looks l JOIN stores s USING (store_id) WHERE l.token = $1`,
    [token, now.toISOString()],
  );
  return rows[0] ?? null;
}

export async function readLook(q: Queryable, token: string, now: Date): Promise<LookAnswer> {
  const look = await findLook(q, token, now);
  if (!look) return { state: 'pending' };
  if (look.expired) return { state: 'expired' };
  const skus = JSON.stringify(look.skus);
  const { rows: garments } = await q.query<{
    sku: string;
    style_id: string;
    name_zh: string;
    name_en: string;
    color_code: string;
    color_zh: string;
    color_en: string;
    size: string;
    price_cents: number;
    hash: string | null;
    alt_zh: string | null;
    alt_en: string | null;
  }>(
    `SELECT v.sku, v.style_id, p.name_zh, p.name_en, v.color_code, v.color_zh, v.color_en, v.size, v.price_cents,
       m.hash, m.alt_zh, m.alt_en
     FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(sku, ord)
     JOIN variants v ON v.sku = x.sku JOIN products p ON p.style_id = v.style_id
     LEFT JOIN catalog_media m ON m.style_id = v.style_id AND m.color_code = v.color_code
     ORDER BY x.ord`,
    [skus],
  );
  const { rows: sizes } = await q.query<{
    style_id: string;
    color_code: string;
    sku: string;
    size: string;
    here: number;
    other: number;
    online: number;
  }>(
    `SELECT v.style_id, v.color_code, v.sku, v.size,
       coalesce(sum(s.on_hand) FILTER (WHERE s.location_id = $2), 0)::int AS here,
       coalesce(sum(s.on_hand) FILTER (WHERE s.location_id NOT IN ($2, '${ONLINE}')), 0)::int AS other,
       coalesce(sum(s.on_hand) FILTER (WHERE s.location_id = '${ONLINE}'), 0)::int AS online
     FROM variants v LEFT JOIN stock s ON s.sku = v.sku
     WHERE (v.style_id, v.color_code) IN
       (SELECT style_id, color_code FROM variants WHERE sku IN (SELECT jsonb_array_elements_text($1::jsonb)))
     GROUP BY v.style_id, v.color_code, v.sku, v.size`,
    [skus, look.store_id],
  );
  return {
    state: 'ready',
    store: { storeId: look.store_id, nameZh: look.name_zh, nameEn: look.name_en },
    expiresAt: look.expires_at,
    garments: garments.map((g) => ({
      sku: g.sku,
      styleId: g.style_id,
      nameZh: g.name_zh,
      nameEn: g.name_en,
      colorCode: g.color_code,
      colorZh: g.color_zh,
      colorEn: g.color_en,
      size: g.size,
      priceCents: g.price_cents,
      image: g.hash ? { hash: g.hash, altZh: g.alt_zh ?? '', altEn: g.alt_en ?? '' } : null,
      sizes: sizes
        .filter((s) => s.style_id === g.style_id && s.color_code === g.color_code)
        .sort((a, b) => sizeRank(a.size) - sizeRank(b.size) || (a.sku < b.sku ? -1 : 1))
        .map((s) => ({
          sku: s.sku,
          size: s.size,
          here: s.here,
          otherStores: s.other,
          online: s.online,
        })),
    })),
  };
}
