import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemberPii, sealMemberPii } from '../core/members/pii';
import {
  adoptPermanentMemberIds,
  permanentMemberId,
  recordMemberAlias,
  registeredMember,
} from './member-ids';
import { testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
beforeEach(() => {
  k = testKiosk();
  k.db.exec(`INSERT INTO tiers VALUES ('regular', 'r', 'r', 0, 1, 0)`);
});
afterEach(() => k.remove());

function member(id: string, points = 0) {
  const s = sealMemberPii(k.key, id, { name: '会员5678', phone: '13912345678', birthday: '' });
  k.db
    .prepare(
      `INSERT INTO members (member_id, name_enc, phone_enc, birthday_enc, pii_mac, phone_last4_hash, tier, points)
       VALUES (?, ?, ?, ?, ?, ?, 'regular', ?)`,
    )
    .run(id, s.name_enc, s.phone_enc, s.birthday_enc, s.pii_mac, s.phone_last4_hash, points);
}
const pref = (id: string, key: string, value: string, hlc: string) =>
  k.db.prepare('INSERT INTO preferences VALUES (?, ?, ?, ?)').run(id, key, value, hlc);

describe('member ids', () => {
  it('reads a registerMember answer and nothing else', () => {
    expect(registeredMember({ provisionalId: 'PRV-1', memberId: 'M9', merged: false })).toEqual({
      provisionalId: 'PRV-1',
      memberId: 'M9',
      merged: false,
    });
    expect(registeredMember({ memberId: 'M9', balance: 3 })).toBeNull();
    expect(registeredMember(null)).toBeNull();
  });

  it('renames a new member: personal data resealed under the permanent id, rows moved', () => {
    member('PRV-1', 20);
    pref('PRV-1', 'size.top', '"M"', '0002');
    k.db.transaction(() =>
      recordMemberAlias(k.db, { provisionalId: 'PRV-1', memberId: 'M9', merged: false }, 't'),
    );
    expect(adoptPermanentMemberIds(k.db, k.key)).toBe(1);
    const row = k.db
      .prepare<
        [],
        {
          member_id: string;
          points: number;
          name_enc: Buffer;
          phone_enc: Buffer;
          birthday_enc: Buffer;
        }
      >('SELECT * FROM members')
      .all();
    expect(row.map((r) => [r.member_id, r.points])).toEqual([['M9', 20]]);
    expect(openMemberPii(k.key, 'M9', row[0] as (typeof row)[0]).name).toBe('会员5678');
    expect(k.db.prepare('SELECT member_id FROM preferences').all()).toEqual([{ member_id: 'M9' }]);
    expect(permanentMemberId(k.db, 'PRV-1')).toBe('M9');
    expect(permanentMemberId(k.db, 'M1')).toBe('M1');
    expect(adoptPermanentMemberIds(k.db, k.key)).toBe(0);
  });

  it('merges into a cached member: the newer preference stamp wins, the provisional row goes', () => {
    member('PRV-2');
    member('M5', 300);
    pref('PRV-2', 'size.top', '"S"', '0009'); // newer than M5's
    pref('M5', 'size.top', '"L"', '0001');
    pref('PRV-2', 'fit', '"slim"', '0001'); // older than M5's
    pref('M5', 'fit', '"loose"', '0005');
    k.db.transaction(() =>
      recordMemberAlias(k.db, { provisionalId: 'PRV-2', memberId: 'M5', merged: true }, 't'),
    );
    adoptPermanentMemberIds(k.db, k.key);
    expect(k.db.prepare('SELECT member_id, points FROM members').all()).toEqual([
      { member_id: 'M5', points: 300 },
    ]);
    expect(
      k.db.prepare('SELECT member_id, key, value FROM preferences ORDER BY key').all(),
    ).toEqual([
      { member_id: 'M5', key: 'fit', value: '"loose"' },
      { member_id: 'M5', key: 'size.top', value: '"S"' },
    ]);
  });
});
