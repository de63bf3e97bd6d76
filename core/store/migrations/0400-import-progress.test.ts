import { describe, expect, it } from 'vitest';
import { databaseAt, inserter, migrateTo } from './test-support';

describe('0400-import-progress', () => {
  it('keeps one row per folder, with applied rows never past the total', () => {
    const db = databaseAt(380);
    migrateTo(db, 400);
    const put = inserter(db, 'import_progress', {
      folder_hash: 'a'.repeat(64),
      total_rows: 1000,
      rows_applied: 0,
      started_at: '2026-12-05T00:00:00Z',
    });
    put({});
    expect(() => put({ total_rows: 10 })).toThrow(/UNIQUE|PRIMARY/);
    expect(() => put({ folder_hash: 'b', total_rows: 10, rows_applied: 11 })).toThrow(/CHECK/);
    expect(() => put({ folder_hash: 'c', total_rows: -1 })).toThrow(/CHECK/);
    expect(() => put({ folder_hash: 'd', rehearsed: 2 })).toThrow(/CHECK/);
    expect(
      db.raw.prepare('SELECT rehearsed, chunks_applied, changed_json FROM import_progress').get(),
    ).toEqual({ rehearsed: 0, chunks_applied: 0, changed_json: '{}' });
  });
});
