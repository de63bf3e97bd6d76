import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Queryable } from '../db/db';
import { hashPin } from '../auth/secrets';
import { recomputeRollups } from '../hq/rollups/recompute';
import { publishAll } from '../streams/projections';
import { readImagesFolder, storeCatalogMedia } from '../media/catalog-media';
import { parseCsv } from './csv';

/** Settings every kiosk receives in the config stream (see KioskSettingsSchema). */
export const DEFAULT_SETTINGS = {
  offlineRedeemDailyCapPoints: 2000,
  offlineRedeemStoreCapPoints: 20000,
  maxClockSkewMs: 60_000,
};

const bool = (v: string | undefined) => v === '1' || v === 'true';
const int = (v: string | undefined) => Number.parseInt(v ?? '0', 10);

async function insertJson(
  tx: Queryable,
  table: string,
  columns: string,
  rows: readonly object[],
): Promise<void> {
  const names = columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5000));
    await tx.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`,
      [chunk],
    );
  }
}

/** True when no reference data has been loaded yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
  return (rows[0]?.n ?? 0) === 0;
}

/**
 * Loads the demo store CSVs (stores, tiers, products, variants, stock, staff, members, coupons)
 * and its images (images.csv, each checked like a kiosk import) in one transaction and publishes
 * every stream. Member phones exist only masked in the fixture,
 * so their phone hash stays null. Each member's opening balance is the first ledger entry.
 */
export async function loadDemoStore(
  db: Db,
  dir: string,
): Promise<{ members: number; variants: number; stock: number }> {
  const csv = async (name: string) => parseCsv(await readFile(join(dir, `${name}.csv`), 'utf8'));
  const [stores, tiers, products, variants, stock, staff, members, coupons] = (await Promise.all(
    ['stores', 'tiers', 'products', 'variants', 'stock', 'staff', 'members', 'coupons'].map(csv),
  )) as [
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
  ];
  const images = await readImagesFolder(dir);
  await db.transaction(async (tx) => {
    // bulk: the HQ rollups are recomputed once at the end instead of row by row
    await tx.query("SELECT set_config('hq.bulk', 'on', true)");
    await insertJson(
      tx,
      'stores',
      'store_id text, name_zh text, name_en text, city text, timezone text',
      stores.map((s) => ({
        store_id: s.location_id,
        name_zh: s.name_zh,
        name_en: s.name_en,
        city: s.city,
        timezone: s.timezone,
      })),
    );
    await insertJson(
      tx,
      'tiers',
      'tier text, name_zh text, name_en text, discount_pct int, points_per_yuan int, min_annual_spend_yuan int',
      tiers.map((t) => ({
        ...t,
        discount_pct: int(t.discount_pct),
        points_per_yuan: int(t.points_per_yuan),
        min_annual_spend_yuan: int(t.min_annual_spend_yuan),
      })),
    );
    await insertJson(
      tx,
      'products',
      'style_id text, name_zh text, name_en text, category text, gender text, style_tags text, season text, list_price_cents int, outfit_slot text',
      products.map((p) => ({ ...p, list_price_cents: int(p.list_price_cents) })),
    );
    await insertJson(
      tx,
      'variants',
      'sku text, style_id text, gtin text, color_code text, color_zh text, color_en text, size text, price_cents int',
      variants.map((v) => ({ ...v, price_cents: int(v.price_cents) })),
    );
    await insertJson(
      tx,
      'stock',
      'sku text, location_id text, on_hand int',
      stock.map((s) => ({ ...s, on_hand: int(s.on_hand) })),
    );
    await insertJson(
      tx,
      'staff',
      'staff_id text, name text, role text, badge_no text, pin_hash text, store_id text',
      staff.map((s) => ({
        staff_id: s.staff_id,
        name: s.name,
        role: s.role,
        badge_no: s.badge_no,
        pin_hash: hashPin(s.demo_pin ?? ''),
        store_id: s.store_id,
      })),
    );
    await insertJson(
      tx,
      'members',
      'member_id text, card_no text, qr_token text, name text, phone_masked text, gender text, tier text, points int, birthday text, home_store text, consent_profile boolean, consent_marketing boolean, joined_on text',
      members.map((m) => ({
        ...m,
        points: int(m.points),
        consent_profile: bool(m.consent_profile),
        consent_marketing: bool(m.consent_marketing),
      })),
    );
    await tx.query(`INSERT INTO points_ledger (ref, member_id, delta, balance_after, device_id, created_at)
      SELECT 'opening:' || member_id, member_id, points, points, 'demo-loader', now() FROM members`);
    await insertJson(
      tx,
      'coupons',
      'code text, title_zh text, title_en text, kind text, value int, min_spend_cents int, valid_from date, valid_to date, min_tier text, single_use boolean',
      coupons.map((c) => ({
        ...c,
        value: int(c.value),
        min_spend_cents: int(c.min_spend_cents),
        single_use: bool(c.single_use),
      })),
    );
    await tx.query(
      `INSERT INTO settings (key, value) VALUES ('settings', $1::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [JSON.stringify(DEFAULT_SETTINGS)],
    );
    await storeCatalogMedia(tx, images.blobs, images.refs);
    await publishAll(tx);
    await recomputeRollups(tx, { facts: 'from-events' });
  });
  return { members: members.length, variants: variants.length, stock: stock.length };
}
