/** One tag observation from any reader protocol, already decoded from the wire. */
import type { Result } from '../../common/result';
export interface TagRead {
  /** The EPC as uppercase hex, an even number of digits (whole 16-bit words). */
  epc: string;
  /** 1-based antenna port the read came from. */
  antenna: number;
  /** Received signal strength in dBm (negative; nearer zero is stronger). */
  rssi: number;
}

/** The one Result shape (common/result.ts), closed over a parser's error codes. */
export type ParseResult<T, C extends string> = Result<T, C>;

/** EPC bank length is counted in 16-bit words: 1..31 words (PC bits 15..11). */
export const EPC_MIN_BYTES = 2;
export const EPC_MAX_BYTES = 62;

const HEX = '0123456789ABCDEF';

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out += HEX[b >> 4]! + HEX[b & 0x0f]!;
  }
  return out;
}

/** Parses an even-length hex string; returns null on any non-hex character. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
