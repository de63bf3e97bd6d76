/**
 * Our documented ASCII line protocol for serial UHF readers (docs/devices/rfid.md):
 *
 *   EPC=3074257BF7194E4000001A85;ANT=1;RSSI=-52.5\r\n
 *
 * One read per line; fields `KEY=VALUE` separated by `;`, in any order, keys case-insensitive;
 * unknown keys are ignored (room for a firmware to add TS=, PC=, ...). A line ends at CR, LF or
 * CRLF (see AsciiLineFramer). Parsing never throws: bad input is a typed error.
 */
import { EPC_MAX_BYTES, EPC_MIN_BYTES, type ParseResult, type TagRead } from './types';

export type AsciiReadErrorCode =
  | 'empty'
  | 'malformed-field'
  | 'duplicate-field'
  | 'missing-field'
  | 'bad-epc'
  | 'bad-antenna'
  | 'bad-rssi';

export type AsciiReadResult = ParseResult<TagRead, AsciiReadErrorCode>;

/** RSSI accepted range in dBm: generous, real readers report about -100..-20. */
export const RSSI_MIN_DBM = -150;
export const RSSI_MAX_DBM = 20;

const EPC_RE = /^[0-9A-Fa-f]+$/;
const ANT_RE = /^\d{1,3}$/;
const RSSI_RE = /^[+-]?\d{1,3}(?:\.\d{1,3})?$/;

function fail(code: AsciiReadErrorCode, message: string): AsciiReadResult {
  return { ok: false, error: { code, message } };
}

function toText(line: string | Uint8Array): string {
  if (typeof line === 'string') return line;
  // latin1 maps every byte to one char, so garbage stays visible in error messages.
  let text = '';
  for (let i = 0; i < line.length; i++) text += String.fromCharCode(line[i] ?? 0);
  return text;
}

/** Parses one line (with or without its terminator) into a read. */
export function parseAsciiRead(line: string | Uint8Array): AsciiReadResult {
  const text = toText(line).trim();
  if (text.length === 0) return fail('empty', 'empty line');
  const fields = new Map<string, string>();
  for (const rawField of text.split(';')) {
    const field = rawField.trim();
    if (field.length === 0) continue;
    const eq = field.indexOf('=');
    if (eq <= 0)
      return fail('malformed-field', `field without KEY=VALUE: ${JSON.stringify(field)}`);
    const key = field.slice(0, eq).trim().toUpperCase();
    const value = field.slice(eq + 1).trim();
    if (fields.has(key)) return fail('duplicate-field', `field ${key} appears twice`);
    fields.set(key, value);
  }
  const epc = fields.get('EPC');
  const ant = fields.get('ANT');
  const rssi = fields.get('RSSI');
  if (epc === undefined || ant === undefined || rssi === undefined) {
    const missing = [
      epc === undefined ? 'EPC' : null,
      ant === undefined ? 'ANT' : null,
      rssi === undefined ? 'RSSI' : null,
    ].filter((k): k is string => k !== null);
    return fail('missing-field', `missing ${missing.join(', ')}`);
  }
  if (
    !EPC_RE.test(epc) ||
    epc.length % 4 !== 0 ||
    epc.length < EPC_MIN_BYTES * 2 ||
    epc.length > EPC_MAX_BYTES * 2
  ) {
    return fail(
      'bad-epc',
      `EPC must be 4..124 hex digits in whole 16-bit words: ${JSON.stringify(epc)}`,
    );
  }
  const antenna = ANT_RE.test(ant) ? Number(ant) : NaN;
  if (!(antenna >= 1 && antenna <= 255)) {
    return fail('bad-antenna', `ANT must be an integer 1..255: ${JSON.stringify(ant)}`);
  }
  const dbm = RSSI_RE.test(rssi) ? Number(rssi) : NaN;
  if (!(dbm >= RSSI_MIN_DBM && dbm <= RSSI_MAX_DBM)) {
    return fail(
      'bad-rssi',
      `RSSI must be dBm in ${RSSI_MIN_DBM}..${RSSI_MAX_DBM}: ${JSON.stringify(rssi)}`,
    );
  }
  return { ok: true, value: { epc: epc.toUpperCase(), antenna, rssi: dbm } };
}

/** Formats a read the way our reader firmware (and the simulator) sends it, CRLF-terminated. */
export function formatAsciiRead(read: TagRead): string {
  const rssi = Math.round(read.rssi * 10) / 10;
  return `EPC=${read.epc.toUpperCase()};ANT=${read.antenna};RSSI=${rssi.toFixed(1)}\r\n`;
}
