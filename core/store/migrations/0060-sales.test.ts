import { describe, expect, it } from 'vitest';
import { columnsOf, databaseAt, migrateTo, queryPlan, seedStoreAndStyle } from './test-support';

describe('0060-sales', () => {
  it('adds sales, lines and payments; the points ledger refuses UPDATE and DELETE', () => {
    const db = databaseAt(50);
    seedStoreAndStyle(db);
    migrateTo(db, 60);
    db.exec(
      `INSERT INTO sales VALUES ('x1', NULL, 'S001', NULL, NULL, 'completed', 100, 0, 100, 't')`,
    );
    db.exec(`INSERT INTO sale_lines VALUES ('x1', 1, 'S1-A', 1, 100, 0, 100)`);
    db.exec(`INSERT INTO payments VALUES ('p1', 'x1', 'wechat', 100, 'wx-ref', 'captured', 't')`);
    expect(() =>
      db.exec(`INSERT INTO payments VALUES ('p2', 'x1', 'bitcoin', 100, NULL, 'captured', 't')`),
    ).toThrow(/CHECK/);
    expect(columnsOf(db, 'payments').some((c) => /card|pan/i.test(c))).toBe(false);
    db.exec(`INSERT INTO points_ledger VALUES ('e1', 'M1', 'x1', 100, 'earn', 't')`);
    expect(() => db.exec(`UPDATE points_ledger SET delta = 1000`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM points_ledger`)).toThrow(/append-only/);
    expect(queryPlan(db, "SELECT sum(delta) FROM points_ledger WHERE member_id = 'M1'")).toMatch(
      /points_ledger_member/,
    );
  });
});
