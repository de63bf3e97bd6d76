import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, seedStoreAndStyle } from './test-support';

describe('0080-history', () => {
  it('adds past sales and try-ons keyed by (id, line) with indexes for co-occurrence by sku', () => {
    const db = databaseAt(70);
    seedStoreAndStyle(db);
    migrateTo(db, 80);
    const txn = db.prepare('INSERT INTO history_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    txn.run('X1', 1, null, 'S001', 'store', 't', 'S1-A', 1, 100);
    txn.run('X1', 2, null, 'S001', 'store', 't', 'S1-A', 1, 100);
    expect(() => txn.run('X1', 2, null, 'S001', 'store', 't', 'S1-B', 1, 100)).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(() => txn.run('X2', 1, null, 'S001', 'mall', 't', 'S1-B', 1, 100)).toThrow(/CHECK/);
    db.exec(`INSERT INTO history_tryons VALUES ('T1', 1, 'M1', 'S001', 't', 'S1-A', 'size-swap')`);
    const coTryOn = `SELECT b.sku, count(*) FROM history_tryons a
      JOIN history_tryons b ON b.session_id = a.session_id AND b.sku <> a.sku
      WHERE a.sku = 'S1-A' GROUP BY b.sku`;
    expect(queryPlan(db, coTryOn)).toMatch(/history_tryons_sku/);
    const coBought = `SELECT b.sku FROM history_transactions a
      JOIN history_transactions b ON b.txn_id = a.txn_id WHERE a.sku = 'S1-A'`;
    expect(queryPlan(db, coBought)).toMatch(/history_transactions_sku/);
    expect(queryPlan(db, "SELECT * FROM history_tryons WHERE member_id = 'M1'")).toMatch(
      /history_tryons_member/,
    );
  });
});
