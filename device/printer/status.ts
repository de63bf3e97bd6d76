/**
 * Real-time status via DLE EOT n (Epson ESC/POS): the host sends 10 04 n, the printer answers one
 * byte even when offline or out of paper. Every reply has fixed bits (bit 1 and bit 4 set, bits 0
 * and 7 clear), which is how a status byte is told apart from noise. Parsing never throws.
 */
import type { Result } from '../../common/result';
import { DLE, EOT } from './escpos-commands';

export type StatusKind = 1 | 2 | 3 | 4;

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** Any error: offline-cause error bit, mechanical, autocutter, (auto-)recoverable or unrecoverable. */
  error: boolean;
  /** Drawer kick-out connector pin 3 level; its meaning (open or closed) depends on the drawer. */
  drawerSignalHigh: boolean;
}

export type StatusFields =
  | { kind: 1; drawerSignalHigh: boolean; offline: boolean }
  | { kind: 2; coverOpen: boolean; feedButton: boolean; paperEndStop: boolean; error: boolean }
  | {
      kind: 3;
      mechanicalError: boolean;
      autocutterError: boolean;
      unrecoverableError: boolean;
      autoRecoverableError: boolean;
    }
  | { kind: 4; paperNearEnd: boolean; paperOut: boolean };

export type StatusResult = Result<StatusFields, 'bad-kind' | 'bad-fixed-bits'>;

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

export function statusRequest(kind: StatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, kind);
}

/** True when `byte` has the fixed bits every DLE EOT reply carries. */
export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

export function parseStatusByte(kind: number, byte: number): StatusResult {
  if (!isStatusByte(byte)) {
    return {
      ok: false,
      error: {
        code: 'bad-fixed-bits',
        message: `0x${(byte & 0xff).toString(16)} is not a DLE EOT reply`,
      },
    };
  }
  const bit = (n: number): boolean => (byte & (1 << n)) !== 0;
  switch (kind) {
    case 1:
      return { ok: true, value: { kind: 1, drawerSignalHigh: bit(2), offline: bit(3) } };
    case 2:
      return {
        ok: true,
        value: {
          kind: 2,
          coverOpen: bit(2),
          feedButton: bit(3),
          paperEndStop: bit(5),
          error: bit(6),
        },
      };
    case 3:
      return {
        ok: true,
        value: {
          kind: 3,
          mechanicalError: bit(2),
          autocutterError: bit(3),
          unrecoverableError: bit(5),
          autoRecoverableError: bit(6),
        },
      };
    case 4:
      // The spec sets both bits of a pair; some clones set one, so either counts.
      return {
        ok: true,
        value: { kind: 4, paperNearEnd: bit(2) || bit(3), paperOut: bit(5) || bit(6) },
      };
    default:
      return {
        ok: false,
        error: { code: 'bad-kind', message: `DLE EOT n must be 1..4, got ${kind}` },
      };
  }
}

/** Folds the four replies into one status. */
export function combineStatus(
  s1: StatusFields & { kind: 1 },
  s2: StatusFields & { kind: 2 },
  s3: StatusFields & { kind: 3 },
  s4: StatusFields & { kind: 4 },
): PrinterStatus {
  return {
    online: !s1.offline,
    coverOpen: s2.coverOpen,
    paperNearEnd: s4.paperNearEnd,
    paperOut: s4.paperOut || s2.paperEndStop,
    error:
      s2.error ||
      s3.mechanicalError ||
      s3.autocutterError ||
      s3.unrecoverableError ||
      s3.autoRecoverableError,
    drawerSignalHigh: s1.drawerSignalHigh,
  };
}

/**
 * One status poll: send `request()` (four DLE EOT requests), then feed reply bytes to `accept`.
 * Replies come back in request order; a byte without the fixed bits is skipped (noise, or an
 * unsolicited byte) and counted. After the fourth good reply `accept` returns the status.
 */
export class StatusPoll {
  private readonly replies: StatusFields[] = [];
  private skipped = 0;

  request(): Uint8Array {
    return Uint8Array.of(
      ...statusRequest(1),
      ...statusRequest(2),
      ...statusRequest(3),
      ...statusRequest(4),
    );
  }

  get skippedBytes(): number {
    return this.skipped;
  }

  accept(chunk: Uint8Array): PrinterStatus | null {
    for (const byte of chunk) {
      if (this.replies.length === 4) break;
      const parsed = parseStatusByte(this.replies.length + 1, byte);
      if (parsed.ok) this.replies.push(parsed.value);
      else this.skipped++;
    }
    const [s1, s2, s3, s4] = this.replies;
    if (s1?.kind === 1 && s2?.kind === 2 && s3?.kind === 3 && s4?.kind === 4)
      return combineStatus(s1, s2, s3, s4);
    return null;
  }
}

/** Encodes a status as the four reply bytes a printer would send (for the simulator). */
export function encodeStatusReplies(status: PrinterStatus): Uint8Array {
  const b = (bits: Array<[number, boolean]>): number =>
    bits.reduce((acc, [n, on]) => (on ? acc | (1 << n) : acc), FIXED_VALUE);
  return Uint8Array.of(
    b([
      [2, status.drawerSignalHigh],
      [3, !status.online],
    ]),
    b([
      [2, status.coverOpen],
      [5, status.paperOut],
      [6, status.error],
    ]),
    b([[6, status.error]]),
    b([
      [2, status.paperNearEnd],
      [3, status.paperNearEnd],
      [5, status.paperOut],
      [6, status.paperOut],
    ]),
  );
}
