import { formatZodError } from '../../common/result';
import {
  MAX_PUSH_BATCH,
  clampHlc,
  mutationSchema,
  parseHlc,
  type MutationEnvelope,
  type MutationName,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type StoredResult,
} from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Db, Queryable } from '../db/db';
import { fail, ok, type CloudResult } from '../result';
import { BusinessRejection, type HandlerContext } from './handler';
import { HANDLERS } from './handlers/index';
import { presenceRejection, resolveNamedMember } from './presence-check';

export interface PushOptions {
  now: () => Date;
  maxClockSkewMs: number;
  /** HMAC key of presence tickets (cloud/auth/presence.ts). */
  presenceSecret: Buffer;
}

class GapDuringBatch extends Error {}
class EpochRetired extends Error {}

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
 * - each mutation runs in its own transaction that also advances the device row (epoch, last_seq),
 *   under a row lock, so several instances on one database process a device's seqs in order, once;
 * - a key this device already sent, or seq ≤ lastSeq, answers `duplicate` with the stored outcome
 *   (keys are per device; another device's same key is processed on its own, and business ids —
 *   sale id, order id, … — dedupe brand-wide in the handlers);
 * - a mutation for a member of another store needs a valid presence ticket (presence-check.ts);
 * - a business rejection is stored and acknowledged like an applied mutation (seq advances).
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
  const results: MutationResult[] = [];
  for (const m of req.mutations) {
    try {
      const r = await db.transaction((tx) => processOne(tx, device, req.epoch, m, opts));
      results.push(r.result);
      lastSeq = r.lastSeq;
    } catch (err) {
      if (err instanceof GapDuringBatch)
        return fail('seq-gap', 'device advanced concurrently', {
          lastSeq,
          expectedSeq: lastSeq + 1,
          gotSeq: m.seq,
        });
      if (err instanceof EpochRetired) return epochRetired(db, device.deviceId, err.message);
      throw err;
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

async function processOne(
  tx: Queryable,
  device: DeviceIdentity,
  epoch: string,
  m: MutationEnvelope,
  opts: PushOptions,
) {
  const now = opts.now();
  const { rows } = await tx.query<{ epoch: string | null; last_seq: number }>(
    'SELECT epoch, last_seq::int AS last_seq FROM devices WHERE device_id = $1 FOR UPDATE',
    [device.deviceId],
  );
  const dev = rows[0];
  if (!dev) throw new GapDuringBatch();
  let lastSeq = dev.last_seq;
  if (dev.epoch !== epoch) {
    // A new epoch (reinstall, restore): retire the old one for good, restart seqs at 1.
    if (await isRetired(tx, device.deviceId, epoch))
      throw new EpochRetired(`epoch ${epoch} was replaced by a newer one`);
    if (dev.epoch !== null) {
      await tx.query(
        'INSERT INTO device_epochs (device_id, epoch, last_seq, retired_at) VALUES ($1, $2, $3, $4)',
        [device.deviceId, dev.epoch, dev.last_seq, now.toISOString()],
      );
    }
    await tx.query('UPDATE devices SET epoch = $2, last_seq = 0 WHERE device_id = $1', [
      device.deviceId,
      epoch,
    ]);
    lastSeq = 0;
  }
  const stored = await tx.query<{ outcome: StoredResult }>(
    'SELECT outcome FROM mutations WHERE device_id = $1 AND key = $2',
    [device.deviceId, m.key],
  );
  const original = stored.rows[0]?.outcome ?? null;
  if (m.seq <= lastSeq) {
    // already processed: answer with what that seq got the first time
    const bySeq = await tx.query<{ outcome: StoredResult; key: string }>(
      'SELECT outcome, key FROM mutations WHERE device_id = $1 AND epoch = $2 AND seq = $3',
      [device.deviceId, epoch, m.seq],
    );
    // The same seq with another business key: this copy of the kiosk reused numbers the device
    // already spent (restored from a backup). It must leave the epoch; nothing is answered for it.
    const seqOwner = bySeq.rows[0];
    if (seqOwner && seqOwner.key !== m.key)
      throw new EpochRetired(`seq ${m.seq} of epoch ${epoch} was already used by another mutation`);
    const first = seqOwner?.outcome ?? original;
    return {
      lastSeq,
      result: {
        seq: m.seq,
        key: m.key,
        status: 'duplicate',
        original: first,
      } satisfies MutationResult,
    };
  }
  if (m.seq !== lastSeq + 1) throw new GapDuringBatch();
  let result: MutationResult;
  if (original) {
    result = { seq: m.seq, key: m.key, status: 'duplicate', original };
  } else {
    const outcome = await apply(tx, device, m, now, opts);
    await tx.query(
      `INSERT INTO mutations (key, device_id, epoch, seq, name, version, outcome, processed_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
      [
        m.key,
        device.deviceId,
        epoch,
        m.seq,
        m.name,
        m.version,
        JSON.stringify(outcome),
        now.toISOString(),
      ],
    );
    result =
      outcome.status === 'applied'
        ? { seq: m.seq, key: m.key, status: 'applied', result: outcome.result }
        : {
            seq: m.seq,
            key: m.key,
            status: 'rejected',
            error: outcome.error ?? { code: 'invalid-args', message: '' },
            compensation: outcome.compensation ?? { kind: 'none' },
            staffTask: outcome.staffTask,
          };
  }
  await tx.query('UPDATE devices SET last_seq = $2 WHERE device_id = $1', [device.deviceId, m.seq]);
  return { lastSeq: m.seq, result };
}

/** Runs the handler between a savepoint and its release; a rejection rolls back to the savepoint. */
async function apply(
  tx: Queryable,
  device: DeviceIdentity,
  m: MutationEnvelope,
  now: Date,
  opts: PushOptions,
): Promise<StoredResult> {
  const schema = mutationSchema(m.name, m.version);
  let rejection: BusinessRejection;
  if (!schema) {
    rejection = new BusinessRejection(
      'unknown-mutation',
      `unknown mutation ${m.name} v${m.version}`,
      { kind: 'none' },
      {
        kind: 'sync-parked',
        message: `Kiosk sent ${m.name} v${m.version}, which this server does not know (key ${m.key})`,
      },
    );
  } else {
    const parsed = schema.safeParse(m.args);
    if (!parsed.success) {
      rejection = new BusinessRejection(
        'invalid-args',
        // whole code points: half a surrogate pair is text PostgreSQL refuses
        [...`${m.name} v${m.version}: ${formatZodError(parsed.error)}`].slice(0, 2000).join(''),
        { kind: 'none' },
        { kind: 'sync-parked', message: `Kiosk sent invalid ${m.name} (key ${m.key})` },
      );
    } else {
      const ctx: HandlerContext = {
        deviceId: device.deviceId,
        storeId: device.storeId,
        hlc: clampHlc(m.hlc, now.getTime(), opts.maxClockSkewMs),
        now,
      };
      // A provisional member id becomes the permanent one; another store's member needs a ticket.
      const named = await resolveNamedMember(tx, parsed.data);
      const args = named.args;
      const absent = await presenceRejection(tx, device, m, named, {
        at: parseHlc(ctx.hlc)?.wallMs ?? now.getTime(),
        now,
        secret: opts.presenceSecret,
      });
      if (absent) return reject(tx, device, m, absent, now);
      await tx.query('SAVEPOINT mutation');
      try {
        const handler = HANDLERS[m.name as MutationName] as (
          tx: Queryable,
          a: unknown,
          c: HandlerContext,
        ) => Promise<unknown>;
        const result = await handler(tx, args, ctx);
        await tx.query('RELEASE SAVEPOINT mutation');
        return {
          status: 'applied',
          result: result ?? null,
          error: null,
          compensation: null,
          staffTask: null,
        };
      } catch (err) {
        if (!(err instanceof BusinessRejection)) throw err;
        await tx.query('ROLLBACK TO SAVEPOINT mutation');
        rejection = err;
      }
    }
  }
  return reject(tx, device, m, rejection, now);
}

/** Stores a rejection's staff task and returns the outcome to record (no effect, seq advances). */
async function reject(
  tx: Queryable,
  device: DeviceIdentity,
  m: MutationEnvelope,
  rejection: BusinessRejection,
  now: Date,
): Promise<StoredResult> {
  let staffTask: StoredResult['staffTask'] = null;
  if (rejection.task) {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO staff_tasks (store_id, device_id, kind, message, ref, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id',
      [
        device.storeId,
        device.deviceId,
        rejection.task.kind,
        rejection.task.message,
        m.key,
        now.toISOString(),
      ],
    );
    staffTask = {
      id: rows[0]?.id ?? '',
      kind: rejection.task.kind,
      message: rejection.task.message,
    };
  }
  return {
    status: 'rejected',
    result: null,
    error: { code: rejection.code, message: rejection.message },
    compensation: rejection.compensation,
    staffTask,
  };
}
