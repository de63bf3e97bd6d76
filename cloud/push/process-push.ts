import {
  MAX_PUSH_BATCH,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Db, Queryable } from '../db/db';
import { fail, ok, type CloudResult } from '../result';
import { EpochRetired, GapDuringBatch, runBatch, type Known } from './push-batch';

export interface PushOptions {
  now: () => Date;
  maxClockSkewMs: number;
  /** HMAC key of presence tickets (cloud/auth/presence.ts). */
  presenceSecret: Buffer;
  /**
   * A transaction ends once it has run this long (after the mutation in hand) and the rest of the
   * push goes on in the next one. Default: 20 ms on PGlite (one connection: every other request
   * waits for a transaction), 250 ms on PostgreSQL (a 500-mutation push is one transaction).
   */
  maxTransactionMs?: number;
  /**
   * Apply try-ons, earns, preferences and sales in groups (deferred.ts); default true. Off, every
   * mutation goes through its handler one at a time: what the groups are compared with in tests.
   */
  groups?: boolean;
}

export const DEFAULT_TRANSACTION_MS = { pglite: 20, pg: 250 } as const;

/** Errors worth sending again later: the work before them is committed and answered. */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03']);

function isTransient(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    typeof err.code === 'string' &&
    TRANSIENT_SQLSTATES.has(err.code)
  );
}

/**
 * `epoch-retired` with what the kiosk needs to start a fresh epoch: the device's current epoch and
 * the highest numeric epoch it has ever used here (kiosks number their epochs 1, 2, …).
 */
async function epochRetired(q: Queryable, deviceId: string, message: string) {
  const { rows } = await q.query<{ current: string | null; highest: string | null }>(
    `SELECT (SELECT epoch FROM devices WHERE device_id = $1) AS current,
       (SELECT max(e::numeric)::text FROM (
          SELECT epoch AS e FROM devices WHERE device_id = $1
          UNION ALL SELECT epoch FROM device_epochs WHERE device_id = $1) all_epochs
        WHERE e ~ '^[0-9]{1,15}$') AS highest`,
    [deviceId],
  );
  const r = rows[0];
  return fail('epoch-retired', message, {
    currentEpoch: r?.current ?? null,
    highestEpoch: r?.highest === null || r?.highest === undefined ? null : Number(r.highest),
  });
}

/**
 * Processes a push batch. Guarantees:
 * - the batch must be contiguous and start at most at lastSeq + 1, else `seq-gap` and nothing runs;
 * - mutations run in as few transactions as the time budget allows (push-batch.ts: one for a whole
 *   batch on PostgreSQL), each under the device row's lock and with a savepoint per mutation, and
 *   each advances the device row (epoch, last_seq) in the transaction that records the outcomes:
 *   several instances on one database process a device's seqs in order, once;
 * - a key this device already sent, or seq ≤ lastSeq, answers `duplicate` with the stored outcome
 *   (keys are per device; another device's same key is processed on its own, and business ids —
 *   sale id, order id, … — dedupe brand-wide in the handlers);
 * - a mutation for a member of another store needs a valid presence ticket (presence-check.ts);
 * - a business rejection is stored and acknowledged like an applied mutation (seq advances);
 * - a deadlock or serialization failure ends the push early: what ran before it is committed and
 *   answered, the rest is left for the kiosk to send again (it requeues what has no result; when
 *   nothing ran the error is thrown, so the kiosk backs off);
 *   any other error is thrown after the mutations before it committed.
 */
export async function processPush(
  db: Db,
  device: DeviceIdentity,
  req: PushRequest,
  opts: PushOptions,
): Promise<CloudResult<PushResponse>> {
  if (req.deviceId !== device.deviceId)
    return fail('forbidden', 'deviceId does not match the token');
  if (req.mutations.length > MAX_PUSH_BATCH)
    return fail('batch-too-large', `at most ${MAX_PUSH_BATCH} mutations per push`);
  const first = req.mutations[0]?.seq ?? 1;
  const broken = req.mutations.findIndex((m, i) => m.seq !== first + i);
  const { rows } = await db.query<{ epoch: string | null; last_seq: number }>(
    'SELECT epoch, last_seq::int AS last_seq FROM devices WHERE device_id = $1',
    [device.deviceId],
  );
  const row = rows[0];
  if (!row) return fail('unauthorized', 'unknown device');
  let lastSeq = row.epoch === req.epoch ? row.last_seq : 0;
  if (row.epoch !== req.epoch && (await isRetired(db, device.deviceId, req.epoch)))
    return epochRetired(db, device.deviceId, `epoch ${req.epoch} was replaced by a newer one`);
  if (broken >= 0 || first > lastSeq + 1) {
    const gotSeq = broken >= 0 ? (req.mutations[broken]?.seq ?? first) : first;
    return fail('seq-gap', `expected seq ${lastSeq + 1}`, {
      lastSeq,
      expectedSeq: lastSeq + 1,
      gotSeq,
    });
  }
  const budgetMs = opts.maxTransactionMs ?? DEFAULT_TRANSACTION_MS[db.kind];
  const results: MutationResult[] = [];
  let next = 0;
  let known: Known | null = null;
  while (next < req.mutations.length) {
    // Between transactions, requests that arrived meanwhile get read and queue their queries
    // (PGlite runs a query without leaving the event loop's current turn).
    if (next > 0) await new Promise((resolve) => setImmediate(resolve));
    let run;
    try {
      run = await runBatch(
        db,
        device,
        req.epoch,
        req.mutations,
        next,
        { ...opts, budgetMs },
        known,
      );
    } catch (err) {
      if (err instanceof GapDuringBatch)
        return fail('seq-gap', 'device advanced concurrently', {
          lastSeq,
          expectedSeq: lastSeq + 1,
          gotSeq: req.mutations[next]?.seq ?? first,
        });
      if (err instanceof EpochRetired) return epochRetired(db, device.deviceId, err.message);
      if (isTransient(err) && results.length > 0) break;
      throw err;
    }
    results.push(...run.results);
    known = run.known;
    lastSeq = run.lastSeq;
    next = run.next;
    if (run.stoppedBy !== null) {
      // Nothing done at all: a 5xx, so the kiosk backs off instead of asking again at once.
      if (isTransient(run.stoppedBy) && results.length > 0) break;
      throw run.stoppedBy;
    }
  }
  return ok({ epoch: req.epoch, lastSeq, results });
}

async function isRetired(q: Queryable, deviceId: string, epoch: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM device_epochs WHERE device_id = $1 AND epoch = $2',
    [deviceId, epoch],
  );
  return rows.length > 0;
}
