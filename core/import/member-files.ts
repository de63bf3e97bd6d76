/**
 * Import spec for members.csv. Name, phone and birthday are encrypted and card number, QR token
 * and phone last-4 replaced by keyed hashes inside the import transaction, so no clear value is
 * ever written. Re-importing compares `pii_mac` instead of the (randomised) ciphertexts; an
 * erased member is never rewritten.
 */
import { z } from 'zod';
import { cardHash, qrHash, sealMemberPii } from '../members/pii';
import { date, flag, id, natural, text } from './fields';
import { fileSpec, type FileSpec } from './spec';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const members = z.object({
  member_id: id,
  card_no: z
    .string()
    .trim()
    .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
    .refine(luhnValid, 'has a wrong check digit'),
  qr_token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\-_]{8,128}$/, 'is not a member QR token'),
  name: text,
  phone_masked: z
    .string()
    .trim()
    .regex(/^[\d*]{7,15}$/, 'must be digits with optional * masking, e.g. 175****5849')
    .regex(/\d{4}$/, 'must end in 4 digits'),
  gender: z.enum(['F', 'M', 'U'], { message: 'must be F, M or U' }),
  tier: id,
  points: natural,
  birthday: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD'),
  home_store: id,
  consent_profile: flag,
  consent_marketing: flag,
  joined_on: date,
});

const columns = [
  'member_id',
  'card_hash',
  'qr_hash',
  'phone_last4_hash',
  'name_enc',
  'phone_enc',
  'birthday_enc',
  'pii_mac',
  'gender',
  'tier',
  'points',
  'home_store',
  'consent_profile',
  'consent_marketing',
  'joined_on',
] as const;

const col = (name: (typeof columns)[number]) => columns.indexOf(name);
const randomised = new Set(['name_enc', 'phone_enc', 'birthday_enc']);

export const memberFiles: readonly FileSpec[] = [
  fileSpec({
    file: 'members.csv',
    table: 'members',
    header: Object.keys(members.shape),
    schema: members,
    columns,
    key: ['member_id'],
    needsKey: true,
    // Clear values ride in the hashed/encrypted slots until `prepare` replaces them.
    toRow: (row) => {
      const m = row;
      return [
        m.member_id,
        m.card_no,
        m.qr_token,
        null,
        m.name,
        m.phone_masked,
        m.birthday,
        null,
        m.gender,
        m.tier,
        m.points,
        m.home_store,
        m.consent_profile,
        m.consent_marketing,
        m.joined_on,
      ];
    },
    prepare(row, { key }) {
      if (!key) return { problem: 'needs the data key' };
      const memberId = String(row[col('member_id')]);
      const sealed = sealMemberPii(key, memberId, {
        name: String(row[col('name_enc')]),
        phone: String(row[col('phone_enc')]),
        birthday: String(row[col('birthday_enc')]),
      });
      const out = [...row];
      out[col('card_hash')] = cardHash(key, String(row[col('card_hash')]));
      out[col('qr_hash')] = qrHash(key, String(row[col('qr_hash')]));
      out[col('phone_last4_hash')] = sealed.phone_last4_hash;
      out[col('name_enc')] = sealed.name_enc;
      out[col('phone_enc')] = sealed.phone_enc;
      out[col('birthday_enc')] = sealed.birthday_enc;
      out[col('pii_mac')] = sealed.pii_mac;
      return out;
    },
    compare: columns.filter((c) => c !== 'member_id' && !randomised.has(c)),
    updateWhere: 'erased_at IS NULL',
  }),
];
