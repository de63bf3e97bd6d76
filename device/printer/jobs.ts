/**
 * The print-job ledger: every job has an id, and `submit(jobId, bytes)` is idempotent, so a retry
 * after a timeout never prints twice. States: queued → sending → printed | failed.
 *
 * Guarantees:
 * - A job id that reached `printed` or `failed` is never sent again; `submit` returns the first
 *   outcome. A reprint is a deliberate new job with its own id.
 * - A second `submit` while the first is in flight in this process returns the same promise.
 * - A job found in `sending` with nothing in flight (the app died mid-send) may or may not have
 *   printed: it becomes `failed` with code `interrupted` and is not resent.
 * - A job found in `queued` (died before sending) is sent.
 * The state machine (`nextState`) is pure; the ledger writes every transition to the injected
 * storage before acting on it, so the record on disk is never behind the printer. A storage
 * failure rejects the returned promise; a bad job id resolves to `failed` / `invalid-job-id`.
 */

import { z } from 'zod';

const jobErrorCodeSchema = z.enum(['printer-error', 'timeout', 'interrupted', 'invalid-job-id']);
const jobStatusSchema = z.enum(['queued', 'sending', 'printed', 'failed']);
export type JobStatus = z.output<typeof jobStatusSchema>;
export type JobErrorCode = z.output<typeof jobErrorCodeSchema>;

/** A job as its storage keeps it; what comes back off disk is parsed with this. */
export const printJobRecordSchema = z.object({
  jobId: z.string(),
  status: jobStatusSchema,
  byteLength: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  error: z.object({ code: jobErrorCodeSchema, message: z.string() }).optional(),
});
export type PrintJobRecord = z.output<typeof printJobRecordSchema>;

export type JobEvent =
  { type: 'send' } | { type: 'sent' } | { type: 'fail'; code: JobErrorCode; message: string };

/** Storage the lead backs with SQLite; `put` must be durable before it returns. */
export interface PrintJobStorage {
  get(jobId: string): PrintJobRecord | undefined;
  put(jobId: string, record: PrintJobRecord): void;
}

/** Writes the bytes to the printer; resolves once they are accepted, rejects on a printer error. */
export type PrintSender = (bytes: Uint8Array) => Promise<void>;

export class JobTransitionError extends Error {
  readonly code = 'bad-transition';
}

/** The pure transition function; an illegal event is an error result, never a silent change. */
export function nextState(
  record: PrintJobRecord,
  event: JobEvent,
  now: number,
): PrintJobRecord | JobTransitionError {
  const to = (status: JobStatus, error?: PrintJobRecord['error']): PrintJobRecord => {
    const next: PrintJobRecord = { ...record, status, updatedAt: now };
    if (error) next.error = error;
    return next;
  };
  if (record.status === 'queued' && event.type === 'send') return to('sending');
  if (record.status === 'sending' && event.type === 'sent') return to('printed');
  if ((record.status === 'sending' || record.status === 'queued') && event.type === 'fail') {
    return to('failed', { code: event.code, message: event.message });
  }
  return new JobTransitionError(`cannot ${event.type} a ${record.status} job`);
}

export type JobOutcome =
  | { status: 'printed'; jobId: string; firstSubmit: boolean }
  | {
      status: 'failed';
      jobId: string;
      firstSubmit: boolean;
      error: { code: JobErrorCode; message: string };
    };

function isValidJobId(jobId: string): boolean {
  return typeof jobId === 'string' && jobId.length > 0 && jobId.length <= 200;
}

export class PrintJobLedger {
  private readonly inFlight = new Map<string, Promise<JobOutcome>>();

  constructor(
    private readonly storage: PrintJobStorage,
    private readonly send: PrintSender,
    private readonly options: { timeoutMs?: number; now?: () => number } = {},
  ) {}

  submit(jobId: string, bytes: Uint8Array): Promise<JobOutcome> {
    if (!isValidJobId(jobId)) {
      const error = {
        code: 'invalid-job-id' as const,
        message: 'jobId must be a non-empty string of at most 200 characters',
      };
      return Promise.resolve({ status: 'failed', jobId: String(jobId), firstSubmit: true, error });
    }
    const running = this.inFlight.get(jobId);
    if (running) return running.then((o) => ({ ...o, firstSubmit: false }));
    const existing = this.storage.get(jobId);
    if (existing?.status === 'printed' || existing?.status === 'failed')
      return Promise.resolve(this.outcome(existing, false));
    if (existing?.status === 'sending') {
      const message = 'the app stopped while this job was being sent; it may have printed';
      return new Promise((resolve) =>
        resolve(
          this.outcome(this.apply(existing, { type: 'fail', code: 'interrupted', message }), false),
        ),
      );
    }
    const promise = this.run(() => existing ?? this.create(jobId, bytes), bytes).finally(() =>
      this.inFlight.delete(jobId),
    );
    this.inFlight.set(jobId, promise);
    return promise;
  }

  get(jobId: string): PrintJobRecord | undefined {
    return this.storage.get(jobId);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private create(jobId: string, bytes: Uint8Array): PrintJobRecord {
    const now = this.now();
    const record: PrintJobRecord = {
      jobId,
      status: 'queued',
      byteLength: bytes.length,
      createdAt: now,
      updatedAt: now,
    };
    this.storage.put(jobId, record);
    return record;
  }

  private apply(record: PrintJobRecord, event: JobEvent): PrintJobRecord {
    const next = nextState(record, event, this.now());
    if (next instanceof JobTransitionError) throw next; // unreachable by construction; a bug if seen
    this.storage.put(record.jobId, next);
    return next;
  }

  private async run(load: () => PrintJobRecord, bytes: Uint8Array): Promise<JobOutcome> {
    const sending = this.apply(load(), { type: 'send' });
    try {
      await this.withTimeout(this.send(bytes));
      return this.outcome(this.apply(sending, { type: 'sent' }), true);
    } catch (err: unknown) {
      const timeout = err instanceof SendTimeout;
      const message = err instanceof Error ? err.message : String(err);
      return this.outcome(
        this.apply(sending, { type: 'fail', code: timeout ? 'timeout' : 'printer-error', message }),
        true,
      );
    }
  }

  private withTimeout(p: Promise<void>): Promise<void> {
    const ms = this.options.timeoutMs;
    if (ms === undefined) return p;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new SendTimeout(`printer did not accept the job within ${ms} ms; it may still print`),
          ),
        ms,
      );
      p.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private outcome(record: PrintJobRecord, firstSubmit: boolean): JobOutcome {
    if (record.status === 'printed') return { status: 'printed', jobId: record.jobId, firstSubmit };
    return {
      status: 'failed',
      jobId: record.jobId,
      firstSubmit,
      error: record.error ?? { code: 'printer-error', message: `job is ${record.status}` },
    };
  }
}

class SendTimeout extends Error {}

/** An in-memory storage for tests and the simulator. */
export function memoryJobStorage(): PrintJobStorage & { records: Map<string, PrintJobRecord> } {
  const records = new Map<string, PrintJobRecord>();
  return {
    records,
    get: (id) => {
      const r = records.get(id);
      return r ? { ...r } : undefined;
    },
    put: (id, record) => {
      records.set(id, { ...record });
    },
  };
}
