/** Migration 210: campaigns, their recorded arms, and campaign coupons kept off the coupons stream. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 210 (campaigns)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(210);
    await db.exec(`INSERT INTO tiers VALUES ('regular', '普通', 'Regular', 0, 1, 0);
      INSERT INTO coupons VALUES ('OLD', 'a', 'a', 'amount', 100, 0, '2026-01-01', '2026-12-31', 'regular', false);
      INSERT INTO members (member_id, tier, points, consent_profile, consent_marketing) VALUES ('M1', 'regular', 0, true, true);`);
    await migrateTo(db, 210);
  });
  afterAll(async () => db.close());

  it('keeps existing coupons brand-wide and records one arm per member per campaign', async () => {
    const { rows } = await db.query<{ campaign_id: string | null }>(
      "SELECT campaign_id FROM coupons WHERE code = 'OLD'",
    );
    expect(rows).toEqual([{ campaign_id: null }]);
    const campaign = (id: string, end = '2026-12-31') =>
      db.query(
        `INSERT INTO campaigns (campaign_id, name, segments, stores, tiers, offer_kind, offer_value, min_spend_cents,
           title_zh, title_en, starts_on, ends_on, birthday_month, control_pct, created_by, created_at)
         VALUES ($1, 'n', '["new"]', '[]', '[]', 'amount', 100, 0, 'z', 'e', '2026-12-01', $2, false, 10, 'u', now())`,
        [id, end],
      );
    await campaign('CMP0001');
    await expect(campaign('CMP0002', '2026-11-01')).rejects.toThrow(); // ends before it starts
    await expect(campaign('bad-id')).rejects.toThrow();
    const arm = (arm: string) =>
      db.query(
        `INSERT INTO campaign_members VALUES ('CMP0001', 'M1', $1, 'S001', '2026-12-01', '2026-12-31')`,
        [arm],
      );
    await expect(arm('maybe')).rejects.toThrow();
    await arm('control');
    await expect(arm('treatment')).rejects.toThrow();
  });
});
