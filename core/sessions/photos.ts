/**
 * Try-on photos: only ever stored with the shopper's explicit consent (the time of consent is a
 * required column), and only encrypted (AAD = photos.image_enc + photo id). Unsent photos are
 * deleted by `purgeRetention`; `markPhotoSent` records that the cloud has it.
 */
import { fail, ok, type Result } from '../../common/result';
import { randomUUID } from 'node:crypto';
import type { DataKey } from '../crypto/data-key';
import { decryptField, DecryptError, encryptField } from '../crypto/field-crypto';
import type { ReadableDB, WritableDB } from '../store/db';
import { openSession, touch, type SessionRefusal } from './sessions';

export interface PhotoInput {
  sessionId: string;
  /** JPEG/PNG bytes from the camera. */
  image: Buffer;
  /** When the shopper said yes on screen; a photo without consent is not taken at all. */
  consentedAt: Date;
  now: Date;
}

const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const aad = (photoId: string) => ({ table: 'photos', column: 'image_enc', rowId: photoId });

export function savePhoto(
  db: WritableDB,
  key: DataKey,
  input: PhotoInput,
): Result<{ photoId: string }, SessionRefusal | 'too-large'> {
  if (input.image.length > MAX_PHOTO_BYTES)
    return fail('too-large', `a photo is at most ${MAX_PHOTO_BYTES} bytes`);
  return db.transaction(() => {
    const open = openSession(db, input.sessionId);
    if (!open.ok) return open;
    const photoId = randomUUID();
    // Base64 because encryptField seals text; the 33 % overhead is fine for a few photos a day.
    const sealed = encryptField(key, input.image.toString('base64'), aad(photoId));
    db.prepare(
      `INSERT INTO photos (photo_id, session_id, member_id, image_enc, consented_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      photoId,
      input.sessionId,
      open.value.memberId,
      sealed,
      input.consentedAt.toISOString(),
      input.now.toISOString(),
    );
    touch(db, input.sessionId, input.now);
    return ok({ photoId });
  });
}

/** The photo's bytes, or null when it is gone (purged, erased) or cannot be decrypted. */
export function readPhoto(db: ReadableDB, key: DataKey, photoId: string): Buffer | null {
  const row = db
    .prepareRead<[string], { image_enc: Buffer }>('SELECT image_enc FROM photos WHERE photo_id = ?')
    .get(photoId);
  if (!row) return null;
  try {
    return Buffer.from(decryptField(key, row.image_enc, aad(photoId)), 'base64');
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  }
}

export function markPhotoSent(db: WritableDB, photoId: string, now: Date): boolean {
  return (
    db
      .prepare('UPDATE photos SET sent_at = ? WHERE photo_id = ? AND sent_at IS NULL')
      .run(now.toISOString(), photoId).changes === 1
  );
}
