/**
 * The sync engine: one loop that pushes the outbox, then pulls every stream, on a timer.
 *
 * Guarantees:
 * - the timer fires whether or not new writes happen: after a failure it retries with jittered
 *   backoff (1 s → 5 min, Retry-After honoured), after a success it polls every `pollMs`;
 * - one run at a time: `syncNow()` during a run waits for that run, then runs once more;
 * - `epoch-retired` moves the unacknowledged rows to a new epoch and pushes again (push.ts);
 * - a `400 bad-request` batch is halved until the refused row is alone, then that row is parked
 *   (push.ts); a `401`/revoked device stops retrying until `syncNow()` or a restart;
 * - a device token older than `tokenMaxAgeMs` is rotated at the start of a run (credentials.ts);
 * - `on('status', fn)` is called after every run and on start/stop, with `status()`.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { createProgress, type Progress } from '../common/progress';
import type { DataKey } from '../core/crypto';
import type { WritableDB } from '../core/store/db';
import { backoffDelay } from './backoff';
import type { CloudClient } from './cloud-client';
import { rotateToken, type Credentials } from './credentials';
import type { SyncHttpError } from './http-client';
import { MAX_PULL_LIMIT, MAX_PUSH_BATCH } from './protocol';
import { pullAll, type BulkProgress } from './pull';
import { adoptPermanentMemberIds } from './member-ids';
import { heartbeatOf, sendHeartbeat, type HostHealth } from './heartbeat';
import { pushOnce } from './push';
import {
  queueFacts,
  recordError,
  recordSuccess,
  storedOutcome,
  type FirstSyncProgress,
  type SyncConnectivity,
  type SyncStatus,
} from './status';

/** A run that keeps hitting `epoch-retired` after this many fresh epochs backs off instead. */
const MAX_EPOCH_MOVES_PER_RUN = 3;

export interface SyncEngineOptions {
  db: WritableDB;
  key: DataKey;
  client: CloudClient;
  /** Current credentials (re-read every run, so a rotation or re-enrollment takes effect). */
  credentials: () => Credentials | null;
  clock?: () => Date;
  log?: Logger;
  random?: () => number;
  /** Poll interval after a successful run; default 30 s. */
  pollMs?: number;
  /** Rows per pull page; default the protocol maximum (fewer round trips on a first sync). */
  pullLimit?: number;
  /** Skip the pull phase (used by drain-only drivers). */
  pushOnly?: boolean;
  /** Rotate the device token during a run once it is this old; default 30 days, 0 = never. */
  tokenMaxAgeMs?: number;
  /** Also told of every big page of a snapshot (the CLI draws its progress from it). */
  onBulkProgress?: (progress: BulkProgress) => void;
  /** The host's part of the heartbeat sent after every run (none sent without it). */
  heartbeat?: () => HostHealth;
}

export const DEFAULT_TOKEN_MAX_AGE_MS = 30 * 24 * 3600_000;

export interface RunReport {
  ok: boolean;
  pushed: number;
  pulledRows: number;
  error: SyncHttpError | null;
}

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Runs push then pull now; resolves with what happened. */
  syncNow(): Promise<RunReport>;
  status(): SyncStatus;
  on(event: 'status', listener: (status: SyncStatus) => void): () => void;
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const pollMs = opts.pollMs ?? 30_000;
  const log = opts.log?.child({ mod: 'sync/engine' });
  const events = new EventEmitter();
  const tokenMaxAgeMs = opts.tokenMaxAgeMs ?? DEFAULT_TOKEN_MAX_AGE_MS;
  const tokenDue = (c: Credentials) => {
    if (tokenMaxAgeMs <= 0) return false;
    const age = clock().getTime() - Date.parse(c.rotatedAt ?? c.enrolledAt);
    // an unreadable date, or one in the future (the clock jumped back), counts as old
    return !(age >= 0 && age < tokenMaxAgeMs);
  };

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunReport> | null = null;
  let started = false;
  let failures = 0;
  let batchSize = MAX_PUSH_BATCH;
  let connectivity: SyncConnectivity = 'unknown';
  let nextAttemptAt: Date | null = null;
  let refused = false;
  // The snapshot being pulled in big pages (a first sync): rate and time left for the screens.
  let firstSync: { stream: string; progress: Progress } | null = null;

  const firstSyncView = (): FirstSyncProgress | null => {
    if (!firstSync) return null;
    const p = firstSync.progress.snapshot();
    const { ratePerSecond, etaSeconds, done, total } = p;
    return { stream: firstSync.stream, done, total, ratePerSecond, etaSeconds };
  };
  const status = (): SyncStatus => ({
    connectivity,
    ...queueFacts(db, clock().getTime()),
    ...storedOutcome(db),
    nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
    firstSync: firstSyncView(),
  });
  const emit = () => events.emit('status', status());
  const onBulkProgress = (p: BulkProgress) => {
    opts.onBulkProgress?.(p);
    if (firstSync?.stream !== p.stream) {
      const progress = createProgress({
        task: `sync ${p.stream}`,
        unit: 'rows',
        total: p.total,
        alreadyDone: p.resumedFrom,
        now: () => clock().getTime(),
        minIntervalMs: 1000,
        onUpdate: emit,
      });
      firstSync = { stream: p.stream, progress };
    }
    firstSync.progress.update(p.done, p.total);
    if (p.finished) {
      log?.info({ stream: p.stream, rows: p.done }, 'snapshot pulled in big pages');
      firstSync = null;
    }
  };

  const schedule = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!started) return;
    nextAttemptAt = new Date(clock().getTime() + delayMs);
    timer = setTimeout(() => {
      timer = null;
      void syncNow();
    }, delayMs);
    timer.unref?.();
  };

  const fail = (error: SyncHttpError, pushed: number, pulledRows: number): RunReport => {
    failures++;
    recordError(db, error, clock());
    if (error.kind === 'unauthorized') {
      connectivity = 'refused';
      refused = true;
    } else if (error.kind === 'offline' || error.kind === 'timeout' || error.kind === 'tls')
      connectivity = 'offline';
    else connectivity = 'online';
    log?.warn({ kind: error.kind, code: error.code, failures }, error.message);
    return { ok: false, pushed, pulledRows, error };
  };

  const runOnce = async (): Promise<RunReport> => {
    let creds = opts.credentials();
    if (creds && tokenDue(creds)) {
      // rotateToken stores the new token before returning it; the cloud keeps the old one valid
      // until the new one is first used, so a crash anywhere here cannot lock the kiosk out.
      const rotated = await rotateToken(db, opts.key, opts.client, clock);
      if (rotated.ok) {
        creds = rotated.value;
        log?.info('device token rotated');
      } else if (rotated.error.kind === 'unauthorized') return fail(rotated.error, 0, 0);
      else log?.warn({ kind: rotated.error.kind }, 'token rotation failed; next run retries');
    }
    if (!creds) {
      connectivity = 'not-enrolled';
      return {
        ok: false,
        pushed: 0,
        pulledRows: 0,
        error: { kind: 'unauthorized', message: 'not enrolled' },
      };
    }
    let pushed = 0;
    let epochMoves = 0;
    for (;;) {
      const step = await pushOnce({
        db,
        client: opts.client,
        token: creds.token,
        deviceId: creds.deviceId,
        now: clock,
        batchSize,
        key: opts.key,
      });
      if (step.kind === 'idle') break;
      if (step.kind === 'failed') {
        if (step.error.code === 'bad-request' && step.count > 1) {
          batchSize = Math.max(1, Math.floor(step.count / 2));
          continue; // isolate the refused row without waiting
        }
        if (step.error.code === 'seq-gap') continue; // rewound to the server's lastSeq
        // moved to a fresh epoch (restored database): resend at once, a bounded number of times
        if (step.newEpoch !== undefined && ++epochMoves <= MAX_EPOCH_MOVES_PER_RUN) {
          log?.warn({ epoch: step.newEpoch }, 'epoch retired by the cloud; moved to a new epoch');
          continue;
        }
        return fail(step.error, pushed, 0);
      }
      pushed += step.count;
      if (step.count === batchSize && batchSize < MAX_PUSH_BATCH)
        batchSize = Math.min(MAX_PUSH_BATCH, batchSize * 2);
      if (step.applied.rejected + step.applied.parked > 0)
        log?.warn(
          { rejected: step.applied.rejected, parked: step.applied.parked },
          'cloud rejected mutations',
        );
    }
    // members confirmed by this push: local rows move from PRV-… to the permanent id
    const adopted = adoptPermanentMemberIds(db, opts.key);
    if (adopted > 0) log?.info({ adopted }, 'provisional members moved to their permanent ids');
    let pulledRows = 0;
    if (!opts.pushOnly) {
      const pulled = await pullAll({
        db,
        key: opts.key,
        client: opts.client,
        token: creds.token,
        now: clock,
        limit: opts.pullLimit ?? MAX_PULL_LIMIT,
        onBulkProgress,
      });
      firstSync = null;
      const done = pulled.ok ? pulled.value : pulled.done;
      pulledRows = done.reduce((n, s) => n + s.rows, 0);
      if (!pulled.ok) return fail(pulled.error, pushed, pulledRows);
    }
    failures = 0;
    refused = false;
    connectivity = 'online';
    recordSuccess(db, clock());
    return { ok: true, pushed, pulledRows, error: null };
  };

  /** The heartbeat after a run, unless the cloud is unreachable or refused this kiosk. */
  const reportHealth = () => {
    const host = opts.heartbeat;
    const creds = opts.credentials();
    if (!host || !creds || connectivity === 'offline' || refused) return;
    void (async () => {
      try {
        await sendHeartbeat(
          opts.client,
          creds.token,
          heartbeatOf(db, creds.deviceId, host(), clock()),
        );
      } catch (error) {
        log?.debug({ err: error }, 'heartbeat not sent');
      }
    })();
  };

  const syncNow = async (): Promise<RunReport> => {
    while (running) await running.catch(() => undefined);
    refused = false;
    running = runOnce();
    let report: RunReport;
    try {
      report = await running;
    } catch (error) {
      // A bug or a disk error: log once, keep the loop alive with backoff.
      log?.error({ err: error }, 'sync run failed');
      report = fail({ kind: 'bad-answer', message: String(error) }, 0, 0);
    } finally {
      running = null;
    }
    if (report.ok) schedule(pollMs);
    else if (!refused && connectivity !== 'not-enrolled')
      schedule(backoffDelay(failures, random, report.error?.retryAfterMs));
    else nextAttemptAt = null;
    emit();
    reportHealth();
    return report;
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
      emit();
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      nextAttemptAt = null;
      emit();
    },
    syncNow,
    status,
    on(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
  };
}
