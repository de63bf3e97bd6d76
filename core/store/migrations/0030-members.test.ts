import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, seedStoreAndStyle } from './test-support';

describe('0030-members', () => {
  it('stores members with encrypted columns and unique look-up hashes; an erased row holds no personal data', () => {
    const db = databaseAt(20);
    seedStoreAndStyle(db);
    db.exec(`INSERT INTO tiers VALUES ('regular','会员','Member',0,1,0)`);
    migrateTo(db, 30);
    const insert = db.prepare(
      `INSERT INTO members (member_id, card_hash, qr_hash, phone_last4_hash, name_enc, tier, home_store)
       VALUES (?, ?, ?, ?, ?, 'regular', 'S001')`,
    );
    insert.run('M1', Buffer.of(1), Buffer.of(2), Buffer.of(3), Buffer.of(9));
    insert.run('M2', Buffer.of(4), Buffer.of(5), Buffer.of(3), Buffer.of(9));
    expect(() => insert.run('M3', Buffer.of(1), Buffer.of(6), null, null)).toThrow(/UNIQUE/);
    expect(() => db.exec(`UPDATE members SET erased_at = 't' WHERE member_id = 'M1'`)).toThrow(
      /CHECK/,
    );
    db.exec(`UPDATE members SET erased_at = 't', card_hash = NULL, qr_hash = NULL,
      phone_last4_hash = NULL, name_enc = NULL WHERE member_id = 'M1'`);
    expect(queryPlan(db, "SELECT * FROM members WHERE phone_last4_hash = x'03'")).toMatch(
      /members_phone_last4/,
    );
    expect(queryPlan(db, "SELECT * FROM members WHERE card_hash = x'04'")).toMatch(
      /sqlite_autoindex_members/,
    );
  });
});
