import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, read } from './test-support';

describe('0090-recommend', () => {
  it('adds the affinity and popularity tables to a database at 80, keeping its history', () => {
    const db = databaseAt(80);
    db.exec(`INSERT INTO history_transactions VALUES
      ('X1', 1, NULL, 'S001', 'store', '2026-03-01T10:00:00+08:00', 'A-BLK-M', 1, 100)`);
    migrateTo(db, 90);
    expect(read(db, 'SELECT count(*) AS n FROM history_transactions')).toEqual([{ n: 1 }]);
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
    const db = databaseAt(90);
    expect(queryPlan(db, "SELECT style_b, score FROM style_affinity WHERE style_a = 'A'")).toMatch(
      /SEARCH style_affinity USING PRIMARY KEY \(style_a=\?\)/,
    );
    expect(
      queryPlan(
        db,
        'SELECT style_id FROM style_popularity ORDER BY purchases DESC, tryons DESC LIMIT 5',
      ),
    ).toMatch(/style_popularity_rank/);
  });
});
