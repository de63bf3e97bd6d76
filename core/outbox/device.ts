/**
 * The kiosk's identity for the outbox: a device id and an epoch, kept in `settings`. The epoch
 * starts at 1; enrollment or a restore from backup moves to a new epoch (`startNewEpoch`), so the
 * cloud never confuses the sequence numbers of a restored database with the old ones.
 */
import { randomUUID } from 'node:crypto';
import type { WritableDB } from '../store/db';

export interface DeviceIdentity {
  deviceId: string;
  epoch: number;
}

const ID = 'device.id';
const EPOCH = 'device.epoch';

function read(db: WritableDB, key: string): string | undefined {
  return db
    .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
    .get(key)?.value;
}

function write(db: WritableDB, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** This kiosk's device id and epoch, created on first use (call inside a transaction). */
export function deviceIdentity(db: WritableDB): DeviceIdentity {
  let deviceId = read(db, ID);
  if (!deviceId) {
    deviceId = `kiosk-${randomUUID()}`;
    write(db, ID, deviceId);
  }
  const epoch = Number(read(db, EPOCH) ?? NaN);
  if (!Number.isSafeInteger(epoch) || epoch < 1) {
    write(db, EPOCH, '1');
    return { deviceId, epoch: 1 };
  }
  return { deviceId, epoch };
}

/** Sets the identity given at enrollment (id) or moves to a new epoch after a restore. */
export function setDeviceIdentity(db: WritableDB, identity: DeviceIdentity): void {
  db.transaction(() => {
    write(db, ID, identity.deviceId);
    write(db, EPOCH, String(identity.epoch));
  });
}
