/** Migration 120: the brand's history, the trained models and the `model` stream's rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore } from './migration-support';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';

describe('cloud migration 120 (recommendations)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(120);
    await db.query(
      `INSERT INTO stores VALUES ('S001', '一店', 'Store 1', 'Shanghai', 'Asia/Shanghai')`,
    );
    await migrate(db);
  });
  afterAll(async () => db.close());

  it('keeps what was there and adds the model stream with epoch 1', async () => {
    expect((await db.query('SELECT store_id FROM stores')).rows).toEqual([{ store_id: 'S001' }]);
    expect((await db.query(`SELECT epoch FROM stream_epochs WHERE stream = 'model'`)).rows).toEqual(
      [{ epoch: 1 }],
    );
  });

  it('accepts only the known outcomes, reasons and channels', async () => {
    await db.query(
      `INSERT INTO history_tryons VALUES ('T1', 1, 'M1', 'S001', now(), 'A-1', 'liked', NULL)`,
    );
    await expect(
      db.query(
        `INSERT INTO history_tryons VALUES ('T1', 2, 'M1', 'S001', now(), 'A-1', 'loved', NULL)`,
      ),
    ).rejects.toThrow(/check/i);
    await expect(
      db.query(
        `INSERT INTO history_tryons VALUES ('T1', 3, 'M1', 'S001', now(), 'A-1', 'rejected', 'too_small')`,
      ),
    ).rejects.toThrow(/check/i);
    await expect(
      db.query(
        `INSERT INTO history_transactions VALUES ('X1', 1, NULL, 'S001', 'phone', now(), 'A-1', 1, 100)`,
      ),
    ).rejects.toThrow(/check/i);
  });

  it('finds a member’s history and a key of the model by index', async () => {
    const plan = async (sql: string) =>
      db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    expect(await plan(`SELECT 1 FROM history_tryons WHERE member_id = 'M1'`)).toContain(
      'history_tryons_member',
    );
    expect(await plan(`SELECT 1 FROM model_rows WHERE key = 'member:M1'`)).toContain(
      'model_rows_key',
    );
    expect(
      await plan('SELECT meta FROM recommend_models ORDER BY trained_at DESC LIMIT 1'),
    ).toContain('recommend_models_newest');
  });
});
