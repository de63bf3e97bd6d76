/**
 * Rotating log files under `<dataDir>/logs`: `kiosk.log` is the live file; when a write would take
 * it past `maxBytes` it becomes `kiosk.1.log`, older ones shift up, and only `keep` old files are
 * kept. Writes are synchronous so the last line before a crash (and the relaunch) is on disk.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export interface RotationLimits {
  maxBytes: number;
  /** Rotated files kept besides the live one. */
  keep: number;
}

export const defaultRotation: RotationLimits = { maxBytes: 10 * 1024 * 1024, keep: 5 };

/** Rotate before writing when the file is not empty and the write would pass the cap. */
export function shouldRotate(
  currentBytes: number,
  incomingBytes: number,
  limits: RotationLimits,
): boolean {
  return currentBytes > 0 && currentBytes + incomingBytes > limits.maxBytes;
}

export function rotatedName(base: string, index: number): string {
  if (index === 0) return base;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? `${base.slice(0, dot)}.${index}${base.slice(dot)}` : `${base}.${index}`;
}

/** The file operations of one rotation, oldest first, so no rename overwrites a kept file. */
export function rotationSteps(
  base: string,
  keep: number,
): Array<{ op: 'delete'; file: string } | { op: 'rename'; from: string; to: string }> {
  const steps: Array<{ op: 'delete'; file: string } | { op: 'rename'; from: string; to: string }> =
    [{ op: 'delete', file: rotatedName(base, keep) }];
  for (let index = keep - 1; index >= 0; index -= 1) {
    steps.push({ op: 'rename', from: rotatedName(base, index), to: rotatedName(base, index + 1) });
  }
  if (keep === 0) steps.push({ op: 'delete', file: base });
  return steps;
}

/** A pino destination that writes to `<dir>/<base>` and rotates by size. */
export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    private readonly dir: string,
    private readonly base = 'kiosk.log',
    private readonly limits: RotationLimits = defaultRotation,
  ) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, base), 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk);
    if (shouldRotate(this.size, bytes, this.limits)) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    for (const step of rotationSteps(this.base, this.limits.keep)) {
      if (step.op === 'delete') rmSync(join(this.dir, step.file), { force: true });
      else {
        try {
          renameSync(join(this.dir, step.from), join(this.dir, step.to));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    }
    this.fd = openSync(join(this.dir, this.base), 'a');
    this.size = 0;
  }
}

/** The shell's logger: the same JSON lines and redaction as the host's, into rotating files. */
export function createShellLogger(
  dataDir: string,
  level = process.env.KIOSK_LOG_LEVEL ?? 'info',
  limits = defaultRotation,
): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.number', '*.track', '*.raw', '*.pin', '*.paymentCode', '*.badge'],
        censor: '[redacted]',
      },
    },
    new RotatingFile(join(dataDir, 'logs'), 'kiosk.log', limits),
  );
}
