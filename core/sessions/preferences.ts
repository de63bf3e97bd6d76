/**
 * Member preferences (liked styles, sizes per category, …): one JSON value per (member, key),
 * last writer wins by HLC. HLC text sorts like the clock (core/rules/hlc), so the comparison is a
 * plain text comparison in SQL; an older stamp is ignored, not an error. Only members who consented
 * to profiling have preferences.
 */
import { fail, ok, type Result } from '../../common/result';
import { z } from 'zod';
import { enqueue } from '../outbox/outbox';
import type { ReadableDB, WritableDB } from '../store/db';

export type PreferenceValue =
  string | number | boolean | null | PreferenceValue[] | { [key: string]: PreferenceValue };

/** Any JSON value: what a preference may hold (checked again when read back from the table). */
export const preferenceValueSchema: z.ZodType<PreferenceValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(preferenceValueSchema),
    z.record(z.string(), preferenceValueSchema),
  ]),
);

export interface PreferenceInput {
  memberId: string;
  /** e.g. 'size.top', 'size.shoes', 'styles.liked'. */
  key: string;
  value: PreferenceValue;
  hlc: string;
  now: Date;
}

export type PreferenceResult = Result<
  { applied: boolean },
  'unknown-member' | 'no-consent' | 'invalid-key'
>;

export function setPreference(db: WritableDB, input: PreferenceInput): PreferenceResult {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(input.key))
    return fail('invalid-key', `not a preference key: ${input.key.slice(0, 64)}`);
  return db.transaction((): PreferenceResult => {
    const member = db
      .prepare<[string], { consent_profile: number }>(
        'SELECT consent_profile FROM members WHERE member_id = ? AND erased_at IS NULL',
      )
      .get(input.memberId);
    if (!member) return fail('unknown-member', `no member ${input.memberId}`);
    if (member.consent_profile !== 1)
      return fail('no-consent', 'the member has not consented to a profile');
    const value = JSON.stringify(input.value);
    const applied = db
      .prepare(
        `INSERT INTO preferences (member_id, key, value, hlc) VALUES (?, ?, ?, ?)
         ON CONFLICT (member_id, key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
         WHERE excluded.hlc > preferences.hlc`,
      )
      .run(input.memberId, input.key, value, input.hlc).changes;
    if (applied === 0) return ok({ applied: false });
    enqueue(
      db,
      {
        name: 'setPreference',
        version: 1,
        idempotencyKey: `setPreference:${input.memberId}:${input.key}:${input.hlc}`,
        args: { memberId: input.memberId, key: input.key, value: input.value },
        hlc: input.hlc,
      },
      input.now,
    );
    return ok({ applied: true });
  });
}

/** The member's preferences, or none at all when the member has not consented to a profile. */
export function preferencesOf(db: ReadableDB, memberId: string): Record<string, PreferenceValue> {
  const rows = db
    .prepareRead<[string], { key: string; value: string }>(
      `SELECT p.key, p.value FROM preferences p JOIN members m ON m.member_id = p.member_id
       WHERE p.member_id = ? AND m.consent_profile = 1 AND m.erased_at IS NULL`,
    )
    .all(memberId);
  return Object.fromEntries(
    rows.map((row) => [row.key, preferenceValueSchema.parse(JSON.parse(row.value))]),
  );
}
