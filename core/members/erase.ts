/**
 * Erasure on request: in ONE transaction the member's personal data is removed from this kiosk
 * and a `requestErasure` mutation is queued for the cloud. The member row stays as a tombstone
 * (id, tier, `erased_at`) so no later import or pull brings the data back; sales, sessions and
 * history keep their rows but lose the link to the member. The points ledger is append-only and
 * keeps the bare member id (a pseudonym once the profile is gone; the cloud erases its side).
 */
import { fail, ok, type Result } from '../../common/result';
import { enqueue, type OutboxEntry } from '../outbox/outbox';
import { dropPersonalArgs } from '../outbox/personal-args';
import { forgetMember } from '../recommend-store/model-tables';
import type { WritableDB } from '../store/db';
import { recordAudit } from '../audit/audit';

export interface ErasureReport {
  memberId: string;
  erasedAt: string;
  preferences: number;
  photos: number;
  sessionsUnlinked: number;
  salesAnonymised: number;
  historyUnlinked: number;
  /** Outbox rows whose sealed personal arguments (a pending join's name and phone) were deleted. */
  outboxPersonal: number;
  outbox: OutboxEntry;
}

export type EraseResult = Result<ErasureReport, 'unknown-member' | 'already-erased'>;

export interface EraseOptions {
  /** HLC stamp text for the outbox row. */
  hlc: string;
  /** Who asked (staff id or 'cli'), for the audit trail. */
  actor: string;
}

export function eraseMember(
  db: WritableDB,
  memberId: string,
  now: Date,
  options: EraseOptions,
): EraseResult {
  const at = now.toISOString();
  return db.transaction((): EraseResult => {
    const member = db
      .prepare<[string], { erased_at: string | null }>(
        'SELECT erased_at FROM members WHERE member_id = ?',
      )
      .get(memberId);
    if (!member) return fail('unknown-member', `no member ${memberId}`);
    if (member.erased_at)
      return fail('already-erased', `${memberId} was erased at ${member.erased_at}`);
    const run = (sql: string) => db.prepare(sql).run({ id: memberId }).changes;
    const preferences = run('DELETE FROM preferences WHERE member_id = @id');
    // The member's picks leave this kiosk's model at once (the cloud drops them from the next).
    forgetMember(db, memberId);
    const photos = run(
      'DELETE FROM photos WHERE member_id = @id OR session_id IN (SELECT session_id FROM sessions WHERE member_id = @id)',
    );
    const sessionsUnlinked = run('UPDATE sessions SET member_id = NULL WHERE member_id = @id');
    const salesAnonymised = run('UPDATE sales SET member_id = NULL WHERE member_id = @id');
    const historyUnlinked =
      run('UPDATE history_transactions SET member_id = NULL WHERE member_id = @id') +
      run('UPDATE history_tryons SET member_id = NULL WHERE member_id = @id');
    db.prepare(
      `UPDATE members SET name_enc = NULL, phone_enc = NULL, birthday_enc = NULL, pii_mac = NULL,
         card_hash = NULL, qr_hash = NULL, phone_last4_hash = NULL, gender = NULL, joined_on = NULL,
         home_store = NULL, consent_profile = 0, consent_marketing = 0, erased_at = ?
       WHERE member_id = ?`,
    ).run(at, memberId);
    // The member's pending (or sent) personal arguments, also under the id it joined with.
    const joinedAs = db
      .prepare<[string], { provisional_id: string }>(
        'SELECT provisional_id FROM member_aliases WHERE member_id = ?',
      )
      .all(memberId)
      .map((row) => row.provisional_id);
    const outboxPersonal = dropPersonalArgs(db, [memberId, ...joinedAs], at);
    const counts = {
      preferences,
      photos,
      sessionsUnlinked,
      salesAnonymised,
      historyUnlinked,
      outboxPersonal,
    };
    recordAudit(db, {
      at: now,
      actor: options.actor,
      action: 'member.erase',
      subject: memberId,
      detail: counts,
    });
    const outbox = enqueue(
      db,
      {
        name: 'requestErasure',
        version: 1,
        idempotencyKey: `requestErasure:${memberId}`,
        // requestErasure v1 (sync/protocol) names the request: one per member, like the key.
        args: { requestId: `requestErasure:${memberId}`, memberId, requestedAt: at },
        hlc: options.hlc,
      },
      now,
    );
    // The request carried the member's presence ticket (a member of another store); now it goes.
    db.prepare(
      'UPDATE members SET presence_enc = NULL, presence_expires_at = NULL WHERE member_id = ?',
    ).run(memberId);
    return ok({ memberId, erasedAt: at, ...counts, outbox });
  });
}
