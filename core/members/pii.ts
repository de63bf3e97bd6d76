/**
 * How a member's personal data is sealed into and opened from a `members` row. One place decides
 * the AAD (table, column, member id) and what the look-up hashes cover, for import, look-up and sync.
 */
import { decryptField, encryptField, lookupHash } from '../crypto/field-crypto';
import type { DataKey } from '../crypto/data-key';

export interface MemberPii {
  name: string;
  /** As the member system gives it: masked ('175****5849') or full. */
  phone: string;
  /** 'MM-DD' (the year is not kept). */
  birthday: string;
}

export interface SealedMemberPii {
  name_enc: Buffer;
  phone_enc: Buffer;
  birthday_enc: Buffer;
  /** Keyed hash of the plaintexts: equal exactly when the personal data is unchanged. */
  pii_mac: Buffer;
  phone_last4_hash: Buffer | null;
}

type PiiColumn = 'name' | 'phone' | 'birthday';

const aad = (memberId: string, column: PiiColumn) => ({
  table: 'members',
  column: `${column}_enc`,
  rowId: memberId,
});

/** Card numbers are compared by their digits only (a track may add separators). */
export function normaliseCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function phoneLast4(phone: string): string | null {
  const digits = /(\d{4})$/.exec(phone.trim());
  return digits?.[1] ?? null;
}

export const cardHash = (key: DataKey, number: string) =>
  lookupHash(key, 'card', normaliseCardNumber(number));
export const qrHash = (key: DataKey, token: string) => lookupHash(key, 'qr', token.trim());
export const last4Hash = (key: DataKey, last4: string) => lookupHash(key, 'phone-last4', last4);

export function sealMemberPii(key: DataKey, memberId: string, pii: MemberPii): SealedMemberPii {
  const last4 = phoneLast4(pii.phone);
  return {
    name_enc: encryptField(key, pii.name, aad(memberId, 'name')),
    phone_enc: encryptField(key, pii.phone, aad(memberId, 'phone')),
    birthday_enc: encryptField(key, pii.birthday, aad(memberId, 'birthday')),
    pii_mac: lookupHash(key, 'pii', JSON.stringify([memberId, pii.name, pii.phone, pii.birthday])),
    phone_last4_hash: last4 ? last4Hash(key, last4) : null,
  };
}

/** Opens the sealed columns; throws DecryptError when any was tampered with or moved. */
export function openMemberPii(
  key: DataKey,
  memberId: string,
  row: {
    name_enc: Uint8Array | null;
    phone_enc: Uint8Array | null;
    birthday_enc: Uint8Array | null;
  },
): { name: string | null; phone: string | null; birthday: string | null } {
  const open = (column: PiiColumn, bytes: Uint8Array | null) =>
    bytes ? decryptField(key, bytes, aad(memberId, column)) : null;
  return {
    name: open('name', row.name_enc),
    phone: open('phone', row.phone_enc),
    birthday: open('birthday', row.birthday_enc),
  };
}
