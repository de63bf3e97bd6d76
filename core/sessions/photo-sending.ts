/**
 * What happens to a try-on photo after it was taken: sent to the signed-in member's account (the
 * photo marked to send, a `recordConsent` of kind 'photo' and an `attachPhoto` in the outbox, in
 * one transaction; the upload itself is the sync's job, sync/photo-upload.ts), or deleted — one
 * photo on "discard", every unsent one of the visit when it ends.
 */
import { randomUUID } from 'node:crypto';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';

export interface PhotoSendInput {
  photoId: string;
  sessionId: string;
  memberId: string;
  now: Date;
  /** The next HLC stamp (one per outbox row). */
  hlc: () => string;
}

export function requestPhotoSend(db: WritableDB, input: PhotoSendInput): void {
  const { photoId, memberId, now } = input;
  const at = now.toISOString();
  const consentId = randomUUID();
  db.transaction(() => {
    db.prepare(
      'UPDATE photos SET send_requested_at = ?, member_id = ? WHERE photo_id = ? AND session_id = ?',
    ).run(at, memberId, photoId, input.sessionId);
    enqueue(
      db,
      {
        name: 'recordConsent',
        version: 1,
        idempotencyKey: `recordConsent:${consentId}`,
        args: { consentId, memberId, kind: 'photo', granted: true },
        hlc: input.hlc(),
      },
      now,
    );
    const takenAt = db
      .prepare<[string], { created_at: string }>('SELECT created_at FROM photos WHERE photo_id = ?')
      .get(photoId)?.created_at;
    enqueue(
      db,
      {
        name: 'attachPhoto',
        version: 1,
        idempotencyKey: `attachPhoto:${photoId}`,
        args: { photoId, memberId, takenAt: takenAt ?? at },
        hlc: input.hlc(),
      },
      now,
    );
  });
}

/** Deletes one photo nobody asked to send; false when it was asked for (or is gone). */
export function discardPhoto(db: WritableDB, photoId: string): boolean {
  return (
    db.prepare('DELETE FROM photos WHERE photo_id = ? AND send_requested_at IS NULL').run(photoId)
      .changes === 1
  );
}

/** Deletes every photo of the session nobody asked to send (the visit ended). */
export function deleteUnsentPhotos(db: WritableDB, sessionId: string): number {
  return db
    .prepare('DELETE FROM photos WHERE session_id = ? AND send_requested_at IS NULL')
    .run(sessionId).changes;
}
