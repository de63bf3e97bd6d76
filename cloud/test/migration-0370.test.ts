/**
 * Migration 370: the HQ upkeep functions that run once per statement or per transaction plan their
 * statements each time and without JIT; the ones run per row keep their cached plans. What they
 * write is unchanged (the rollup property test runs on the migrated schema); here, the settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { cloudDbAt } from './migration-support';

describe('cloud migration 370 (upkeep custom plans)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbAt(370, async () => {});
  }, 60_000);
  afterAll(() => db.close());

  it('sets custom plans and no JIT on the per-statement upkeep, not on the per-row functions', async () => {
    const { rows } = await db.query<{ name: string; config: string[] | null }>(
      `SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p
       WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'hq\\_%'
       ORDER BY 1`,
    );
    const settings = new Map(rows.map((r) => [r.name, [...(r.config ?? [])].sort()]));
    const tuned = ['plan_cache_mode=force_custom_plan', 'jit=off'].sort();
    for (const fn of [
      'hq_process_pending_sales',
      'hq_fold_at_commit',
      'hq_on_tryons',
      'hq_on_sales',
    ])
      expect(settings.get(fn), fn).toEqual(tuned);
    for (const fn of ['hq_before_tryon', 'hq_join_month', 'hq_day'])
      expect(settings.get(fn), fn).toEqual([]);
  });
});
