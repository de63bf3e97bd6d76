/**
 * Try-ons in a session, each queued for the cloud (`logTryOn`) in the same transaction. The
 * member is named in the mutation only when the member consented to profiling; otherwise the
 * try-on travels as anonymous as the session it happened in. The row is logTryOn v2: outcome and
 * reason travel, so the brand learns why a tried garment was not bought.
 */
import { ok } from '../../common/result';
import { randomUUID } from 'node:crypto';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';
import { openSession, touch, type SessionResult } from './sessions';

export const TRYON_OUTCOMES = ['liked', 'rejected', 'size-swap', 'bought'] as const;
export type TryOnOutcome = (typeof TRYON_OUTCOMES)[number];
export const TRYON_REASONS = ['too-small', 'too-big', 'colour', 'style', 'price'] as const;
export type TryOnReason = (typeof TRYON_REASONS)[number];

export interface TryOnInput {
  sessionId: string;
  sku: string;
  outcome: TryOnOutcome;
  reason?: TryOnReason | null;
  now: Date;
  /** HLC stamp text for the outbox row. */
  hlc: string;
}

export interface TryOn {
  tryonId: string;
  sessionId: string;
  sku: string;
  outcome: TryOnOutcome;
  reason: TryOnReason | null;
  at: string;
}

function consentingMember(db: WritableDB, memberId: string | null): string | null {
  if (!memberId) return null;
  const row = db
    .prepare<[string], { n: number }>(
      'SELECT 1 AS n FROM members WHERE member_id = ? AND consent_profile = 1 AND erased_at IS NULL',
    )
    .get(memberId);
  return row ? memberId : null;
}

export function recordTryOn(db: WritableDB, input: TryOnInput): SessionResult<TryOn> {
  return db.transaction((): SessionResult<TryOn> => {
    const open = openSession(db, input.sessionId);
    if (!open.ok) return open;
    const tryOn: TryOn = {
      tryonId: randomUUID(),
      sessionId: input.sessionId,
      sku: input.sku,
      outcome: input.outcome,
      reason: input.reason ?? null,
      at: input.now.toISOString(),
    };
    db.prepare(
      'INSERT INTO tryons (tryon_id, session_id, sku, outcome, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(tryOn.tryonId, tryOn.sessionId, tryOn.sku, tryOn.outcome, tryOn.reason, tryOn.at);
    touch(db, input.sessionId, input.now);
    enqueue(
      db,
      {
        name: 'logTryOn',
        // v2 carries the outcome and the reason (sync/protocol LogTryOnV2); the cloud keeps v1 too.
        version: 2,
        idempotencyKey: `logTryOn:${tryOn.tryonId}`,
        args: {
          tryOnId: tryOn.tryonId,
          sessionId: tryOn.sessionId,
          sku: tryOn.sku,
          memberId: consentingMember(db, open.value.memberId),
          outcome: tryOn.outcome,
          reason: tryOn.reason,
          at: tryOn.at,
          storeId: open.value.storeId,
        },
        hlc: input.hlc,
      },
      input.now,
    );
    return ok(tryOn);
  });
}
