/**
 * The outbox as the pusher sees it: the next rows to send, their state as they go and come back
 * (`pending` → `sent` → `acked` / `parked`), the queue's figures, and the device id the rows carry.
 * The outbox's own guarantees (seq, epochs, parsing) are in core/outbox.
 */
import { deviceIdentity } from '../outbox/device';
import type { WritableDB } from '../store/db';
import { writeSetting } from './settings';

/** An outbox row as stored (`SELECT *`); core/outbox `parse` checks it before use. */
export interface StoredOutboxRow {
  id: number;
  device_id: string;
  epoch: number;
  seq: number;
  idempotency_key: string;
  attempts: number;
  last_error: string | null;
  [column: string]: unknown;
}

export type AnswerState = 'acked' | 'pending' | 'parked';

/**
 * Up to `limit` unacknowledged rows of the oldest (device, epoch) group, in seq order (the caller
 * stops at a hole).
 */
export function oldestUnackedGroup(db: WritableDB, limit: number): StoredOutboxRow[] {
  const first = db
    .prepare<[], { device_id: string; epoch: number }>(
      // the waiting rows' own index (kiosk migration 420): SQLite otherwise read every waiting
      // row by (state, next_attempt_at) and sorted them all, for one row, at every push
      `SELECT device_id, epoch FROM outbox INDEXED BY outbox_unacked_order
       WHERE state IN ('pending', 'sent') ORDER BY epoch, seq LIMIT 1`,
    )
    .get();
  if (!first) return [];
  return db
    .prepare<[string, number, number], StoredOutboxRow>(
      `SELECT * FROM outbox WHERE device_id = ? AND epoch = ? AND state IN ('pending', 'sent')
       ORDER BY seq LIMIT ?`,
    )
    .all(first.device_id, first.epoch, limit);
}

/** Marks rows `sent` and counts the attempt (before the request leaves). */
export function markSent(db: WritableDB, ids: readonly number[]): void {
  db.prepare(
    `UPDATE outbox SET state = 'sent', attempts = attempts + 1
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify(ids));
}

/** Puts rows of a failed request back to `pending`, with why. */
export function requeueWithNote(db: WritableDB, ids: readonly number[], note: string): void {
  db.prepare(
    `UPDATE outbox SET state = 'pending', last_error = ? WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(note, JSON.stringify(ids));
}

/**
 * The server's `lastSeq` for a group is the truth: rows after it are unacknowledged again, rows up
 * to it acknowledged.
 */
export function rewindToServerSeq(
  db: WritableDB,
  deviceId: string,
  epoch: number,
  lastSeq: number,
): void {
  db.prepare(
    `UPDATE outbox SET state = 'pending' WHERE device_id = ? AND epoch = ? AND seq > ? AND state = 'acked'`,
  ).run(deviceId, epoch, lastSeq);
  db.prepare(
    `UPDATE outbox SET state = 'acked', last_error = NULL WHERE device_id = ? AND epoch = ? AND seq <= ? AND state IN ('pending', 'sent')`,
  ).run(deviceId, epoch, lastSeq);
}

/** Records the answer to one row: its new state and the error it came with, if any. */
export function setAnswerState(
  db: WritableDB,
  id: number,
  state: AnswerState,
  lastError: string | null,
): void {
  db.prepare(
    'UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?',
  ).run(state, lastError, id);
}

export interface QueueFigures {
  /** Unacknowledged entries (pending + sent). */
  depth: number;
  parked: number;
  /** created_at of the oldest unacknowledged entry. */
  oldest: string | null;
  openStaffTasks: number;
}

export function queueFigures(db: WritableDB): QueueFigures {
  const q = db
    .prepare<[], { depth: number; parked: number; oldest: string | null }>(
      `SELECT
         (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sent')) AS depth,
         (SELECT count(*) FROM outbox WHERE state = 'parked') AS parked,
         (SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'sent')) AS oldest`,
    )
    .get();
  const tasks = db
    .prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM sync_staff_tasks WHERE resolved_at IS NULL',
    )
    .get();
  return {
    depth: q?.depth ?? 0,
    parked: q?.parked ?? 0,
    oldest: q?.oldest ?? null,
    openStaffTasks: tasks?.n ?? 0,
  };
}

/** A staff task for a refused mutation; the same task id twice changes nothing. */
export interface SyncStaffTask {
  taskId: string;
  kind: string;
  message: string;
  mutationKey: string;
  errorCode: string;
  /** JSON text. */
  compensation: string;
  createdAt: string;
}

export function recordSyncStaffTask(db: WritableDB, t: SyncStaffTask): void {
  db.prepare(
    `INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, error_code, compensation, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING`,
  ).run(t.taskId, t.kind, t.message, t.mutationKey, t.errorCode, t.compensation, t.createdAt);
}

/**
 * Moves queued mutations of the kiosk's provisional identity to the enrolled device id (inside
 * the enrolling transaction), with their seq counters.
 */
export function adoptDeviceId(db: WritableDB, deviceId: string): void {
  const current = deviceIdentity(db);
  if (current.deviceId === deviceId) return;
  db.prepare('UPDATE outbox SET device_id = ? WHERE device_id = ?').run(deviceId, current.deviceId);
  db.prepare('DELETE FROM outbox_counters WHERE device_id = ?').run(deviceId);
  db.prepare('UPDATE outbox_counters SET device_id = ? WHERE device_id = ?').run(
    deviceId,
    current.deviceId,
  );
  writeSetting(db, 'device.id', deviceId);
}

/** Deletes the kiosk's copy of a photo the cloud stored. */
export function deleteUploadedPhoto(db: WritableDB, photoId: string): void {
  db.prepare('DELETE FROM photos WHERE photo_id = ?').run(photoId);
}
