/**
 * Encoding and decoding of the R2000 "CM" commands the kiosk and the simulator use: real-time
 * inventory (0x89) and its three kinds of response (one per tag read, an end-of-round summary, an
 * error). Decoding never throws; an unexpected frame is a typed error.
 */
import { r2000Checksum, R2000_HEAD, type R2000Frame } from './r2000-framer';
import { bytesToHex, EPC_MAX_BYTES, hexToBytes, type ParseResult, type TagRead } from './types';

export const R2000_CMD = {
  reset: 0x70,
  getFirmwareVersion: 0x72,
  setWorkAntenna: 0x74,
  realTimeInventory: 0x89,
} as const;

/** The reader's "public" address that every reader answers to. */
export const R2000_BROADCAST = 0xff;

/** Reader error codes seen in inventory responses (subset; others are reported by number). */
export const R2000_ERRORS: Readonly<Record<number, string>> = {
  0x10: 'success',
  0x11: 'fail',
  0x22: 'antenna missing',
  0x36: 'no tag / inventory round ended without tags',
  0x31: 'tag inventory error',
};

/** RSSI byte: the low 7 bits are dBm + 129; 8-port readers use bit 7 for antennas 5..8. */
const RSSI_OFFSET = 129;

export type R2000Inventory =
  | { kind: 'tag'; read: TagRead; frequencyIndex: number; pc: number }
  | { kind: 'end'; antenna: number; readRate: number; totalRead: number }
  | { kind: 'reader-error'; code: number; message: string };

export type R2000DecodeErrorCode = 'not-inventory' | 'bad-length' | 'bad-epc';

function fail(
  code: R2000DecodeErrorCode,
  message: string,
): ParseResult<R2000Inventory, R2000DecodeErrorCode> {
  return { ok: false, error: { code, message } };
}

/** Builds a frame: Head, Len, Address, Cmd, Data, Check. */
export function encodeR2000Frame(
  address: number,
  command: number,
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  if (data.length > 252) throw new RangeError('R2000 frame data is at most 252 bytes');
  const out = new Uint8Array(data.length + 5);
  out[0] = R2000_HEAD;
  out[1] = data.length + 3;
  out[2] = address & 0xff;
  out[3] = command & 0xff;
  out.set(data, 4);
  out[out.length - 1] = r2000Checksum(out, 0, out.length - 1);
  return out;
}

/** The host's "start a real-time inventory round" command; `repeat` rounds (0xFF = reader default). */
export function encodeRealTimeInventoryCommand(
  address = R2000_BROADCAST,
  repeat = 0xff,
): Uint8Array {
  return encodeR2000Frame(address, R2000_CMD.realTimeInventory, Uint8Array.of(repeat & 0xff));
}

/** One tag report as a reader sends it (used by the simulator). Antenna 1..8. */
export function encodeInventoryTag(address: number, read: TagRead, frequencyIndex = 0): Uint8Array {
  const epc = hexToBytes(read.epc);
  if (epc === null || epc.length === 0 || epc.length % 2 !== 0 || epc.length > EPC_MAX_BYTES) {
    throw new RangeError(`EPC must be whole 16-bit words of hex: ${read.epc}`);
  }
  if (!Number.isInteger(read.antenna) || read.antenna < 1 || read.antenna > 8) {
    throw new RangeError('antenna must be 1..8');
  }
  const ant = read.antenna - 1;
  const rssiValue = Math.max(0, Math.min(127, Math.round(read.rssi) + RSSI_OFFSET));
  const pc = (epc.length / 2) << 11; // EPC length in words in PC bits 15..11
  const data = new Uint8Array(epc.length + 4);
  data[0] = ((frequencyIndex & 0x3f) << 2) | (ant & 0x03);
  data[1] = pc >> 8;
  data[2] = pc & 0xff;
  data.set(epc, 3);
  data[data.length - 1] = rssiValue | (ant >= 4 ? 0x80 : 0);
  return encodeR2000Frame(address, R2000_CMD.realTimeInventory, data);
}

/** End-of-round summary: antenna (1..4), read rate (reads/s), total reads. */
export function encodeInventoryEnd(
  address: number,
  antenna: number,
  readRate: number,
  totalRead: number,
): Uint8Array {
  const data = new Uint8Array(7);
  data[0] = (antenna - 1) & 0x03;
  data[1] = (readRate >> 8) & 0xff;
  data[2] = readRate & 0xff;
  new DataView(data.buffer).setUint32(3, totalRead >>> 0);
  return encodeR2000Frame(address, R2000_CMD.realTimeInventory, data);
}

export function encodeInventoryError(address: number, code: number): Uint8Array {
  return encodeR2000Frame(address, R2000_CMD.realTimeInventory, Uint8Array.of(code & 0xff));
}

/**
 * Decodes a real-time inventory (0x89) response frame. Data length tells the kind apart: 1 byte is
 * an error code, 7 bytes an end-of-round summary, otherwise FreqAnt(1) PC(2) EPC(n) RSSI(1) — an
 * EPC is whole words, so a tag report never has 7 data bytes.
 */
export function decodeRealTimeInventory(
  frame: R2000Frame,
): ParseResult<R2000Inventory, R2000DecodeErrorCode> {
  if (frame.command !== R2000_CMD.realTimeInventory) {
    return fail(
      'not-inventory',
      `command 0x${frame.command.toString(16)} is not real-time inventory`,
    );
  }
  const d = frame.data;
  if (d.length === 1) {
    const code = d[0] ?? 0;
    return {
      ok: true,
      value: {
        kind: 'reader-error',
        code,
        message: R2000_ERRORS[code] ?? `error 0x${code.toString(16)}`,
      },
    };
  }
  if (d.length === 7) {
    const readRate = ((d[1] ?? 0) << 8) | (d[2] ?? 0);
    const totalRead = new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(3);
    return {
      ok: true,
      value: { kind: 'end', antenna: ((d[0] ?? 0) & 0x03) + 1, readRate, totalRead },
    };
  }
  if (d.length < 6) return fail('bad-length', `inventory response with ${d.length} data bytes`);
  const freqAnt = d[0] ?? 0;
  const pc = ((d[1] ?? 0) << 8) | (d[2] ?? 0);
  const rssiByte = d[d.length - 1] ?? 0;
  const epcBytes = d.subarray(3, d.length - 1);
  const pcEpcBytes = (pc >> 11) * 2;
  // Some firmwares append extra words (XPC); the PC's length is authoritative when it fits.
  if (pcEpcBytes === 0 || pcEpcBytes > epcBytes.length || epcBytes.length % 2 !== 0) {
    return fail('bad-epc', `PC says ${pcEpcBytes} EPC bytes, frame carries ${epcBytes.length}`);
  }
  const antenna = (freqAnt & 0x03) + 1 + (rssiByte & 0x80 ? 4 : 0);
  return {
    ok: true,
    value: {
      kind: 'tag',
      read: {
        epc: bytesToHex(epcBytes.subarray(0, pcEpcBytes)),
        antenna,
        rssi: (rssiByte & 0x7f) - RSSI_OFFSET,
      },
      frequencyIndex: freqAnt >> 2,
      pc,
    },
  };
}
