import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../db';
import { databaseAt, migrateTo } from './test-support';

const add = (db: WritableDB, session: string, token: string, expires = '2026-12-12T00:00:00Z') =>
  db
    .prepare(
      `INSERT INTO look_links (session_id, token, created_at, expires_at) VALUES (?, ?, '2026-12-05T00:00:00Z', ?)`,
    )
    .run(session, token, expires);

describe('0380-look-links', () => {
  it('adds look_links to a database at 370: one token per session, unique, well-sized, expiring later', () => {
    const db = databaseAt(370);
    migrateTo(db, 380);
    add(db, 'S1', 'AbCdEfGhIjKlMnOpQrStUv');
    expect(() => add(db, 'S1', 'ZyXwVuTsRqPoNmLkJiHgFe')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add(db, 'S2', 'AbCdEfGhIjKlMnOpQrStUv')).toThrow(/UNIQUE/);
    expect(() => add(db, 'S3', 'short')).toThrow(/CHECK/);
    expect(() => add(db, 'S4', 'ZyXwVuTsRqPoNmLkJiHgFe', '2026-12-01T00:00:00Z')).toThrow(/CHECK/);
  });
});
