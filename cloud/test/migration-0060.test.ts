/** Migration 60: a member's used single-use coupons are found through an index by member. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

describe('cloud migration 60 (coupon redemptions by member)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(db);
  });
  afterAll(async () => db.close());

  it("plans the members stream's used-coupons lookup on the new index", async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT coupon_code FROM coupon_redemptions WHERE member_id = 'M000017' AND single_use`,
      );
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('coupon_redemptions_member');
  });
});
