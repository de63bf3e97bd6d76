/**
 * A member's presence ticket on this kiosk (migration 0200): sealed with the cached member, valid
 * until its expiry. `presenceFor` hands the sealed copy to the outbox when a mutation for the member
 * is written (the mutation's time decides, not the push's); `openPresence` unseals it to send.
 */
import { decryptField, encryptField } from '../crypto/field-crypto';
import type { DataKey } from '../crypto/data-key';
import type { ReadableDB, WritableDB } from '../store/db';

const aad = (memberId: string) => ({ table: 'members', column: 'presence_enc', rowId: memberId });

/** Keeps a ticket for a cached member (call in the transaction that cached the member). */
export function savePresence(
  db: WritableDB,
  key: DataKey,
  memberId: string,
  presence: { ticket: string; expiresAt: Date },
): void {
  db.prepare(
    'UPDATE members SET presence_enc = ?, presence_expires_at = ? WHERE member_id = ? AND erased_at IS NULL',
  ).run(
    encryptField(key, presence.ticket, aad(memberId)),
    presence.expiresAt.toISOString(),
    memberId,
  );
}

/** The sealed ticket of `memberId` if it is valid at `at`, else null. */
export function presenceFor(db: ReadableDB, memberId: string, at: Date): Buffer | null {
  const row = db
    .prepareRead<[string, string], { presence_enc: Buffer | null }>(
      'SELECT presence_enc FROM members WHERE member_id = ? AND presence_expires_at > ?',
    )
    .get(memberId, at.toISOString());
  return row?.presence_enc ?? null;
}

/** Whether the member holds a ticket valid at `at`. */
export function hasPresence(db: ReadableDB, memberId: string, at: Date): boolean {
  return presenceFor(db, memberId, at) !== null;
}

/** The ticket text of a sealed copy (throws DecryptError when it was altered or moved). */
export function openPresence(key: DataKey, memberId: string, sealed: Uint8Array): string {
  return decryptField(key, sealed, aad(memberId));
}
