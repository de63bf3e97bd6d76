/**
 * Writes bytes into a tty at a given baud rate, one byte every 10 bits' time (8N1), the way a real
 * serial line delivers them. A pty ignores the baud rate, so benchmarks use this to measure
 * latency against a line's own transmission time. The pacing runs in a worker thread that spins
 * between bytes (timers are far too coarse at 115200 baud), so the reader's event loop stays free.
 */
import { Worker } from 'node:worker_threads';

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const fd = fs.openSync(workerData.path, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
const now = () => performance.timeOrigin + performance.now();
parentPort.on('message', (job) => {
  if (job === 'close') { fs.closeSync(fd); process.exit(0); }
  const bytes = Buffer.from(job.bytes);
  const byteMs = 10_000 / job.baud;
  // As on a UART, byte i is complete (and handed over) when its 10th bit ends: (i + 1) byte times
  // after the first start bit went on the wire.
  const first = now();
  for (let i = 0; i < bytes.length; i++) {
    const due = first + (i + 1) * byteMs;
    while (now() < due) { /* spin: sub-millisecond pacing */ }
    fs.writeSync(fd, bytes, i, 1);
  }
  parentPort.postMessage({ first, last: now() });
});
`;

export interface PacedSend {
  /** When the first byte's start bit went on the wire (performance.timeOrigin + now()). */
  first: number;
  /** When the last byte was handed to the pty. */
  last: number;
}

export class PacedWriter {
  private readonly worker: Worker;
  private pending: ((result: PacedSend) => void) | null = null;

  constructor(path: string) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { path } });
    this.worker.on('message', (result: PacedSend) => {
      const resolve = this.pending;
      this.pending = null;
      resolve?.(result);
    });
  }

  /** Sends `bytes` at `baud` (10 bits per byte); resolves once the last byte is written. */
  send(bytes: Uint8Array, baud: number): Promise<PacedSend> {
    if (this.pending) return Promise.reject(new Error('one paced send at a time'));
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage({ bytes: Uint8Array.from(bytes), baud });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }
}

/** Milliseconds a line needs to carry `byteCount` bytes at `baud` (8N1: 10 bits per byte). */
export function transmissionMs(byteCount: number, baud: number): number {
  return (byteCount * 10 * 1000) / baud;
}
