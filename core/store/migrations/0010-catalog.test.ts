import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, seedStoreAndStyle } from './test-support';

describe('0010-catalog', () => {
  it('creates the catalog tables with a unique 14-digit gtin and an index for style look-ups', () => {
    const db = databaseAt(0);
    migrateTo(db, 10);
    seedStoreAndStyle(db);
    const insert = db.prepare('INSERT INTO variants VALUES (?,?,?,?,?,?,?,?)');
    insert.run('S1-A', 'S1', '06970001000016', 'WHT', '白', 'White', 'M', 100);
    expect(() =>
      insert.run('S1-B', 'S1', '06970001000016', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/UNIQUE/);
    expect(() => insert.run('S1-C', 'S1', '123', 'WHT', '白', 'White', 'L', 100)).toThrow(/CHECK/);
    expect(() =>
      insert.run('S1-D', 'NOPE', '06970001000023', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/FOREIGN KEY/);
    expect(queryPlan(db, "SELECT * FROM variants WHERE style_id = 'S1'")).toMatch(/variants_style/);
  });
});
