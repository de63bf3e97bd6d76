/**
 * The cached members rows a pull (or an online look-up) writes. The values arrive sealed and
 * hashed by the caller (sync/apply-rows.ts); here they are only stored. Inside the caller's
 * transaction.
 */
import type { WritableDB } from '../store/db';

/** A members row as the cloud owns it, personal values already sealed or hashed. */
export interface PulledMember {
  memberId: string;
  cardHash: Buffer | null;
  qrHash: Buffer | null;
  phoneLast4Hash: Buffer | null;
  nameEnc: Buffer | null;
  phoneEnc: Buffer | null;
  birthdayEnc: Buffer | null;
  piiMac: Buffer;
  gender: 'F' | 'M' | 'U';
  tier: string;
  points: number;
  homeStore: string | null;
  /** 1 or 0. */
  consentProfile: number;
  /** 1 or 0. */
  consentMarketing: number;
  joinedOn: string | null;
}

/** Whether the member is cached here, and when it was erased (an erasure is final). */
export function cachedMemberErasure(
  db: WritableDB,
  memberId: string,
): { erasedAt: string | null } | null {
  const row = db
    .prepare<[string], { erased_at: string | null }>(
      'SELECT erased_at FROM members WHERE member_id = ?',
    )
    .get(memberId);
  return row ? { erasedAt: row.erased_at } : null;
}

/** Drops a cached member's personal data and credentials, keeping the row that history names. */
export function eraseCachedMember(db: WritableDB, memberId: string, at: string): void {
  db.prepare(
    `UPDATE members SET name_enc = NULL, phone_enc = NULL, birthday_enc = NULL, card_hash = NULL,
     qr_hash = NULL, phone_last4_hash = NULL, pii_mac = NULL, presence_enc = NULL,
     presence_expires_at = NULL, erased_at = coalesce(erased_at, ?)
     WHERE member_id = ?`,
  ).run(at, memberId);
}

export function upsertPulledMember(db: WritableDB, m: PulledMember): void {
  db.prepare(
    `INSERT INTO members (member_id, card_hash, qr_hash, phone_last4_hash, name_enc, phone_enc, birthday_enc,
       pii_mac, gender, tier, points, home_store, consent_profile, consent_marketing, joined_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (member_id) DO UPDATE SET card_hash = excluded.card_hash, qr_hash = excluded.qr_hash,
       phone_last4_hash = excluded.phone_last4_hash, name_enc = excluded.name_enc, phone_enc = excluded.phone_enc,
       birthday_enc = excluded.birthday_enc, pii_mac = excluded.pii_mac, gender = excluded.gender,
       tier = excluded.tier, points = excluded.points, home_store = excluded.home_store,
       consent_profile = excluded.consent_profile, consent_marketing = excluded.consent_marketing,
       joined_on = excluded.joined_on`,
  ).run(
    m.memberId,
    m.cardHash,
    m.qrHash,
    m.phoneLast4Hash,
    m.nameEnc,
    m.phoneEnc,
    m.birthdayEnc,
    m.piiMac,
    m.gender,
    m.tier,
    m.points,
    m.homeStore,
    m.consentProfile,
    m.consentMarketing,
    m.joinedOn,
  );
}

export interface CredentialHashes {
  cardHash: Buffer | null;
  qrHash: Buffer | null;
}

/** The card and QR hashes cached for a member (null when the member is not cached). */
export function cachedCredentialHashes(db: WritableDB, memberId: string): CredentialHashes | null {
  const row = db
    .prepare<[string], { card_hash: Buffer | null; qr_hash: Buffer | null }>(
      'SELECT card_hash, qr_hash FROM members WHERE member_id = ?',
    )
    .get(memberId);
  return row ? { cardHash: row.card_hash, qrHash: row.qr_hash } : null;
}

/** Fills in credential hashes the row lost (an answer that named one credential keeps the other). */
export function keepCredentialHashes(
  db: WritableDB,
  memberId: string,
  known: CredentialHashes | null,
): void {
  db.prepare(
    'UPDATE members SET card_hash = coalesce(card_hash, ?), qr_hash = coalesce(qr_hash, ?) WHERE member_id = ?',
  ).run(known?.cardHash ?? null, known?.qrHash ?? null, memberId);
}

/** The cached points balance, as the cloud last stated it. */
export function setCachedPoints(db: WritableDB, memberId: string, balance: number): void {
  db.prepare('UPDATE members SET points = ? WHERE member_id = ?').run(balance, memberId);
}

/** Replaces the single-use coupons the member has used anywhere (`member_used_coupons`). */
export function replaceUsedCouponCodes(
  db: WritableDB,
  memberId: string,
  codes: readonly string[],
): void {
  db.prepare('DELETE FROM member_used_coupons WHERE member_id = ?').run(memberId);
  const add = db.prepare('INSERT INTO member_used_coupons (member_id, coupon_code) VALUES (?, ?)');
  for (const code of codes) add.run(memberId, code);
}
