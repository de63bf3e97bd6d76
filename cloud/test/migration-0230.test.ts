/** Migration 230: online clients with a unique secret digest, and their audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbBefore, migrateTo } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 230 (online clients)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbBefore(230);
    await migrateTo(db, 230);
  });
  afterAll(async () => db.close());

  it('keeps well-formed client ids with unique digests, and audits only known clients (or none)', async () => {
    const client = (id: string, hash: string) =>
      db.query(
        `INSERT INTO online_clients (client_id, name, secret_hash, created_at) VALUES ($1, 'e-shop', $2, now())`,
        [id, hash],
      );
    await client('oc_abcdefghij12', 'h1');
    await expect(client('oc_abcdefghij13', 'h1')).rejects.toThrow();
    await expect(client('device_1', 'h2')).rejects.toThrow();
    const audit = (clientId: string | null) =>
      db.query(
        `INSERT INTO online_audit (client_id, member_id, endpoint, status, at) VALUES ($1, 'M1', '/x', 200, now())`,
        [clientId],
      );
    await audit('oc_abcdefghij12');
    await audit(null);
    await expect(audit('oc_zzzzzzzzzzzz')).rejects.toThrow();
  });
});
