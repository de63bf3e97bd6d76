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

describe('0090-recommend', () => {
  it('adds the affinity and popularity tables to a database at 80, keeping its history', () => {
    migrate(db, 80);
    db.exec(`INSERT INTO history_transactions VALUES
      ('X1', 1, NULL, 'S001', 'store', '2026-03-01T10:00:00+08:00', 'A-BLK-M', 1, 100)`);
    expect(migrate(db, 90)).toEqual([90]);
    expect(currentVersion(db)).toBe(90);
    expect(db.raw.prepare('SELECT count(*) AS n FROM history_transactions').get()).toEqual({
      n: 1,
    });
    const insert = db.prepare('INSERT INTO style_affinity VALUES (?,?,?,?,?)');
    insert.run('A', 'B', 3, 1, 1);
    expect(() => insert.run('A', 'B', 1, 0, 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('A', 'A', 1, 0, 1)).toThrow(/CHECK/);
    expect(() => insert.run('A', 'C', 0, 0, 0)).toThrow(/CHECK/);
    db.prepare('INSERT INTO style_popularity VALUES (?,?,?)').run('A', 4, 2);
    expect(() => db.prepare('INSERT INTO style_popularity VALUES (?,?,?)').run('B', -1, 0)).toThrow(
      /CHECK/,
    );
  });

  it('finds the partners of a style by the primary key, and ranks popularity by its index', () => {
    migrate(db, 90);
    const plan = (sql: string) =>
      (db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan("SELECT style_b, score FROM style_affinity WHERE style_a = 'A'")).toMatch(
      /SEARCH style_affinity USING PRIMARY KEY \(style_a=\?\)/,
    );
    expect(
      plan('SELECT style_id FROM style_popularity ORDER BY purchases DESC, tryons DESC LIMIT 5'),
    ).toMatch(/style_popularity_rank/);
  });
});
