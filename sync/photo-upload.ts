/**
 * Try-on photos on their way to the member's account (`attachPhoto`).
 *
 * The outbox row holds only `{photoId, memberId, takenAt}`: the JPEG stays where it is, encrypted
 * in `photos`, and is read, opened and attached as base64 when the row is sent, so the outbox
 * never holds a second (plaintext) copy. When the cloud acknowledges the photo, the local copy is
 * deleted in the acknowledging transaction. A photo that is gone or unreadable is sent without
 * bytes; the cloud refuses it (`invalid-args`) and the row is parked like any poison entry.
 */
import { z } from 'zod';
import type { DataKey } from '../core/crypto';
import { readPhoto } from '../core/sessions';
import type { WritableDB } from '../core/store/db';
import { deleteUploadedPhoto } from '../core/sync-store/outbox-sync';

/** Photo rows per push request: 2 × ≤ 4 MiB of base64 stays well inside the 16 MiB body limit. */
export const MAX_PHOTOS_PER_BATCH = 2;

export const PHOTO_MUTATION = 'attachPhoto';

/** The args to send: the stored args plus the photo's bytes (when it can still be read). */
export function withPhotoBytes(
  db: WritableDB,
  key: DataKey | undefined,
  args: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof args.jpeg === 'string' || typeof args.photoId !== 'string' || !key) return args;
  const jpeg = readPhoto(db, key, args.photoId);
  return jpeg ? { ...args, jpeg: jpeg.toString('base64') } : args;
}

const AttachedSchema = z.object({ photoId: z.string().min(1), sha256: z.string() });

/** Deletes the local copy of a photo the cloud stored (call inside the acknowledging transaction). */
export function forgetUploadedPhoto(db: WritableDB, result: unknown): boolean {
  const attached = AttachedSchema.safeParse(result);
  if (!attached.success) return false;
  deleteUploadedPhoto(db, attached.data.photoId);
  return true;
}
