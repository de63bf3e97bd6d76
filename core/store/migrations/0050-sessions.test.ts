import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, read, seedStoreAndStyle } from './test-support';

describe('0050-sessions', () => {
  it('adds sessions, try-ons (cascading), preferences, photos, audit and settings', () => {
    const db = databaseAt(40);
    seedStoreAndStyle(db);
    migrateTo(db, 50);
    db.exec(`INSERT INTO sessions (session_id, kind, store_id, started_at, last_activity_at)
      VALUES ('s1', 'mirror', 'S001', 't0', 't0')`);
    const tryon = db.prepare('INSERT INTO tryons VALUES (?, ?, ?, ?, ?, ?)');
    tryon.run('t1', 's1', 'S1-A', 'size-swap', 'too-small', 't1');
    expect(() => tryon.run('t2', 's1', 'S1-A', 'maybe', null, 't1')).toThrow(/CHECK/);
    expect(() => tryon.run('t3', 's1', 'S1-A', 'liked', 'ugly', 't1')).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE sessions SET ended_at = 't2' WHERE session_id = 's1'`)).toThrow(
      /CHECK/,
    );
    expect(() =>
      db.exec(`INSERT INTO audit (at, actor, action, detail) VALUES ('t','a','b','{')`),
    ).toThrow(/CHECK/);
    expect(
      queryPlan(db, "SELECT * FROM sessions WHERE ended_at IS NULL AND last_activity_at < 'x'"),
    ).toMatch(/sessions_open/);
    expect(
      queryPlan(db, "SELECT * FROM photos WHERE sent_at IS NULL AND created_at < 'x'"),
    ).toMatch(/photos_unsent/);
    db.exec(`DELETE FROM sessions WHERE session_id = 's1'`);
    expect(read(db, 'SELECT count(*) AS n FROM tryons')).toEqual([{ n: 0 }]);
  });
});
