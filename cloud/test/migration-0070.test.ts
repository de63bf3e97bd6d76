/** Migration 70: a mutation's stored outcome is keyed by (device, key), not by the key alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);
const insert = (db: Db, device: string, key: string) =>
  db.query(
    `INSERT INTO mutations (key, device_id, epoch, seq, name, version, outcome, processed_at)
     VALUES ($1, $2, 'e1', 1, 'earnPoints', 1, '{}'::jsonb, now())`,
    [key, device],
  );

describe('cloud migration 70 (idempotency keys per device)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(db, upTo(60));
    await db.exec(`INSERT INTO stores VALUES ('S001', 's', 's', 'c', 'UTC');
      INSERT INTO devices (device_id, store_id, name, created_at) VALUES
        ('dev_a', 'S001', 'a', now()), ('dev_b', 'S001', 'b', now())`);
  });
  afterAll(async () => db.close());

  it('keeps existing outcomes and lets a second device use a key the first used', async () => {
    await insert(db, 'dev_a', 'sale:1');
    await expect(insert(db, 'dev_b', 'sale:1')).rejects.toThrow(/duplicate key/);
    await migrate(db, upTo(70));
    await insert(db, 'dev_b', 'sale:1');
    await expect(insert(db, 'dev_b', 'sale:1')).rejects.toThrow(/duplicate key/);
    const { rows } = await db.query<{ device_id: string }>(
      "SELECT device_id FROM mutations WHERE key = 'sale:1' ORDER BY device_id",
    );
    expect(rows.map((r) => r.device_id)).toEqual(['dev_a', 'dev_b']);
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT outcome FROM mutations WHERE device_id = 'dev_a' AND key = 'sale:1'",
      );
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('mutations_pkey');
  });
});
