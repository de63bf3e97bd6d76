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

export interface NewEpoch {
  epoch: number;
  /** Unacknowledged rows moved into the new epoch (renumbered 1..moved). */
  moved: number;
}

/**
 * Moves the kiosk to a new epoch, above `atLeastAbove` (the highest epoch the cloud has seen for
 * this device) and above every epoch of this database, and renumbers the still-unacknowledged
 * outbox rows (`pending`/`sent`) gaplessly from seq 1 in it, in (epoch, seq) order, all in ONE
 * transaction. Idempotency keys are kept, so the cloud answers `duplicate` for anything it already
 * applied under the old numbering. Acknowledged and parked rows stay in their old epoch.
 */
export function startNewEpoch(db: WritableDB, atLeastAbove = 0): NewEpoch {
  return db.transaction(() => {
    const { deviceId, epoch } = deviceIdentity(db);
    const highestLocal =
      db
        .prepare<[], { e: number | null }>(
          'SELECT max(e) AS e FROM (SELECT max(epoch) AS e FROM outbox UNION ALL SELECT max(epoch) FROM outbox_counters)',
        )
        .get()?.e ?? 0;
    const next = Math.max(epoch, highestLocal, Math.floor(atLeastAbove)) + 1;
    const rows = db
      .prepare<[], { id: number }>(
        `SELECT id FROM outbox WHERE state IN ('pending', 'sent') ORDER BY epoch, seq`,
      )
      .all();
    const move = db.prepare(
      `UPDATE outbox SET device_id = ?, epoch = ?, seq = ?, state = 'pending', next_attempt_at = NULL
       WHERE id = ?`,
    );
    rows.forEach((row, i) => move.run(deviceId, next, i + 1, row.id));
    db.prepare(
      `INSERT INTO outbox_counters (device_id, epoch, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = excluded.last_seq`,
    ).run(deviceId, next, rows.length);
    write(db, EPOCH, String(next));
    return { epoch: next, moved: rows.length };
  });
}
