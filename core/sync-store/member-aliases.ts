/**
 * Provisional member ids (`PRV-…`, a member who joined at the kiosk offline) → the permanent id
 * the cloud answered (`member_aliases`), and the move of the member's local rows to it.
 *
 * Guarantees: the move runs one member per transaction and idempotently (a crash halfway re-runs
 * it): the cached members row (its personal data resealed under the new id, or dropped in favour
 * of the permanent member's row when that is already cached, e.g. a merge by phone), sessions,
 * preferences (the newer stamp wins a clash), photos, sales, orders and every other table with a
 * `member_id` column. The append-only points ledger keeps the provisional id.
 */
import type { DataKey } from '../crypto';
import { openMemberPii, sealMemberPii } from '../members/pii';
import type { WritableDB } from '../store/db';

export interface MemberAlias {
  provisionalId: string;
  memberId: string;
  merged: boolean;
}

/** Records provisional → permanent (inside the acknowledging transaction); kept once stored. */
export function recordMemberAlias(db: WritableDB, alias: MemberAlias, at: string): void {
  db.prepare(
    `INSERT INTO member_aliases (provisional_id, member_id, merged, confirmed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (provisional_id) DO NOTHING`,
  ).run(alias.provisionalId, alias.memberId, alias.merged ? 1 : 0, at);
}

/** Tables whose member_id is rewritten generically (the ledger and the alias table never are). */
function memberTables(db: WritableDB): string[] {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN
         ('members', 'member_aliases', 'points_ledger', 'preferences') AND name NOT LIKE 'sqlite_%'`,
    )
    .all();
  return tables
    .filter((t) =>
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(t.name)
        .some((c) => c.name === 'member_id'),
    )
    .map((t) => t.name);
}

interface MemberRow {
  member_id: string;
  card_hash: Buffer | null;
  qr_hash: Buffer | null;
  name_enc: Buffer | null;
  phone_enc: Buffer | null;
  birthday_enc: Buffer | null;
  gender: string | null;
  tier: string;
  points: number;
  home_store: string | null;
  consent_profile: number;
  consent_marketing: number;
  joined_on: string | null;
  erased_at: string | null;
}

function copyMember(db: WritableDB, key: DataKey, from: MemberRow, to: string): void {
  let sealed: ReturnType<typeof sealMemberPii> | null = null;
  if (from.erased_at === null)
    try {
      const pii = openMemberPii(key, from.member_id, from);
      if (pii.name !== null && pii.phone !== null)
        sealed = sealMemberPii(key, to, {
          name: pii.name,
          phone: pii.phone,
          birthday: pii.birthday ?? '',
        });
    } catch {
      sealed = null; // unreadable: the permanent row comes without it (the members stream fills it in)
    }
  db.prepare(
    `INSERT INTO members (member_id, phone_last4_hash, name_enc, phone_enc, birthday_enc, pii_mac,
       gender, tier, points, home_store, consent_profile, consent_marketing, joined_on, erased_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    to,
    sealed?.phone_last4_hash ?? null,
    sealed?.name_enc ?? null,
    sealed?.phone_enc ?? null,
    sealed?.birthday_enc ?? null,
    sealed?.pii_mac ?? null,
    from.gender,
    from.tier,
    from.points,
    from.home_store,
    from.consent_profile,
    from.consent_marketing,
    from.joined_on,
    from.erased_at,
  );
}

function moveMember(db: WritableDB, key: DataKey, provisionalId: string, memberId: string): void {
  const from = db
    .prepare<[string], MemberRow>('SELECT * FROM members WHERE member_id = ?')
    .get(provisionalId);
  const target = db.prepare('SELECT 1 FROM members WHERE member_id = ?').get(memberId);
  if (!from) return;
  if (!target) copyMember(db, key, from, memberId);
  // Preferences: one row per (member, key); on a clash the newer HLC stamp stays.
  db.prepare(
    `DELETE FROM preferences AS p WHERE p.member_id = ? AND EXISTS (SELECT 1 FROM preferences q
       WHERE q.member_id = ? AND q.key = p.key AND q.hlc > p.hlc)`,
  ).run(memberId, provisionalId);
  db.prepare(
    `DELETE FROM preferences WHERE member_id = ? AND key IN
       (SELECT key FROM preferences WHERE member_id = ?)`,
  ).run(provisionalId, memberId);
  db.prepare('UPDATE preferences SET member_id = ? WHERE member_id = ?').run(
    memberId,
    provisionalId,
  );
  for (const table of memberTables(db))
    db.prepare(`UPDATE "${table}" SET member_id = ? WHERE member_id = ?`).run(
      memberId,
      provisionalId,
    );
  db.prepare('DELETE FROM members WHERE member_id = ?').run(provisionalId);
}

/**
 * Moves every confirmed provisional member still cached under its provisional id to its permanent
 * id. Returns how many were moved.
 */
export function adoptPermanentMemberIds(db: WritableDB, key: DataKey): number {
  const pending = db
    .prepare<[], { provisional_id: string; member_id: string }>(
      `SELECT a.provisional_id, a.member_id FROM member_aliases a
       JOIN members m ON m.member_id = a.provisional_id`,
    )
    .all();
  for (const p of pending) db.transaction(() => moveMember(db, key, p.provisional_id, p.member_id));
  return pending.length;
}
