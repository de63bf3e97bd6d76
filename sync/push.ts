/**
 * The pusher: sends the outbox to the cloud in seq order, at most 500 mutations per request.
 *
 * Guarantees:
 * - rows go in (device, epoch, seq) order, one (device, epoch) group at a time, never skipping a
 *   seq (the server refuses gaps), so every committed mutation is sent until acknowledged;
 * - a batch is marked `sent` (attempts + 1) before it leaves, and its answer is applied in one
 *   transaction (apply-results.ts); a crash anywhere in between only causes a resend, which the
 *   server answers as `duplicate` (by seq and by key);
 * - personal arguments are unsealed here only, in memory, for the request (personal-args.ts);
 * - a row that cannot be sent as it is (unreadable on disk, bad HLC, personal arguments erased by
 *   a member erasure or unreadable, or refused by the server's request schema `MAX_SOLO_REFUSALS`
 *   times alone) is sent as a placeholder the server acknowledges as `unknown-mutation`, and
 *   parked: a poison entry never blocks the queue;
 * - `seq-gap` answers resend from the server's `lastSeq + 1`;
 * - `epoch-retired` (this database was restored from a backup, or reused seqs the device already
 *   spent) moves every unacknowledged row to a new epoch above any the cloud has seen, renumbered
 *   from seq 1 with the same keys, in the transaction that records the failure (`startNewEpoch`).
 */
import { DecryptError } from '../core/crypto/field-crypto';
import { openPresence } from '../core/members/presence';
import { startNewEpoch } from '../core/outbox/device';
import { parse as parseOutboxRow, type OutboxEntry } from '../core/outbox/outbox';
import { openPersonalArgs } from '../core/outbox/personal-args';
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import {
  markSent,
  oldestUnackedGroup,
  requeueWithNote,
  rewindToServerSeq,
  type StoredOutboxRow,
} from '../core/sync-store/outbox-sync';
import { applyPushResults, type AppliedCounts, type SentRow } from './apply-results';
import type { CloudClient } from './cloud-client';
import { faultPoint } from './fault';
import { toWireHlc } from './hlc-wire';
import { MAX_PHOTOS_PER_BATCH, PHOTO_MUTATION, withPhotoBytes } from './photo-upload';
import type { SyncHttpError } from './http-client';
import {
  formatHlc,
  MAX_PUSH_BATCH,
  EpochRetiredDetailsSchema,
  MutationEnvelopeSchema,
  PresenceTicketSchema,
  SeqGapDetailsSchema,
  type MutationEnvelope,
} from './protocol';

/** After this many refusals of a row sent alone (400 bad-request) it is parked. */
export const MAX_SOLO_REFUSALS = 3;
const SOLO = /^refused-alone#(\d+)/;
export const PLACEHOLDER_NAME = 'kiosk-unreadable-entry';

export interface PushDeps {
  db: WritableDB;
  client: CloudClient;
  token: string;
  deviceId: string;
  now: () => Date;
  /** Rows per request, ≤ 500 (a smaller limit is used while isolating a refused row). */
  batchSize?: number;
  /** The data key, to attach the (encrypted-at-rest) bytes of `attachPhoto` rows when sent. */
  key?: DataKey;
}

export type PushStep =
  | { kind: 'idle' }
  | { kind: 'sent'; count: number; applied: AppliedCounts }
  | { kind: 'failed'; error: SyncHttpError; count: number; newEpoch?: number };

type RawRow = StoredOutboxRow;

function placeholder(row: RawRow, now: Date): MutationEnvelope {
  return {
    seq: row.seq,
    // The row's own key when it is usable, so the server's record names the business intent.
    key:
      typeof row.idempotency_key === 'string' &&
      row.idempotency_key.length > 0 &&
      row.idempotency_key.length <= 200
        ? row.idempotency_key
        : `parked:${row.device_id}:${row.epoch}:${row.seq}`,
    name: PLACEHOLDER_NAME,
    version: 1,
    args: null,
    hlc: formatHlc({ wallMs: now.getTime(), counter: 0 }),
  };
}

/**
 * The presence ticket sealed into the row when it was written (core/outbox), opened to send; none
 * when the row has none or it no longer opens (the cloud then judges the mutation without one).
 */
function presenceOf(row: RawRow, args: Record<string, unknown>, key: DataKey | undefined) {
  const sealed = row.presence_enc;
  if (!key || !(sealed instanceof Uint8Array) || typeof args.memberId !== 'string')
    return undefined;
  try {
    const ticket = PresenceTicketSchema.safeParse(openPresence(key, args.memberId, sealed));
    return ticket.success ? ticket.data : undefined;
  } catch (error) {
    if (error instanceof DecryptError) return undefined;
    throw error;
  }
}

/** The stored arguments with the sealed personal ones opened; null when they cannot be. */
const openedArgs = (entry: OutboxEntry, key?: DataKey) => {
  const opened = openPersonalArgs(key, entry);
  return opened.ok ? opened.value : null;
};

/** A row's args as they go on the wire: personal values opened, a photo's bytes attached. */
export function argsToSend(
  db: WritableDB,
  key: DataKey | undefined,
  entry: OutboxEntry,
): Record<string, unknown> | null {
  const args = openedArgs(entry, key);
  return args && entry.mutation === PHOTO_MUTATION ? withPhotoBytes(db, key, args) : args;
}

/**
 * The envelope for a stored row; a placeholder when the row cannot be sent as it is (including
 * when `fillArgs` gives null: personal arguments erased or unreadable).
 */
export function envelopeFor(
  row: RawRow,
  now: Date,
  fillArgs: (entry: OutboxEntry) => Record<string, unknown> | null = (e) => openedArgs(e),
  key?: DataKey,
): MutationEnvelope {
  if (Number(SOLO.exec(row.last_error ?? '')?.[1] ?? 0) >= MAX_SOLO_REFUSALS)
    return placeholder(row, now);
  const entry = parseOutboxRow(row);
  if (!entry.ok) return placeholder(row, now);
  const hlc = toWireHlc(entry.value.hlc);
  const args = fillArgs(entry.value);
  if (!args) return placeholder(row, now);
  const envelope = {
    seq: entry.value.seq,
    key: entry.value.idempotencyKey,
    name: entry.value.mutation,
    version: entry.value.version,
    args,
    hlc,
    presence: presenceOf(row, args, key),
  };
  const checked = MutationEnvelopeSchema.safeParse(envelope);
  return checked.success ? checked.data : placeholder(row, now);
}

/** The next contiguous run of unacknowledged rows of the oldest (device, epoch) group. */
function nextBatch(db: WritableDB, limit: number): RawRow[] {
  const rows = oldestUnackedGroup(db, limit);
  // Stop at the first hole (rows acked/parked out of order after a crash): the server wants no gaps.
  // Also stop before a third photo: their bytes travel in the request.
  const run: RawRow[] = [];
  let photos = 0;
  for (const row of rows) {
    const prev = run.at(-1);
    if (prev && row.seq !== prev.seq + 1) break;
    if (row.mutation === PHOTO_MUTATION && ++photos > MAX_PHOTOS_PER_BATCH) break;
    run.push(row);
  }
  return run;
}

/** The highest epoch number the cloud reported for this device (0 when it gave none). */
function cloudEpochFloor(details: unknown): number {
  const parsed = EpochRetiredDetailsSchema.safeParse(details);
  if (!parsed.success) return 0;
  const current = Number(parsed.data.currentEpoch ?? NaN);
  return Math.max(
    parsed.data.highestEpoch ?? 0,
    Number.isSafeInteger(current) && current > 0 ? current : 0,
  );
}

export async function pushOnce(deps: PushDeps): Promise<PushStep> {
  const { db } = deps;
  const limit = Math.max(1, Math.min(MAX_PUSH_BATCH, deps.batchSize ?? MAX_PUSH_BATCH));
  const rows = db.transaction(() => {
    const batch = nextBatch(db, limit);
    if (batch.length === 0) return batch;
    markSent(
      db,
      batch.map((r) => r.id),
    );
    return batch;
  });
  if (rows.length === 0) return { kind: 'idle' };
  const first = rows[0] as RawRow;
  const now = deps.now();
  const mutations = rows.map((row) =>
    envelopeFor(row, now, (entry) => argsToSend(db, deps.key, entry), deps.key),
  );
  faultPoint('before-send');
  const answer = await deps.client.push(deps.token, {
    deviceId: deps.deviceId,
    epoch: String(first.epoch),
    mutations,
  });
  if (!answer.ok) {
    const error = answer.error;
    const gap = error.code === 'seq-gap' ? SeqGapDetailsSchema.safeParse(error.details) : null;
    const newEpoch = db.transaction(() => {
      let note = `${error.kind}${error.code ? `/${error.code}` : ''}: ${error.message}`;
      if (error.code === 'bad-request' && rows.length === 1) {
        const n = Number(SOLO.exec(first.last_error ?? '')?.[1] ?? 0) + 1;
        note = `refused-alone#${n}: ${error.message}`;
      }
      requeueWithNote(
        db,
        rows.map((r) => r.id),
        note.slice(0, 500),
      );
      if (gap?.success) rewindToServerSeq(db, first.device_id, first.epoch, gap.data.lastSeq);
      if (error.code === 'epoch-retired') return startNewEpoch(db, cloudEpochFloor(error.details));
      return null;
    });
    return newEpoch
      ? { kind: 'failed', error, count: rows.length, newEpoch: newEpoch.epoch }
      : { kind: 'failed', error, count: rows.length };
  }
  faultPoint('before-ack');
  const sent: SentRow[] = rows.map((r, i) => ({
    id: r.id,
    seq: r.seq,
    key: mutations[i]?.key ?? r.idempotency_key,
  }));
  const applied = applyPushResults(db, sent, answer.value, deps.now());
  return { kind: 'sent', count: rows.length, applied };
}
