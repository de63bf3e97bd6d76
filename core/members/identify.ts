/**
 * Identifying a member at the kiosk by card (number or magstripe track), member QR token, or the
 * phone's last 4 digits — the last only with a staff member confirming the person, since 4 digits
 * alone identify no one. Look-ups go through keyed hashes; only the matched row is decrypted.
 */
import { fail, ok, type Result } from '../../common/result';
import type { DataKey } from '../crypto/data-key';
import { DecryptError } from '../crypto/field-crypto';
import type { ReadableDB } from '../store/db';
import type { MemberView } from './member-view';
import { cardHash, last4Hash, openMemberPii, qrHash } from './pii';

export type IdentifyInput =
  | { kind: 'card'; number: string }
  | { kind: 'qr'; token: string }
  | { kind: 'phone-last4'; last4: string; confirmedByStaffId: string };

export type IdentifyRefusal =
  'invalid-input' | 'not-found' | 'staff-required' | 'ambiguous' | 'unreadable';

/**
 * The member, or a refusal. For 'ambiguous', `details.memberIds` lists the members sharing those
 * last 4 digits (ids only, never personal values), for staff to choose from (`memberById`).
 */
export type IdentifyResult = Result<MemberView, IdentifyRefusal>;

interface MemberRow {
  member_id: string;
  name_enc: Uint8Array | null;
  phone_enc: Uint8Array | null;
  birthday_enc: Uint8Array | null;
  gender: 'F' | 'M' | 'U' | null;
  tier: string;
  points: number;
  home_store: string | null;
  joined_on: string | null;
  consent_profile: number;
  consent_marketing: number;
  erased_at: string | null;
}

const select = `SELECT member_id, name_enc, phone_enc, birthday_enc, gender, tier, points,
  home_store, joined_on, consent_profile, consent_marketing, erased_at FROM members`;

/** PAN from an ISO 7813 track 1 ('%B<pan>^…') or track 2 (';<pan>=…'), or the digits as typed. */
export function cardNumberFromInput(input: string): string | null {
  const value = input.trim();
  const track1 = /^%?B(\d{12,19})\^/.exec(value);
  const track2 = /^;?(\d{12,19})=/.exec(value);
  const plain = /^\d{12,19}$/.exec(value.replace(/[\s-]/g, ''));
  return track1?.[1] ?? track2?.[1] ?? plain?.[0] ?? null;
}

export function toMemberView(key: DataKey, row: MemberRow): MemberView {
  const pii = openMemberPii(key, row.member_id, row);
  return {
    memberId: row.member_id,
    name: pii.name,
    phone: pii.phone,
    birthday: pii.birthday,
    gender: row.gender,
    tier: row.tier,
    points: row.points,
    homeStore: row.home_store,
    joinedOn: row.joined_on,
    consentProfile: row.consent_profile === 1,
    consentMarketing: row.consent_marketing === 1,
    erased: row.erased_at !== null,
  };
}

const refuse = (code: IdentifyRefusal, message: string): IdentifyResult => fail(code, message);

function view(key: DataKey, rows: MemberRow[]): MemberView[] | null {
  try {
    return rows.map((row) => toMemberView(key, row));
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  }
}

export function identifyMember(db: ReadableDB, key: DataKey, input: IdentifyInput): IdentifyResult {
  let rows: MemberRow[];
  if (input.kind === 'card') {
    const number = cardNumberFromInput(input.number);
    if (!number) return refuse('invalid-input', 'not a card number or card track');
    rows = db
      .prepareRead<[Buffer], MemberRow>(`${select} WHERE card_hash = ?`)
      .all(cardHash(key, number));
  } else if (input.kind === 'qr') {
    const token = input.token.trim();
    if (token.length < 8 || token.length > 128)
      return refuse('invalid-input', 'not a member QR token');
    rows = db
      .prepareRead<[Buffer], MemberRow>(`${select} WHERE qr_hash = ?`)
      .all(qrHash(key, token));
  } else {
    if (!/^\d{4}$/.test(input.last4)) return refuse('invalid-input', 'last4 must be 4 digits');
    const staff = db
      .prepareRead<[string], { staff_id: string }>('SELECT staff_id FROM staff WHERE staff_id = ?')
      .get(input.confirmedByStaffId);
    if (!staff)
      return refuse('staff-required', 'a phone look-up must be confirmed by a known staff member');
    rows = db
      .prepareRead<[Buffer], MemberRow>(`${select} WHERE phone_last4_hash = ? ORDER BY member_id`)
      .all(last4Hash(key, input.last4));
  }
  const members = view(
    key,
    rows.filter((row) => row.erased_at === null),
  );
  if (!members)
    return refuse('unreadable', 'the member record could not be decrypted with this kiosk key');
  const [first, ...others] = members;
  if (!first) return refuse('not-found', 'no member matches');
  if (others.length > 0)
    return fail('ambiguous', `${members.length} members match`, {
      memberIds: members.map((m) => m.memberId),
    });
  return ok(first);
}

/** A member by id (for a session already identified), or null when unknown or erased. */
export function memberById(db: ReadableDB, key: DataKey, memberId: string): MemberView | null {
  const row = db.prepareRead<[string], MemberRow>(`${select} WHERE member_id = ?`).get(memberId);
  if (!row || row.erased_at !== null) return null;
  return view(key, [row])?.[0] ?? null;
}
