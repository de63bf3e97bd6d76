/**
 * Joining at the kiosk: a provisional member made offline from a phone number and explicit
 * consent, confirmed by the cloud when the `registerMember` mutation syncs (the cloud answers
 * with the permanent id, or merges into a member who already has that phone).
 *
 * Guarantees: the phone is stored only sealed (AES-GCM) with a keyed last-4 hash, never in clear
 * (in the outbox too: core/outbox/personal-args.ts);
 * the member row and its outbox entry commit in one transaction or not at all; a phone already
 * in the local members cache is refused (the shopper signs in instead).
 */
import { fail, ok, type Result } from '../../common/result';
import { randomUUID } from 'node:crypto';
import type { DataKey } from '../crypto/data-key';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';
import { memberById } from './identify';
import type { MemberView } from './member-view';
import { openMemberPii, sealMemberPii, last4Hash, phoneLast4 } from './pii';

export interface JoinInput {
  phone: string;
  consentProfile: boolean;
  consentMarketing: boolean;
}

export type JoinResult = Result<MemberView, 'invalid-phone' | 'already-member'>;

/** Mainland mobile numbers, with or without +86. */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Provisional ids are ours until the cloud confirms; the prefix keeps them apart from M-numbers. */
export const provisionalPrefix = 'PRV-';

export function joinMember(
  db: WritableDB,
  key: DataKey,
  input: JoinInput,
  context: { storeId: string; now: Date; hlc: string },
): JoinResult {
  const phone = normalisePhone(input.phone);
  if (!phone) return fail('invalid-phone', 'not a mainland mobile number');
  if (phoneKnown(db, key, phone)) return fail('already-member', 'this phone is a member already');
  const memberId = `${provisionalPrefix}${randomUUID()}`;
  const name = `会员${phone.slice(-4)}`;
  const sealed = sealMemberPii(key, memberId, { name, phone, birthday: '' });
  db.transaction(() => {
    db.prepare(
      `INSERT INTO members (member_id, name_enc, phone_enc, pii_mac, phone_last4_hash, tier,
           points, home_store, consent_profile, consent_marketing, joined_on)
         VALUES (?, ?, ?, ?, ?, 'regular', 0, ?, ?, ?, ?)`,
    ).run(
      memberId,
      sealed.name_enc,
      sealed.phone_enc,
      sealed.pii_mac,
      sealed.phone_last4_hash,
      context.storeId,
      input.consentProfile ? 1 : 0,
      input.consentMarketing ? 1 : 0,
      context.now.toISOString().slice(0, 10),
    );
    enqueue(
      db,
      {
        name: 'registerMember',
        version: 1,
        idempotencyKey: `registerMember:${memberId}`,
        args: {
          provisionalId: memberId,
          name,
          phone,
          gender: null,
          birthday: null,
          consentProfile: input.consentProfile,
          consentMarketing: input.consentMarketing,
        },
        hlc: context.hlc,
      },
      context.now,
      key,
    );
  });
  const member = memberById(db, key, memberId);
  return member ? ok(member) : fail('invalid-phone', 'the new member could not be read back');
}

/** Whether a member with this phone is already cached here (last-4 hash, then the sealed phone). */
function phoneKnown(db: WritableDB, key: DataKey, phone: string): boolean {
  const last4 = phoneLast4(phone);
  if (!last4) return false;
  const rows = db
    .prepareRead<
      [Buffer],
      {
        member_id: string;
        name_enc: Uint8Array | null;
        phone_enc: Uint8Array | null;
        birthday_enc: Uint8Array | null;
      }
    >(
      'SELECT member_id, name_enc, phone_enc, birthday_enc FROM members WHERE phone_last4_hash = ? AND erased_at IS NULL',
    )
    .all(last4Hash(key, last4));
  return rows.some((row) => {
    try {
      // Cached phones may be masked ('175****5849'): compare what both show.
      const cached = openMemberPii(key, row.member_id, row).phone ?? '';
      return cached === phone || masked(phone) === cached;
    } catch {
      return false;
    }
  });
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
