/**
 * Preferences set in a push, applied together: one read of the members and the settings they
 * name, one upsert of the winners, instead of a savepoint and two or three round trips each
 * (deferred.ts says why a group keeps the guarantees). Here, the same outcomes as
 * handlers/members.ts `setPreference` one at a time, in order: last writer wins per (member, key)
 * on (hlc, device id) compared byte-wise, each preference against the one stored or set before it
 * in the group. The group goes the ordinary way, in order, when one of them would be rejected (an
 * unknown or erased member, another store's member who needs a presence ticket) or when a stamp
 * or device id is not ASCII (JavaScript and COLLATE "C" order agree on ASCII only). A winner's
 * value is answered as sent: the same JSON as the stored one (whose object keys the database may
 * order otherwise).
 */
import type { z } from 'zod';
import { clampHlc, compareStamped, SetPreferenceV1, type StoredResult } from '../../sync/protocol';
import type { Queryable } from '../db/db';
import {
  applied,
  argsOf,
  isAscii,
  KEEP_MEMBERS,
  membersNamed,
  type GroupContext,
  type GroupKind,
  type Pending,
} from './deferred';

type PreferenceArgs = z.infer<typeof SetPreferenceV1>;

export const PREFERENCE_GROUP: GroupKind<PreferenceArgs> = {
  name: 'setPreference',
  commutesWith: KEEP_MEMBERS,
  parse: argsOf({ 1: SetPreferenceV1 }),
  flush: flushPreferences,
};

interface Setting {
  value: unknown;
  hlc: string;
  deviceId: string;
}

/** Whether `next` wins over `stored`; null when the order cannot be decided here. */
function wins(stored: Setting | undefined, next: Setting): boolean | null {
  if (!stored) return true;
  if (!isAscii(stored.hlc, stored.deviceId, next.hlc, next.deviceId)) return null;
  return compareStamped(stored, next) < 0;
}

async function flushPreferences(
  tx: Queryable,
  ctx: GroupContext,
  group: readonly Pending<PreferenceArgs>[],
): Promise<StoredResult[] | null> {
  const named = await membersNamed(
    tx,
    ctx,
    group.map((p) => p.args.memberId),
  );
  const wanted: { member_id: string; key: string }[] = [];
  for (const p of group) {
    const member = named.get(p.args.memberId);
    if (!member?.known || member.homeStore !== ctx.device.storeId) return null;
    wanted.push({ member_id: member.memberId, key: `pref.${p.args.key}` });
  }
  const { rows } = await tx.query<{
    member_id: string;
    key: string;
    live: boolean;
    value: unknown;
    hlc: string | null;
    device_id: string | null;
  }>(
    // one probe of each key (a prepared statement's generic plan must not depend on table sizes)
    `SELECT r.member_id, r.key, m.live, s.value, s.hlc, s.device_id
     FROM (SELECT DISTINCT member_id, key FROM jsonb_to_recordset($1::jsonb) AS r(member_id text, key text)) r
     CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM members m
       WHERE m.member_id = r.member_id AND NOT m.erased) AS live) m
     LEFT JOIN LATERAL (SELECT value, hlc, device_id FROM member_settings s
       WHERE s.member_id = r.member_id AND s.key = r.key LIMIT 1) s ON true`,
    [JSON.stringify(wanted)],
  );
  const slot = (memberId: string, key: string) => `${memberId}\u0000${key}`;
  const current = new Map<string, Setting>();
  for (const r of rows) {
    if (!r.live) return null;
    if (r.hlc !== null && r.device_id !== null)
      current.set(slot(r.member_id, r.key), { value: r.value, hlc: r.hlc, deviceId: r.device_id });
  }
  const outcomes: StoredResult[] = [];
  const won = new Map<string, { member_id: string; key: string } & Setting>();
  for (const [i, p] of group.entries()) {
    const { member_id, key } = wanted[i] ?? { member_id: '', key: '' };
    const here = slot(member_id, key);
    const next: Setting = {
      value: p.args.value,
      hlc: clampHlc(p.m.hlc, ctx.now.getTime(), ctx.maxClockSkewMs),
      deviceId: ctx.device.deviceId,
    };
    const stored = current.get(here);
    const newer = wins(stored, next);
    if (newer === null) return null;
    if (newer) {
      current.set(here, next);
      won.set(here, { member_id, key, ...next });
      outcomes.push(applied({ won: true, ...next }));
    } else
      outcomes.push(
        applied({
          won: false,
          value: stored?.value ?? null,
          hlc: stored?.hlc ?? null,
          deviceId: stored?.deviceId ?? null,
        }),
      );
  }
  if (won.size > 0)
    await tx.query(
      `INSERT INTO member_settings AS s (member_id, key, value, hlc, device_id)
       SELECT r.member_id, r.key, r.value, r.hlc, r.device_id
       FROM jsonb_to_recordset($1::jsonb) AS r(member_id text, key text, value jsonb, hlc text, device_id text)
       ORDER BY r.member_id, r.key
       ON CONFLICT (member_id, key) DO UPDATE SET value = EXCLUDED.value, hlc = EXCLUDED.hlc, device_id = EXCLUDED.device_id
       WHERE (s.hlc COLLATE "C", s.device_id COLLATE "C") < (EXCLUDED.hlc COLLATE "C", EXCLUDED.device_id COLLATE "C")`,
      [JSON.stringify([...won.values()].map((w) => ({ ...w, device_id: w.deviceId })))],
    );
  return outcomes;
}
