import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DataKey } from '../crypto/data-key';
import { catalogFiles } from '../import/catalog-files';

import { staffFiles } from '../import/staff-files';

import { LOCKOUT_MS, MAX_FAILED_ATTEMPTS, verifyStaffPin } from './verify-pin';
import { openTestDb, type TestDb } from '../../test/support/db';

const key = DataKey.generate();
const t0 = new Date('2026-11-24T08:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
let db: TestDb;
const audit = () =>
  db.raw.prepare('SELECT actor, action, detail FROM audit ORDER BY audit_id').all() as {
    actor: string;
    action: string;
    detail: string;
  }[];

beforeEach(() => {
  db = openTestDb({
    key,
    seed: { files: [...catalogFiles.filter((s) => s.table === 'stores'), ...staffFiles] },
  });
});
afterEach(() => db.close());

describe('verifyStaffPin', () => {
  it('signs in with the right badge and PIN, giving the role, and audits it', async () => {
    const result = await verifyStaffPin(db, key, 'BADGE-2001', '8642', t0);
    expect(result).toEqual({
      ok: true,
      value: { staff: { staffId: 'E2001', name: '林雪', storeId: 'S001' }, role: 'supervisor' },
    });
    expect(audit()).toEqual([expect.objectContaining({ actor: 'E2001', action: 'staff.login' })]);
  });

  it('refuses an unknown badge and a wrong PIN with typed codes', async () => {
    expect(await verifyStaffPin(db, key, 'BADGE-9999', '8642', t0)).toMatchObject({
      ok: false,
      error: { code: 'unknown-badge' },
    });
    expect(await verifyStaffPin(db, key, 'BADGE-2001', '0000', t0)).toMatchObject({
      ok: false,
      error: { code: 'wrong-pin', details: { attemptsLeft: MAX_FAILED_ATTEMPTS - 1 } },
    });
    expect(await verifyStaffPin(db, DataKey.generate(), 'BADGE-2001', '8642', t0)).toMatchObject({
      error: { code: 'unknown-badge' },
    });
    expect(audit().map((a) => a.action)).toEqual([
      'staff.login.refused',
      'staff.login.refused',
      'staff.login.refused',
    ]);
  });

  it('locks the badge for five minutes after five wrong PINs, even against the right PIN, and survives a reopen', async () => {
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++)
      expect(await verifyStaffPin(db, key, 'BADGE-1001', '1111', later(i))).toMatchObject({
        error: { code: 'wrong-pin', details: { attemptsLeft: MAX_FAILED_ATTEMPTS - i } },
      });
    const locked = await verifyStaffPin(db, key, 'BADGE-1001', '1111', later(5));
    expect(locked).toMatchObject({
      error: { code: 'locked', details: { lockedUntil: later(5 + LOCKOUT_MS).toISOString() } },
    });

    db = db.reopen();
    expect(await verifyStaffPin(db, key, 'BADGE-1001', '2468', later(6))).toMatchObject({
      error: { code: 'locked' },
    });
    // Another badge is not affected.
    expect(await verifyStaffPin(db, key, 'BADGE-1002', '1357', later(7))).toMatchObject({
      ok: true,
    });
    expect(
      await verifyStaffPin(db, key, 'BADGE-1001', '2468', later(5 + LOCKOUT_MS)),
    ).toMatchObject({
      ok: true,
      value: { role: 'associate' },
    });
    const row = db.raw
      .prepare("SELECT failed_attempts, locked_until FROM staff WHERE staff_id = 'E1001'")
      .get();
    expect(row).toEqual({ failed_attempts: 0, locked_until: null });
    expect(audit().filter((a) => a.action === 'staff.login.locked')).toHaveLength(1);
  });

  it('a success resets the count of failures', async () => {
    await verifyStaffPin(db, key, 'BADGE-1001', '1111', t0);
    await verifyStaffPin(db, key, 'BADGE-1001', '1111', t0);
    await verifyStaffPin(db, key, 'BADGE-1001', '2468', t0);
    expect(await verifyStaffPin(db, key, 'BADGE-1001', '1111', t0)).toMatchObject({
      error: { details: { attemptsLeft: MAX_FAILED_ATTEMPTS - 1 } },
    });
  });
});
