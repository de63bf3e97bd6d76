/**
 * Staff added in the member cloud sign in at the kiosk with badge + PIN: the cloud's scrypt hash
 * is kept sealed, lockout works as for local staff, and a badge disabled or removed in the cloud
 * stops working after the next sync.
 */
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../cloud/auth/secrets';
import { publish, publishDelete } from '../../cloud/streams/projections';
import { MAX_FAILED_ATTEMPTS, verifyStaffPin } from '../../core/staff';

import { enrolledKiosk } from './support/in-process';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();
const dir = env.newDir('kiosk-staff-');

describe('staff from the cloud config stream', () => {
  it('verifies PINs against the sealed cloud hash, keeps lockout, and honours disable and removal', async () => {
    const k = await enrolledKiosk(dir, env.cloud);
    try {
      // a new hire added in the cloud
      await env.cloud.cloud.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO staff (staff_id, name, role, badge_no, pin_hash, store_id)
           VALUES ('E9001', '新同事', 'supervisor', 'BADGE-9001', $1, 'S001')`,
          [hashPin('8642')],
        );
        await publish(tx, 'staff', 'staff_id = $1', ['E9001']);
      });
      expect((await k.sync()).ok).toBe(true);
      const now = new Date();
      const login = (badge: string, pin: string, at = now) =>
        verifyStaffPin(k.db, k.key, badge, pin, at);
      expect(await login('BADGE-9001', '8642')).toMatchObject({
        ok: true,
        value: { role: 'supervisor', staff: { staffId: 'E9001', name: '新同事', storeId: 'S001' } },
      });
      expect(await login('BADGE-1001', '2468')).toMatchObject({
        ok: true,
        value: { role: 'associate' },
      });
      expect(await login('BADGE-1001', '0000')).toMatchObject({
        ok: false,
        error: { code: 'wrong-pin' },
      });
      // at rest: no badge number, no hash text of the cloud's
      const [cloudHash] = await env.cloud.query<{ pin_hash: string }>(
        "SELECT pin_hash FROM staff WHERE staff_id = 'E9001'",
      );
      const stored = k.db
        .prepare<[], { badge_hash: Buffer; pin_hash: Buffer; pin_params: string }>(
          "SELECT badge_hash, pin_hash, pin_params FROM staff WHERE staff_id = 'E9001'",
        )
        .get();
      const hashPart = cloudHash?.pin_hash.split('$').at(-1) ?? '';
      expect(stored?.pin_params).toBe('cloud-scrypt:N=16384,r=8,p=1,len=32');
      expect(stored?.pin_hash.toString('latin1')).not.toContain(hashPart);
      expect(stored?.badge_hash.toString('latin1')).not.toContain('BADGE-9001');
      // the name too is sealed (core/staff/staff-names.ts)
      const staffRow = k.db.prepare("SELECT * FROM staff WHERE staff_id = 'E9001'").get();
      expect(JSON.stringify(staffRow)).not.toContain('新同事');

      // lockout: five wrong PINs lock the badge; a config re-sync does not unlock it
      for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await login('BADGE-9001', '1111');
      expect(await login('BADGE-9001', '1111')).toMatchObject({
        ok: false,
        error: { code: 'locked' },
      });
      await env.cloud.cloud.db.transaction((tx) =>
        publish(tx, 'staff', 'staff_id = $1', ['E9001']),
      );
      expect((await k.sync()).ok).toBe(true);
      expect(await login('BADGE-9001', '8642')).toMatchObject({
        ok: false,
        error: { code: 'locked' },
      });
      expect(await login('BADGE-9001', '8642', new Date(now.getTime() + 6 * 60_000))).toMatchObject(
        { ok: true },
      );

      // disabled in the cloud, and another one removed: both badges stop working here
      await env.cloud.cloud.db.transaction(async (tx) => {
        await tx.query("UPDATE staff SET disabled_at = now() WHERE staff_id = 'E9001'");
        await publish(tx, 'staff', 'staff_id = $1', ['E9001']);
        await publishDelete(tx, 'config', 'staff:E1001');
      });
      expect((await k.sync()).ok).toBe(true);
      expect(await login('BADGE-9001', '8642')).toMatchObject({
        ok: false,
        error: { code: 'unknown-badge' },
      });
      expect(await login('BADGE-1001', '2468')).toMatchObject({
        ok: false,
        error: { code: 'unknown-badge' },
      });
      expect(await login('BADGE-1002', '1357')).toMatchObject({ ok: true });
    } finally {
      k.close();
    }
  }, 120_000);
});
