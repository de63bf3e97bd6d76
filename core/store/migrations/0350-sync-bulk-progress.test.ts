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

describe('0350-sync-bulk-progress', () => {
  it('keeps one progress row per stream, with counts that cannot go negative', () => {
    migrate(db, 340);
    expect(migrate(db, 350)).toEqual([350]);
    expect(currentVersion(db)).toBe(350);
    const put = db.prepare('INSERT INTO sync_bulk_progress VALUES (?, ?, ?, ?)');
    put.run('catalog', 1000, 0, '2026-12-01T00:00:00Z');
    put.run('stock', null, 10, '2026-12-01T00:00:00Z');
    expect(() => put.run('catalog', 1000, 5, 'x')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run('prices', -1, 0, 'x')).toThrow(/CHECK/);
    expect(() => put.run('members', 1, -1, 'x')).toThrow(/CHECK/);
    expect(db.raw.prepare('SELECT count(*) AS n FROM sync_bulk_progress').get()).toEqual({ n: 2 });
  });
});
