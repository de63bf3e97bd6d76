import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit order at every depth, no whitespace,
 * `undefined` members dropped, arrays in order, numbers and strings as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Page checksum: lowercase hex SHA-256 of the UTF-8 canonical JSON of the `rows` array. */
export function pageChecksum(rows: readonly unknown[]): string {
  return createHash('sha256').update(canonicalJson(rows), 'utf8').digest('hex');
}
