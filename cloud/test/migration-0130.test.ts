/** Migration 130: console accounts and sessions, with the role/store rule held by the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 130 (HQ accounts)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(130);
    await db.query(`INSERT INTO stores VALUES ('S001', 'a', 'a', 'Shanghai', 'Asia/Shanghai')`);
    await migrateTo(db, 130);
  });
  afterAll(async () => db.close());

  const user = (id: string, username: string, role: string, store: string | null) =>
    db.query(
      `INSERT INTO hq_users (user_id, username, display_name, role, store_id, password_hash, created_at)
       VALUES ($1, $2, 'x', $3, $4, 'h', now())`,
      [id, username, role, store],
    );

  it('a store manager has exactly one store, the others none; usernames are plain', async () => {
    await user('U1', 'mgr.one', 'store-manager', 'S001');
    await user('U2', 'ana.one', 'analyst', null);
    await expect(user('U3', 'mgr.two', 'store-manager', null)).rejects.toThrow();
    await expect(user('U4', 'ana.two', 'analyst', 'S001')).rejects.toThrow();
    await expect(user('U5', 'mgr.three', 'store-manager', 'S999')).rejects.toThrow();
    await expect(user('U6', 'Bad Name', 'marketing', null)).rejects.toThrow();
    await expect(user('U7', 'ana.one', 'marketing', null)).rejects.toThrow();
    await expect(user('U8', 'root.one', 'admin', null)).rejects.toThrow();
  });

  it("a user's sessions go with the user", async () => {
    await db.query(`INSERT INTO hq_sessions VALUES ('t1', 'U2', 'c', now(), now(), now())`);
    await db.query(`DELETE FROM hq_users WHERE user_id = 'U2'`);
    expect((await db.query('SELECT * FROM hq_sessions')).rows).toEqual([]);
  });
});
