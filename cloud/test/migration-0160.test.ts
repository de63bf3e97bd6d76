/** Migration 160: the fleet's latest heartbeat per device, only for enrolled devices. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbWithMirror } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 160 (HQ fleet)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbWithMirror(160);
  });
  afterAll(async () => db.close());

  it('keeps one status per enrolled device and refuses an unknown one', async () => {
    const status = (device: string) =>
      db.query(
        `INSERT INTO hq_kiosk_status (device_id, app_version, role, outbox_depth, parked, devices, errors_24h, reported_at)
         VALUES ($1, '1', 'mirror', 0, 0, '[]', 0, now())`,
        [device],
      );
    await status('dev_1');
    await expect(status('dev_1')).rejects.toThrow();
    await expect(status('dev_ghost')).rejects.toThrow();
  });
});
