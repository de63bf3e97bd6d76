import { describe, expect, it } from 'vitest';
import { databaseAt, inserter, migrateTo, read } from './test-support';

describe('0180-history-tryon-reason', () => {
  it('adds a reason to past try-ons: existing rows keep NULL, only the five reasons are allowed', () => {
    const db = databaseAt(170);
    db.exec(`INSERT INTO history_tryons VALUES ('T0', 1, NULL, 'S001', 't', 'S1-A', 'liked')`);
    migrateTo(db, 180);
    expect(read(db, 'SELECT reason FROM history_tryons')).toEqual([{ reason: null }]);
    const add = inserter(db, 'history_tryons', {
      session_id: 'T1',
      member_id: null,
      store_id: 'S001',
      ts: 't',
      sku: 'S1-A',
      outcome: 'rejected',
    });
    add({ line_no: 1, reason: 'too-small' });
    add({ line_no: 2, reason: null });
    expect(() => add({ line_no: 3, reason: 'too_small' })).toThrow(/CHECK/);
    expect(() => add({ line_no: 4, reason: 'ugly' })).toThrow(/CHECK/);
    expect(read(db, "SELECT count(*) AS n FROM history_tryons WHERE reason = 'too-small'")).toEqual(
      [{ n: 1 }],
    );
  });
});
