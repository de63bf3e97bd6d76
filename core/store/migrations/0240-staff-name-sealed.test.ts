import { describe, expect, it } from 'vitest';
import { DataKey } from '../../crypto/data-key';
import { openStaffName, sealLegacyStaffNames } from '../../staff/staff-names';
import { databaseAt, migrateTo } from './test-support';

describe('0240-staff-name-sealed', () => {
  it('drops the clear staff name, keeps it aside until the key seals it, and keeps staff references', () => {
    const db = databaseAt(230);
    db.exec(`
      INSERT INTO stores VALUES ('S001', '店', 'Store', 'SH', 'Asia/Shanghai');
      INSERT INTO staff (staff_id, name, role, badge_hash, store_id, pin_hash, pin_salt, pin_params)
        VALUES ('E1', '周婷', 'associate', x'01', 'S001', x'00', x'00', '{}');
      INSERT INTO sessions (session_id, kind, store_id, staff_id, started_at, last_activity_at)
        VALUES ('V1', 'assisted', 'S001', 'E1', 't', 't');
    `);
    migrateTo(db, 240);
    const columns = db.raw.prepare('PRAGMA table_info(staff)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('name');
    expect(db.raw.prepare('SELECT * FROM staff_names_unsealed').all()).toEqual([
      { staff_id: 'E1', name: '周婷' },
    ]);
    expect(db.raw.prepare('SELECT staff_id FROM sessions').get()).toEqual({ staff_id: 'E1' });
    expect(db.raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    const key = DataKey.generate();
    expect(sealLegacyStaffNames(db, key)).toBe(1);
    expect(sealLegacyStaffNames(db, key)).toBe(0);
    const row = db.raw.prepare('SELECT * FROM staff').get() as { name_enc: Buffer };
    expect(JSON.stringify(row)).not.toContain('周婷');
    expect(row.name_enc.toString('utf8')).not.toContain('周婷');
    expect(openStaffName(key, 'E1', row.name_enc)).toBe('周婷');
    expect(openStaffName(key, 'E2', row.name_enc)).toBeNull();
    expect(db.raw.prepare('SELECT count(*) AS n FROM staff_names_unsealed').get()).toEqual({
      n: 0,
    });
  });
});
