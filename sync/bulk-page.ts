/**
 * Reads a bulk pull page (sync/protocol/bulk-pull.ts) off the wire: the header line checked by its
 * schema, the SHA-256 of the row bytes compared with the header's, the row lines counted and each
 * row's shape checked by hand (the checksum covers the content). Anything else is `bad-answer`.
 */
import { createHash } from 'node:crypto';
import type { HttpResult } from './http-client';
import { BulkPageHeaderSchema, type BulkPageHeader, type StreamRow } from './protocol';

export interface BulkPage {
  header: BulkPageHeader;
  rows: StreamRow[];
}

const LF = 0x0a;
const bad = (message: string): HttpResult<never> => ({
  ok: false,
  error: { kind: 'bad-answer', message: `bulk page: ${message}` },
});

type RowData = NonNullable<StreamRow['data']>;

/** Parsed JSON that is an object is a JSON object: its values are JSON values. */
function isJsonObject(value: unknown): value is RowData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRow(line: unknown): StreamRow | null {
  if (!Array.isArray(line) || line.length !== 2) return null;
  const [key, data]: unknown[] = line;
  if (typeof key !== 'string') return null;
  if (data === null) return { key, op: 'delete', data: null };
  return isJsonObject(data) ? { key, op: 'upsert', data } : null;
}

export function readBulkPage(bytes: Buffer): HttpResult<BulkPage> {
  const end = bytes.indexOf(LF);
  const headText = (end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
  let head: unknown;
  try {
    head = JSON.parse(headText);
  } catch {
    return bad('the header line is not JSON');
  }
  const parsed = BulkPageHeaderSchema.safeParse(head);
  if (!parsed.success) return bad('the header does not match the protocol');
  const header = parsed.data;
  const body = end < 0 ? Buffer.alloc(0) : bytes.subarray(end + 1);
  if (createHash('sha256').update(body).digest('hex') !== header.checksum)
    return bad('checksum mismatch');
  if (body.length === 0)
    return header.count === 0 ? { ok: true, value: { header, rows: [] } } : bad('count mismatch');
  let lines: unknown;
  try {
    // One parse for the whole page: the row lines become the elements of one array.
    lines = JSON.parse(`[${body.toString('utf8').replaceAll('\n', ',')}]`);
  } catch {
    return bad('a row line is not JSON');
  }
  if (!Array.isArray(lines) || lines.length !== header.count) return bad('count mismatch');
  const rows: StreamRow[] = [];
  for (const line of lines) {
    const row = toRow(line);
    if (!row) return bad('a row is not [key, data]');
    rows.push(row);
  }
  return { ok: true, value: { header, rows } };
}
