import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedSmallStore } from './recommend-store/test-fixture';
import { memberRfm, rfmOfConsentingMembers, segmentCounts } from './rfm-store';
import { readOnly } from './store/db';

import { openTestDb, type TestDb } from '../test/support/db';

let db: TestDb;
const now = new Date('2026-10-01T00:00:00Z');

beforeEach(() => {
  db = openTestDb();
  seedSmallStore(db);
});
afterEach(() => db.close());

function addMember(id: string, consent: 0 | 1): void {
  db.prepare(
    "INSERT INTO members (member_id, gender, tier, consent_profile, joined_on) VALUES (?, 'F', 'regular', ?, '2024-01-01')",
  ).run(id, consent);
}

function buy(member: string, txn: string, ts: string, cents: number): void {
  db.prepare(
    "INSERT INTO history_transactions VALUES (?, 1, ?, 'S001', 'store', ?, 'TOP1-BLK-M', 1, ?)",
  ).run(txn, member, ts, cents);
}

describe('memberRfm', () => {
  it('scores a consenting member from history and local sales, with a named segment', () => {
    addMember('M4', 1);
    for (let i = 1; i <= 6; i++) buy('M4', `Y${i}`, `2026-09-2${i}T10:00:00+08:00`, 50_000);
    db.exec(`INSERT INTO sales VALUES ('L1', NULL, 'S001', 'M1', NULL, 'completed', 2000, 0, 2000,
      '2026-09-30T02:00:00Z'), ('L2', NULL, 'S001', 'M1', NULL, 'voided', 9000, 0, 9000, '2026-09-30T03:00:00Z')`);
    const m1 = memberRfm(readOnly(db), 'M1', now);
    // M1: one history sale of 100 yuan and one completed local sale of 20 yuan; the void is ignored.
    expect(m1).toMatchObject({
      memberId: 'M1',
      frequency: 2,
      monetaryCents: 12_000,
      recencyDays: 0,
    });
    const m4 = memberRfm(readOnly(db), 'M4', now);
    // Scores are relative between the two: M4 buys more and spends more, but not lately.
    expect(m4).toMatchObject({
      frequency: 6,
      monetaryCents: 300_000,
      recencyDays: 4,
      r: 2,
      f: 4,
      m: 4,
    });
    expect(m4?.segment).toBe('at-risk');
    expect(m4?.label).toEqual({ zh: '流失风险', en: 'At risk' });
    expect(m1).toMatchObject({ r: 4, f: 2, m: 2, segment: 'potential' });
  });

  it('is hidden (null) without consent, after erasure, for unknown members and without sales', () => {
    const r = readOnly(db);
    expect(memberRfm(r, 'M2', now)).toBeNull();
    expect(memberRfm(r, 'M3', now)).toBeNull();
    expect(memberRfm(r, 'M404', now)).toBeNull();
    addMember('M5', 1);
    expect(memberRfm(r, 'M5', now)).toBeNull();
  });

  it('leaves members without consent out of the comparison and the staff counts', () => {
    addMember('M6', 0);
    for (let i = 1; i <= 9; i++) buy('M6', `Z${i}`, '2026-09-29T10:00:00+08:00', 900_000);
    const all = rfmOfConsentingMembers(readOnly(db), now);
    expect(all.map((x) => x.memberId)).toEqual(['M1']);
    // Alone in the comparison, M1 scores in the middle.
    expect(all[0]).toMatchObject({ r: 3, f: 3, m: 3 });
    const counts = segmentCounts(readOnly(db), now);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
