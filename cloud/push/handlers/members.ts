import { randomBytes } from 'node:crypto';
import { MEMBER_TOKEN_RANDOM_BYTES, memberTokenFromBytes } from '../../../sync/protocol';
import type { Queryable } from '../../db/db';
import { sha256Hex } from '../../auth/secrets';
import { publish, publishDelete } from '../../streams/projections';
import { BusinessRejection, type Handler, type HandlerContext } from '../handler';
import { eraseFromRecommendations } from '../../recommend/erasure';

async function requireMember(tx: Queryable, memberId: string): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM members WHERE member_id = $1 AND NOT erased', [
    memberId,
  ]);
  if (rows.length === 0) throw new BusinessRejection('member-not-found', `no member ${memberId}`);
}

/**
 * Last-writer-wins on one (member, key): the write lands only if (hlc, deviceId) is greater than
 * the stored pair, compared byte-wise (COLLATE "C") like the protocol's compareStamped.
 */
async function writeLww(
  tx: Queryable,
  memberId: string,
  key: string,
  value: unknown,
  ctx: HandlerContext,
) {
  const { rows } = await tx.query<{ value: unknown; hlc: string; device_id: string }>(
    `INSERT INTO member_settings AS s (member_id, key, value, hlc, device_id) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (member_id, key) DO UPDATE SET value = EXCLUDED.value, hlc = EXCLUDED.hlc, device_id = EXCLUDED.device_id
     WHERE (s.hlc COLLATE "C", s.device_id COLLATE "C") < (EXCLUDED.hlc COLLATE "C", EXCLUDED.device_id COLLATE "C")
     RETURNING value, hlc, device_id`,
    [memberId, key, JSON.stringify(value), ctx.hlc, ctx.deviceId],
  );
  if (rows[0])
    return { won: true, value: rows[0].value, hlc: rows[0].hlc, deviceId: rows[0].device_id };
  const { rows: cur } = await tx.query<{ value: unknown; hlc: string; device_id: string }>(
    'SELECT value, hlc, device_id FROM member_settings WHERE member_id = $1 AND key = $2',
    [memberId, key],
  );
  const c = cur[0];
  return {
    won: false,
    value: c?.value ?? null,
    hlc: c?.hlc ?? null,
    deviceId: c?.device_id ?? null,
  };
}

export const setPreference: Handler<'setPreference'> = async (tx, args, ctx) => {
  await requireMember(tx, args.memberId);
  return writeLww(tx, args.memberId, `pref.${args.key}`, args.value, ctx);
};

export const recordConsent: Handler<'recordConsent'> = async (tx, args, ctx) => {
  await requireMember(tx, args.memberId);
  const outcome = await writeLww(tx, args.memberId, `consent.${args.kind}`, args.granted, ctx);
  if (outcome.won) {
    const column = {
      profile: 'consent_profile',
      marketing: 'consent_marketing',
      photo: 'consent_photo',
    }[args.kind];
    await tx.query(`UPDATE members SET ${column} = $2 WHERE member_id = $1`, [
      args.memberId,
      args.granted,
    ]);
    await publish(tx, 'member', 'member_id = $1', [args.memberId]);
  }
  await tx.query(
    `INSERT INTO consent_events (consent_id, member_id, kind, granted, hlc, device_id, applied) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (consent_id) DO NOTHING`,
    [args.consentId, args.memberId, args.kind, args.granted, ctx.hlc, ctx.deviceId, outcome.won],
  );
  return outcome;
};

/** Digits only, so "+86 138…" and "138…" are the same person. */
const phoneKey = (phone: string) => sha256Hex(phone.replace(/\D/g, '').slice(-11));

async function recordAlias(
  tx: Queryable,
  provisionalId: string,
  memberId: string,
  merged: boolean,
  ctx: HandlerContext,
): Promise<void> {
  await tx.query(
    'INSERT INTO member_aliases (provisional_id, member_id, merged, created_at) VALUES ($1, $2, $3, $4)',
    [provisionalId, memberId, merged, ctx.now.toISOString()],
  );
}

/**
 * Confirms a member created offline. Idempotent on provisionalId; a phone already known merges
 * into the existing member. Later mutations may name the member by its provisionalId.
 */
export const registerMember: Handler<'registerMember'> = async (tx, args, ctx) => {
  const { rows: byProvisional } = await tx.query<{ member_id: string; merged: boolean }>(
    'SELECT member_id, merged FROM member_aliases WHERE provisional_id = $1',
    [args.provisionalId],
  );
  if (byProvisional[0])
    return {
      provisionalId: args.provisionalId,
      memberId: byProvisional[0].member_id,
      merged: byProvisional[0].merged,
    };
  const { rows: byPhone } = await tx.query<{ member_id: string }>(
    'SELECT member_id FROM members WHERE phone_hash = $1 AND NOT erased',
    [phoneKey(args.phone)],
  );
  if (byPhone[0]) {
    await recordAlias(tx, args.provisionalId, byPhone[0].member_id, true, ctx);
    return { provisionalId: args.provisionalId, memberId: byPhone[0].member_id, merged: true };
  }
  const digits = args.phone.replace(/\D/g, '');
  const { rows } = await tx.query<{ member_id: string }>(
    `INSERT INTO members (member_id, qr_token, name, phone_masked, phone_hash, gender, tier, points, birthday, home_store,
       consent_profile, consent_marketing, joined_on, provisional_key)
     VALUES ('M' || nextval('member_no'), $1, $2, $3, $4, $5, 'regular', 0, $6, $7, $8, $9, $10, $11) RETURNING member_id`,
    [
      memberTokenFromBytes(randomBytes(MEMBER_TOKEN_RANDOM_BYTES)),
      args.name,
      `${digits.slice(-11, -8)}****${digits.slice(-4)}`,
      phoneKey(args.phone),
      args.gender,
      args.birthday,
      ctx.storeId,
      args.consentProfile,
      args.consentMarketing,
      ctx.now.toISOString().slice(0, 10),
      args.provisionalId,
    ],
  );
  const memberId = rows[0]?.member_id ?? '';
  await recordAlias(tx, args.provisionalId, memberId, false, ctx);
  await publish(tx, 'member', 'member_id = $1', [memberId]);
  return { provisionalId: args.provisionalId, memberId, merged: false };
};

/** Erases personal data; the points ledger and sales stay (bookkeeping) without a name attached. */
export const requestErasure: Handler<'requestErasure'> = async (tx, args, ctx) => {
  const { rows: seen } = await tx.query('SELECT 1 FROM erasure_requests WHERE request_id = $1', [
    args.requestId,
  ]);
  if (seen.length > 0) return { memberId: args.memberId, erased: true };
  await requireMember(tx, args.memberId);
  await tx.query(
    `UPDATE members SET name = NULL, phone_masked = NULL, phone_hash = NULL, birthday = NULL, gender = NULL, card_no = NULL,
       qr_token = NULL, consent_profile = false, consent_marketing = false, consent_photo = false, erased = true
     WHERE member_id = $1`,
    [args.memberId],
  );
  await tx.query('DELETE FROM member_settings WHERE member_id = $1', [args.memberId]);
  await tx.query(
    'INSERT INTO erasure_requests (request_id, member_id, device_id, created_at) VALUES ($1, $2, $3, $4)',
    [args.requestId, args.memberId, ctx.deviceId, ctx.now.toISOString()],
  );
  await publishDelete(tx, 'members', args.memberId);
  await eraseFromRecommendations(tx, args.memberId);
  return { memberId: args.memberId, erased: true };
};
