import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo } from './test-support';

describe('0120-nps', () => {
  it('adds nps_responses at 120: one answer per sale, scores 0 to 10', () => {
    const db = databaseAt(110);
    migrateTo(db, 120);
    const add = db.prepare(
      "INSERT INTO nps_responses VALUES (?, ?, 'S001', NULL, ?, '2026-11-24T08:00:00Z')",
    );
    add.run('N1', 'SALE1', 10);
    expect(() => add.run('N2', 'SALE1', 5)).toThrow(/UNIQUE/);
    expect(() => add.run('N3', 'SALE2', 11)).toThrow(/CHECK/);
    expect(() => add.run('N4', 'SALE3', -1)).toThrow(/CHECK/);
  });
});
