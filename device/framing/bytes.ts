/** Byte helpers shared by the framers: option parsing and whitespace tests. */

/** Strings are taken byte for byte (latin1), as scanner manuals write "\r" or "\x02". */
export function toBytes(value: Uint8Array | string): Uint8Array {
  if (typeof value === 'string') {
    const out = new Uint8Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value.charCodeAt(i) & 0xff;
    return out;
  }
  return Uint8Array.from(value);
}

/** True for SP, HT, CR, LF, VT, FF and NUL: what a frame may hold and still carry no data. */
export function isBlank(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0x00;
}

export function allBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!isBlank(b)) return false;
  return true;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** True when `needle` occupies `haystack[0..end)` ending exactly at `end`. */
export function endsAt(haystack: Uint8Array, end: number, needle: Uint8Array): boolean {
  const start = end - needle.length;
  if (start < 0) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) return false;
  return true;
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
