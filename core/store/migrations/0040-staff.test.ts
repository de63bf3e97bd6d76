import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, read, seedStoreAndStyle } from './test-support';

describe('0040-staff', () => {
  it('adds staff with a unique badge hash, a known role and store, and a lockout counter', () => {
    const db = databaseAt(30);
    seedStoreAndStyle(db);
    migrateTo(db, 40);
    const insert = db.prepare(
      `INSERT INTO staff (staff_id, name, role, badge_hash, store_id, pin_hash, pin_salt, pin_params)
       VALUES (?, '周婷', ?, ?, ?, x'00', x'00', 'scrypt:N=16384,r=8,p=1,len=32')`,
    );
    insert.run('E1', 'associate', Buffer.of(1), 'S001');
    expect(read(db, 'SELECT failed_attempts, locked_until FROM staff')).toEqual([
      { failed_attempts: 0, locked_until: null },
    ]);
    expect(() => insert.run('E2', 'associate', Buffer.of(1), 'S001')).toThrow(/UNIQUE/);
    expect(() => insert.run('E3', 'owner', Buffer.of(3), 'S001')).toThrow(/CHECK/);
    expect(() => insert.run('E4', 'associate', Buffer.of(4), 'S999')).toThrow(/FOREIGN KEY/);
  });
});
