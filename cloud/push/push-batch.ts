/**
 * A run of one push's mutations in ONE transaction, with a savepoint per mutation (issue 15).
 *
 * - The device row is locked (FOR UPDATE) once, at the start: several instances on one database
 *   process a device's seqs in order, once. An epoch change retires the old epoch here. Before
 *   it, a transaction-scoped advisory lock per store: a store's batches queue instead of
 *   deadlocking on the rows the HQ triggers update. After it, on PostgreSQL, the members the
 *   batch names are locked in one sorted pass (member-locks.ts): members are brand-wide, so two
 *   stores' batches naming the same ones queue on them instead of deadlocking; then, the same
 *   way, the stock rows its sales and orders take (stock-locks.ts).
 * - What the device sent before is read in two queries for the whole run (by key, by seq), not
 *   per mutation; outcome rows are written in one statement at the end, with `last_seq`, in the
 *   same transaction as the effects: a mutation's outcome and its effect commit together.
 * - Each new mutation gets a savepoint: a business rejection rolls back to it (apply-mutation.ts);
 *   any other error rolls back to it too and ends the run, so the mutations before it still
 *   commit (as they did when each had its own transaction) and the error is returned to the caller.
 * - The run ends after `budgetMs`: on PGlite (one connection) other requests wait for a whole
 *   transaction, so a big push commits in short runs and lets them in between.
 */
import type { MutationEnvelope, MutationResult, StoredResult } from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Db, Queryable } from '../db/db';
import { applyMutation } from './apply-mutation';
import { cloudFaultPoint } from './fault';
import { lockNamedMembers } from './member-locks';
import { namedMemberId, resolveMembers, type NamedMember } from './member-lookup';
import { lockStockRows } from './stock-locks';
import { inStoreTurn } from './store-turns';
import { groupQueue, KEEP_MEMBERS, type GroupQueue } from './deferred';
import { EARN_GROUP } from './earn-group';
import { PREFERENCE_GROUP } from './preference-group';
import { SALE_GROUP } from './sale-group';
import { TRYON_GROUP } from './tryon-group';

/** Mutations applied in groups (deferred.ts), in the order their groups are flushed. */
const newQueues = (): GroupQueue[] => [
  groupQueue(TRYON_GROUP),
  groupQueue(EARN_GROUP),
  groupQueue(PREFERENCE_GROUP),
  groupQueue(SALE_GROUP),
];

/** The device's row is gone, or it moved on under us (another instance): a seq gap. */
export class GapDuringBatch extends Error {}
export class EpochRetired extends Error {}

export interface RunOptions {
  now: () => Date;
  maxClockSkewMs: number;
  presenceSecret: Buffer;
  /** End the transaction once it has run this long (checked after each mutation). */
  budgetMs: number;
  /** Apply what may wait in groups (deferred.ts); default true. */
  groups?: boolean;
}

/** What the device sent before, read once per push and carried from one run to the next. */
export interface Known {
  lastSeq: number;
  byKey: Map<string, StoredResult>;
  bySeq: Map<number, Sent>;
}

export interface RunResult {
  /** Still valid for the next run if the device row shows `lastSeq` then (nobody else moved it). */
  known: Known;
  results: MutationResult[];
  lastSeq: number;
  /** Index of the first mutation not processed. */
  next: number;
  /** The error that ended the run early (its mutation rolled back, the ones before committed). */
  stoppedBy: unknown;
}

interface Sent {
  key: string;
  outcome: StoredResult;
}

async function lockDevice(
  tx: Queryable,
  deviceId: string,
  epoch: string,
  now: Date,
): Promise<number> {
  const { rows } = await tx.query<{ epoch: string | null; last_seq: number }>(
    'SELECT epoch, last_seq::int AS last_seq FROM devices WHERE device_id = $1 FOR UPDATE',
    [deviceId],
  );
  const dev = rows[0];
  if (!dev) throw new GapDuringBatch();
  if (dev.epoch === epoch) return dev.last_seq;
  // A new epoch (reinstall, restore): retire the old one for good, restart seqs at 1.
  const retired = await tx.query(
    'SELECT 1 FROM device_epochs WHERE device_id = $1 AND epoch = $2',
    [deviceId, epoch],
  );
  if (retired.rows.length > 0) throw new EpochRetired(`epoch ${epoch} was replaced by a newer one`);
  if (dev.epoch !== null)
    await tx.query(
      'INSERT INTO device_epochs (device_id, epoch, last_seq, retired_at) VALUES ($1, $2, $3, $4)',
      [deviceId, dev.epoch, dev.last_seq, now.toISOString()],
    );
  await tx.query('UPDATE devices SET epoch = $2, last_seq = 0 WHERE device_id = $1', [
    deviceId,
    epoch,
  ]);
  return 0;
}

/** Outcomes this device already has for these keys, and for the seqs up to `lastSeq`. */
async function alreadySent(
  tx: Queryable,
  deviceId: string,
  epoch: string,
  mutations: readonly MutationEnvelope[],
  lastSeq: number,
): Promise<{ byKey: Map<string, StoredResult>; bySeq: Map<number, Sent> }> {
  // One probe of the primary key per key (LIMIT keeps it a probe): with `key = ANY (…)` beside
  // `device_id = $1`, a planner that believes the device has few rows (a new kiosk between two
  // ANALYZEs) filtered all the device's outcome rows instead: 27 ms a push at 9,000 rows, growing.
  const keys = await tx.query<{ key: string; outcome: StoredResult }>(
    `SELECT m.key, m.outcome FROM jsonb_array_elements_text($2::jsonb) AS k(key)
     CROSS JOIN LATERAL (SELECT key, outcome FROM mutations
                         WHERE device_id = $1 AND key = k.key LIMIT 1) m`,
    [deviceId, JSON.stringify(mutations.map((m) => m.key))],
  );
  const byKey = new Map(keys.rows.map((r) => [r.key, r.outcome]));
  const bySeq = new Map<number, Sent>();
  const first = mutations[0]?.seq ?? 1;
  if (first <= lastSeq) {
    const seqs = await tx.query<{ seq: number; key: string; outcome: StoredResult }>(
      `SELECT seq::int AS seq, key, outcome FROM mutations
       WHERE device_id = $1 AND epoch = $2 AND seq BETWEEN $3 AND $4`,
      [deviceId, epoch, first, lastSeq],
    );
    for (const r of seqs.rows) bySeq.set(r.seq, { key: r.key, outcome: r.outcome });
  }
  return { byKey, bySeq };
}

function resultOf(m: MutationEnvelope, outcome: StoredResult): MutationResult {
  return outcome.status === 'applied'
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

/**
 * What a deferred mutation costs at its group's flush, about (PGlite, the drain's mix: 0.2–0.3 ms
 * each). On PGlite a 20 ms run then defers ~80, not the whole push of 500 in one long transaction
 * that every other request waited for (p95 206 ms); on PostgreSQL (250 ms) a run takes the push.
 */
const DEFERRED_MS = 0.25;

/** Runs given at least this long look the members of the whole push up at once. */
const LOOKAHEAD_BUDGET_MS = 100;

/** The flush of deferred try-ons failed: the run is redone one mutation at a time. */
class GroupFailed extends Error {
  constructor(cause: unknown) {
    super('deferred try-ons failed', { cause });
  }
}

/**
 * Processes `mutations[from…]` in one transaction until they are done or the budget is spent.
 * Try-ons, points earned and preferences are applied in groups (deferred.ts); should a group fail, the transaction is rolled
 * back and the run done again one mutation at a time, so the error lands where it belongs.
 */
export async function runBatch(
  db: Db,
  device: DeviceIdentity,
  epoch: string,
  mutations: readonly MutationEnvelope[],
  from: number,
  opts: RunOptions,
  known: Known | null,
): Promise<RunResult> {
  const attempt = (grouping: boolean) =>
    runOnce(db, device, epoch, mutations, from, opts, known && copyKnown(known), grouping);
  try {
    return await attempt(opts.groups !== false);
  } catch (err) {
    if (err instanceof GroupFailed) return attempt(false);
    throw err;
  }
}

/** The maps are filled as mutations run: a rolled-back attempt must not leave its outcomes. */
function copyKnown(k: Known): Known {
  return { lastSeq: k.lastSeq, byKey: new Map(k.byKey), bySeq: new Map(k.bySeq) };
}

type RunArgs = [
  db: Db,
  device: DeviceIdentity,
  epoch: string,
  mutations: readonly MutationEnvelope[],
  from: number,
  opts: RunOptions,
  known: Known | null,
  grouping: boolean,
];

/** A store's runs in this instance take turns before they take a connection (store-turns.ts). */
function runOnce(...args: RunArgs): Promise<RunResult> {
  const [db, device] = args;
  return inStoreTurn(db, device.storeId, () => runTransaction(...args));
}

async function runTransaction(
  ...[db, device, epoch, mutations, from, opts, known, grouping]: RunArgs
): Promise<RunResult> {
  return db.transaction(async (tx) => {
    const started = performance.now();
    const now = opts.now();
    const deviceId = device.deviceId;
    // One batch per store at a time: the HQ upkeep triggers lock a store's rollup rows and its
    // members in the order the mutations come; two kiosks of one store holding them for a whole
    // batch deadlocked (578 deadlocks, 8 mutations/s in a 24-kiosk storm) instead of queueing.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('push-store:' || $1))", [device.storeId]);
    const startSeq = await lockDevice(tx, deviceId, epoch, now);
    let lastSeq = startSeq;
    const rest = mutations.slice(from);
    // Read once per push: only this device's pushes write its outcome rows, under its row lock.
    const { byKey, bySeq } =
      known?.lastSeq === startSeq ? known : await alreadySent(tx, deviceId, epoch, rest, lastSeq);
    const results: (MutationResult | undefined)[] = [];
    const fresh: (Sent & { m: MutationEnvelope })[] = [];
    const record = (m: MutationEnvelope, outcome: StoredResult, slot: number) => {
      fresh.push({ m, key: m.key, outcome });
      byKey.set(m.key, outcome);
      results[slot] = resultOf(m, outcome);
    };
    // Every member the new mutations name, then every stock row they take, locked now in one
    // order (member-locks.ts, stock-locks.ts): two stores' pushes sharing members or stock rows
    // wait for each other here instead of deadlocking mid-push or at COMMIT.
    if (db.kind === 'pg') {
      const unseen = rest.filter((m) => m.seq > startSeq && !byKey.has(m.key));
      await lockNamedMembers(tx, device.storeId, unseen);
      await lockStockRows(tx, device.storeId, unseen);
    }
    // Members named in the run, looked up at once; forgotten after a mutation that may change them.
    // Only for long runs: a 20 ms run on PGlite handles a dozen mutations, not worth the query.
    let members: ReadonlyMap<string, NamedMember> | undefined =
      opts.budgetMs >= LOOKAHEAD_BUDGET_MS
        ? await resolveMembers(tx, [...new Set(rest.flatMap((m) => namedMemberId(m.args) ?? []))])
        : undefined;
    let savepoint = false;
    const applyOne = async (m: MutationEnvelope): Promise<StoredResult> => {
      // The previous mutation's savepoint is released as this one's is taken: one round trip.
      await tx.exec(savepoint ? 'RELEASE SAVEPOINT m; SAVEPOINT m' : 'SAVEPOINT m');
      savepoint = true;
      try {
        return await applyMutation(tx, device, m, {
          now,
          maxClockSkewMs: opts.maxClockSkewMs,
          presenceSecret: opts.presenceSecret,
          rollback: () => tx.exec('ROLLBACK TO SAVEPOINT m'),
          members,
        });
      } catch (err) {
        await tx.exec('ROLLBACK TO SAVEPOINT m');
        throw err;
      }
    };
    const queues = grouping ? newQueues() : [];
    const flush = async (queue: GroupQueue) => {
      const group = queue.take();
      if (!group) return;
      try {
        const ctx = { device, now, maxClockSkewMs: opts.maxClockSkewMs, members };
        const outcomes = await group.flush(tx, ctx);
        if (outcomes)
          group.items.forEach((p, i) => outcomes[i] && record(p.m, outcomes[i], p.slot));
        else for (const p of group.items) record(p.m, await applyOne(p.m), p.slot);
      } catch (err) {
        throw new GroupFailed(err);
      }
    };
    const flushAll = async () => {
      for (const queue of queues) await flush(queue);
    };
    let next = from;
    let stoppedBy: unknown = null;
    for (const m of rest) {
      const slot = results.length;
      results.push(undefined);
      if (m.seq <= lastSeq) {
        // already processed: answer with what that seq got the first time
        const seqOwner = bySeq.get(m.seq);
        // The same seq with another business key: this copy of the kiosk reused numbers the
        // device already spent (restored from a backup). It must leave the epoch.
        if (seqOwner && seqOwner.key !== m.key)
          throw new EpochRetired(
            `seq ${m.seq} of epoch ${epoch} was already used by another mutation`,
          );
        const original = seqOwner?.outcome ?? byKey.get(m.key) ?? null;
        results[slot] = { seq: m.seq, key: m.key, status: 'duplicate', original };
      } else {
        if (m.seq !== lastSeq + 1) throw new GapDuringBatch();
        // A key sent twice in one push: the first copy must be in before the second is looked at.
        if (queues.some((q) => q.holds(m.key))) await flushAll();
        const original = byKey.get(m.key);
        if (original) {
          results[slot] = { seq: m.seq, key: m.key, status: 'duplicate', original };
        } else if (queues.some((q) => q.defer(m, slot))) {
          cloudFaultPoint('inside-batch');
        } else {
          for (const queue of queues) if (queue.mustFlushBefore(m.name)) await flush(queue);
          let outcome: StoredResult;
          try {
            outcome = await applyOne(m);
          } catch (err) {
            stoppedBy = err;
            results.pop();
            break;
          }
          record(m, outcome, slot);
          if (!KEEP_MEMBERS.has(m.name)) members = undefined;
          cloudFaultPoint('inside-batch');
        }
        lastSeq = m.seq;
      }
      next++;
      // A deferred mutation takes its time at the flush: counted ahead, so the run keeps its budget.
      const waiting = queues.reduce((n, q) => n + q.size, 0);
      if (performance.now() - started + waiting * DEFERRED_MS > opts.budgetMs) break;
    }
    await flushAll();
    if (fresh.length > 0)
      await tx.query(
        `INSERT INTO mutations (key, device_id, epoch, seq, name, version, outcome, processed_at)
         SELECT r.key, $2, $3, r.seq, r.name, r.version, r.outcome, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(key text, seq bigint, name text, version int, outcome jsonb)`,
        [
          JSON.stringify(
            fresh.map((f) => ({
              key: f.key,
              seq: f.m.seq,
              name: f.m.name,
              version: f.m.version,
              outcome: f.outcome,
            })),
          ),
          deviceId,
          epoch,
          now.toISOString(),
        ],
      );
    if (lastSeq !== startSeq)
      await tx.query('UPDATE devices SET last_seq = $2 WHERE device_id = $1', [deviceId, lastSeq]);
    const answered = results.filter((r): r is MutationResult => r !== undefined);
    if (answered.length !== results.length) throw new Error('a mutation of the run has no outcome');
    return { known: { lastSeq, byKey, bySeq }, results: answered, lastSeq, next, stoppedBy };
    // The push's statements are few and fixed: parsed and planned once per connection.
  }, PREPARED);
}

const PREPARED = { prepareStatements: true } as const;
