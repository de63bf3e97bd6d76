/**
 * Field encryption for personal data (AES-256-GCM) and keyed look-up hashes (HMAC-SHA256).
 *
 * A sealed field is `version(1) | iv(12) | ciphertext | tag(16)`. The additional authenticated data
 * names table, column and row id, so a ciphertext copied to another row or column fails to
 * decrypt instead of showing another member's data. Decryption failures are a typed error.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DataKey } from './data-key';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a field lives: binds the ciphertext to one cell. */
export interface FieldAad {
  table: string;
  column: string;
  rowId: string;
}

export class DecryptError extends Error {
  readonly code = 'decrypt-failed';
}

function aadBytes(aad: FieldAad): Buffer {
  // Length-prefixed parts: ('a','bc') and ('ab','c') must not give the same AAD.
  return Buffer.from(JSON.stringify([VERSION, aad.table, aad.column, aad.rowId]), 'utf8');
}

export function encryptField(key: DataKey, plaintext: string, aad: FieldAad): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.subKey('field-encryption'), iv);
  cipher.setAAD(aadBytes(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]);
}

/** The plaintext, or a DecryptError when the bytes were altered, moved or sealed with another key. */
export function decryptField(key: DataKey, sealed: Uint8Array, aad: FieldAad): string {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES)
    throw new DecryptError(`${aad.table}.${aad.column}: ciphertext is too short`);
  if (bytes[0] !== VERSION)
    throw new DecryptError(`${aad.table}.${aad.column}: unknown ciphertext version ${bytes[0]}`);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.subKey('field-encryption'), iv);
    decipher.setAAD(aadBytes(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptError(
      `${aad.table}.${aad.column} of ${aad.rowId}: authentication failed (tampered, moved or wrong key)`,
    );
  }
}

/** Kinds of identifier hashed for look-up; the kind is part of the MAC input. */
export type LookupKind = 'card' | 'qr' | 'phone-last4' | 'badge' | 'pii' | 'key-check';

/**
 * A keyed hash of an identifier, so look-ups work without the value in clear and without the
 * key the hash cannot be reversed even for small spaces such as phone last-4 digits.
 */
export function lookupHash(key: DataKey, kind: LookupKind, value: string): Buffer {
  return createHmac('sha256', key.subKey('lookup-hmac'))
    .update(kind)
    .update('\u0000')
    .update(value, 'utf8')
    .digest();
}
