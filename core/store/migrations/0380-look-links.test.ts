import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import { currentVersion, migrate } from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const add = (session: string, token: string, expires = '2026-12-12T00:00:00Z') =>
  db
    .prepare(
      `INSERT INTO look_links (session_id, token, created_at, expires_at) VALUES (?, ?, '2026-12-05T00:00:00Z', ?)`,
    )
    .run(session, token, expires);

describe('0380-look-links', () => {
  it('adds look_links to a database at 370: one token per session, unique, well-sized, expiring later', () => {
    migrate(db, 370);
    expect(migrate(db, 380)).toEqual([380]);
    expect(currentVersion(db)).toBe(380);
    add('S1', 'AbCdEfGhIjKlMnOpQrStUv');
    expect(() => add('S1', 'ZyXwVuTsRqPoNmLkJiHgFe')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add('S2', 'AbCdEfGhIjKlMnOpQrStUv')).toThrow(/UNIQUE/);
    expect(() => add('S3', 'short')).toThrow(/CHECK/);
    expect(() => add('S4', 'ZyXwVuTsRqPoNmLkJiHgFe', '2026-12-01T00:00:00Z')).toThrow(/CHECK/);
  });
});
