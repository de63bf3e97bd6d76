/**
 * What a file is, from its first bytes, never from its name: a PNG named `.jpg` is a PNG, an HTML
 * page named `.svg` is HTML (and refused).
 */
import type { MediaType } from './types';

export type Sniffed = MediaType | 'html' | 'unknown';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Enough to read past an editor's XML declaration, DOCTYPE and a licence comment. */
const SNIFF_BYTES = 64 * 1024;

/** The first markup of a text file, past a BOM, whitespace, the XML declaration and comments. */
function firstMarkup(bytes: Uint8Array): string | null {
  let text: string;
  try {
    // streaming: a multi-byte character cut at the end of the window is fine, bad UTF-8 is not
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, SNIFF_BYTES), {
      stream: true,
    });
  } catch {
    return null;
  }
  const after = (s: string, end: string) => {
    const at = s.indexOf(end);
    return at < 0 ? '' : s.slice(at + end.length);
  };
  let rest = text.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?xml')) rest = after(rest, '?>');
    else if (rest.startsWith('<!--')) rest = after(rest, '-->');
    else if (/^<!DOCTYPE\s+svg\b/.test(rest)) rest = after(rest, '>');
    else return rest.slice(0, 64);
  }
}

export function sniffMedia(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  const markup = firstMarkup(bytes);
  if (markup === null) return 'unknown';
  if (/^<svg[\s>/]/.test(markup)) return 'image/svg+xml';
  if (/^<(!doctype\s+html|html|head|body|script|div|p|a)[\s>/]/i.test(markup)) return 'html';
  return 'unknown';
}
