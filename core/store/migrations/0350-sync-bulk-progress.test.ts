import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo } from './test-support';

describe('0350-sync-bulk-progress', () => {
  it('keeps one progress row per stream, with counts that cannot go negative', () => {
    const db = databaseAt(340);
    migrateTo(db, 350);
    const put = db.prepare('INSERT INTO sync_bulk_progress VALUES (?, ?, ?, ?)');
    put.run('catalog', 1000, 0, '2026-12-01T00:00:00Z');
    put.run('stock', null, 10, '2026-12-01T00:00:00Z');
    expect(() => put.run('catalog', 1000, 5, 'x')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put.run('prices', -1, 0, 'x')).toThrow(/CHECK/);
    expect(() => put.run('members', 1, -1, 'x')).toThrow(/CHECK/);
    expect(db.raw.prepare('SELECT count(*) AS n FROM sync_bulk_progress').get()).toEqual({ n: 2 });
  });
});
