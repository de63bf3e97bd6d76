/**
 * An ESC/POS receipt printer on a serial line. Jobs go through the job ledger, so a job id is sent
 * at most once; status is polled with DLE EOT 1..4 every `statusPollMs`, after every job and on
 * demand, and surfaced in the snapshot: paper out, cover open or a printer error make the state
 * `error`; paper near end is a `warning`.
 *
 * Guarantees: writes (jobs and status requests) never interleave; a job refused before sending
 * (printer not ready, paper out, cover open) is not recorded, so the same job id can be retried
 * once the printer is fixed; a job that reached the printer, or whose send failed or timed out,
 * keeps its outcome and is never sent again.
 */
import { Emitter } from '../emitter';
import {
  PrintJobLedger,
  memoryJobStorage,
  type JobOutcome,
  type PrintJobStorage,
} from '../printer/jobs';
import { StatusPoll, type PrinterStatus } from '../printer/status';
import type { SerialLineDevice } from '../serial/serial-line-device';
import type { Driver, DriverEvents, ManagedSnapshot } from './driver';

export interface ReceiptPrinterOptions {
  id: string;
  statusPollMs?: number;
  /** How long a status reply may take (ms). */
  statusTimeoutMs?: number;
  /** How long a job may take to be accepted (ms). */
  jobTimeoutMs?: number;
  storage?: PrintJobStorage;
}

export function printerProblem(status: PrinterStatus | null): string | null {
  if (status === null) return null;
  if (status.paperOut) return 'paper out';
  if (status.coverOpen) return 'cover open';
  if (status.error) return 'printer error';
  if (!status.online) return 'offline';
  return null;
}

export class ReceiptPrinter extends Emitter<DriverEvents> implements Driver {
  private statusValue: PrinterStatus | null = null;
  private statusUnanswered = false;
  private poll: { poll: StatusPoll; done: (status: PrinterStatus | null) => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly ledger: PrintJobLedger;

  constructor(
    private readonly serial: SerialLineDevice,
    private readonly options: ReceiptPrinterOptions,
  ) {
    super();
    this.ledger = new PrintJobLedger(
      options.storage ?? memoryJobStorage(),
      (bytes) => this.exclusive(() => this.serial.write(bytes)),
      { timeoutMs: options.jobTimeoutMs ?? 30_000 },
    );
    serial.on('data', (data) => this.onBytes(data.bytes));
    serial.on('error', (fault) => this.emit('error', fault));
    serial.on('status', () => {
      if (serial.state === 'ready') void this.refreshStatus();
      this.emit('status', this.snapshot());
    });
  }

  get status(): PrinterStatus | null {
    return this.statusValue;
  }

  snapshot(): ManagedSnapshot {
    const inner = this.serial.snapshot();
    const problem = printerProblem(this.statusValue);
    const warning =
      problem ??
      (this.statusValue?.paperNearEnd ? 'paper near end' : null) ??
      (this.statusUnanswered ? 'no status reply' : null);
    return {
      ...inner,
      state: inner.state === 'ready' && problem !== null ? 'error' : inner.state,
      warning,
    };
  }

  async open(): Promise<void> {
    this.pollTimer = setInterval(
      () => void this.refreshStatus(),
      this.options.statusPollMs ?? 5000,
    );
    await this.serial.open();
  }

  async close(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.poll?.done(null);
    await this.serial.close();
  }

  /** Prints once per job id: a retry returns the first outcome instead of printing again. */
  async print(jobId: string, bytes: Uint8Array): Promise<JobOutcome> {
    if (this.ledger.get(jobId) === undefined) {
      const refused =
        this.serial.state !== 'ready'
          ? `printer is ${this.serial.state}`
          : printerProblem(this.statusValue);
      if (refused !== null) {
        return {
          status: 'failed',
          jobId,
          firstSubmit: true,
          error: { code: 'printer-error', message: `not sent: ${refused}` },
        };
      }
    }
    const outcome = await this.ledger.submit(jobId, bytes);
    if (outcome.firstSubmit) void this.refreshStatus();
    return outcome;
  }

  /** Asks the printer for its status now; null when it does not answer in time. */
  refreshStatus(): Promise<PrinterStatus | null> {
    return this.exclusive(async () => {
      if (this.serial.state !== 'ready') return null;
      const poll = new StatusPoll();
      const answered = new Promise<PrinterStatus | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), this.options.statusTimeoutMs ?? 1000);
        this.poll = {
          poll,
          done: (status) => {
            clearTimeout(timer);
            resolve(status);
          },
        };
      });
      try {
        await this.serial.write(poll.request());
      } catch {
        this.poll?.done(null);
      }
      const status = await answered;
      this.poll = null;
      this.setStatus(status);
      return status;
    });
  }

  private onBytes(bytes: Uint8Array): void {
    const current = this.poll;
    if (!current) return; // unsolicited bytes (e.g. automatic status back) are ignored
    const status = current.poll.accept(bytes);
    if (status) current.done(status);
  }

  private setStatus(status: PrinterStatus | null): void {
    const before = JSON.stringify([this.statusValue, this.statusUnanswered]);
    if (status === null) this.statusUnanswered = this.serial.state === 'ready';
    else {
      this.statusValue = status;
      this.statusUnanswered = false;
    }
    if (before === JSON.stringify([this.statusValue, this.statusUnanswered])) return;
    this.emit('printer-status', {
      deviceId: this.options.id,
      status: this.statusValue,
      at: new Date(),
    });
    this.emit('status', this.snapshot());
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
