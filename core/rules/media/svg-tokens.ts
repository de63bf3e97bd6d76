/**
 * A small, strict XML tokenizer for SVG files: start tags with attributes, end tags, text,
 * comments, the XML declaration and a DOCTYPE without an internal subset. Anything else XML allows
 * (CDATA, processing instructions, entity declarations, entities other than the five predefined
 * ones and character references) is refused, so the sanitiser never has to reason about them.
 * Refusals are `SvgRefusal` with a reason a person can act on. Never recursive, never throws other
 * errors.
 */

export class SvgRefusal extends Error {
  readonly code = 'svg-refused';
}

export type SvgToken =
  | { kind: 'open'; name: string; attrs: Array<[string, string]>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces the predefined entities and character references; refuses any other entity. */
export function unescapeXml(text: string): string {
  return text.replace(/&([^;&\s]{0,12});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new SvgRefusal(`a bare "&" (write &amp;)`);
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(body)
      ? Number.parseInt(body.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(body)
        ? Number.parseInt(body.slice(1), 10)
        : NaN;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new SvgRefusal(`the entity &${body.slice(0, 12)}; is not allowed`);
    return String.fromCodePoint(code);
  });
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  skipSpace(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }
  name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) throw new SvgRefusal(`malformed ${what} at offset ${this.pos}`);
    this.pos = NAME.lastIndex;
    return m[0];
  }
  until(end: string, what: string): string {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) throw new SvgRefusal(`${what} is never closed`);
    const body = this.text.slice(this.pos, at);
    this.pos = at + end.length;
    return body;
  }
}

function readAttributes(c: Cursor): { attrs: Array<[string, string]>; selfClosing: boolean } {
  const attrs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (;;) {
    const before = c.pos;
    c.skipSpace();
    if (c.startsWith('/>')) {
      c.pos += 2;
      return { attrs, selfClosing: true };
    }
    if (c.startsWith('>')) {
      c.pos += 1;
      return { attrs, selfClosing: false };
    }
    if (c.pos === before) throw new SvgRefusal(`malformed tag at offset ${c.pos}`);
    const name = c.name('attribute');
    c.skipSpace();
    if (!c.startsWith('=')) throw new SvgRefusal(`attribute ${name} has no value`);
    c.pos += 1;
    c.skipSpace();
    const quote = c.text[c.pos];
    if (quote !== '"' && quote !== "'") throw new SvgRefusal(`attribute ${name} is not quoted`);
    c.pos += 1;
    const raw = c.until(quote, `the value of ${name}`);
    if (raw.includes('<')) throw new SvgRefusal(`attribute ${name} contains "<"`);
    if (seen.has(name)) throw new SvgRefusal(`attribute ${name} appears twice`);
    seen.add(name);
    attrs.push([name, unescapeXml(raw)]);
  }
}

/** Where the text has a character XML 1.0 does not allow (C0 controls but tab/LF/CR, U+FFFE/F). */
function firstForbiddenChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code >= 0xfffe) return i;
  }
  return -1;
}

/** Tokens of the whole document; refuses what the sanitiser will not reason about. */
export function tokenizeSvg(text: string): SvgToken[] {
  // a character XML forbids would make our output a broken image instead of a refusal here
  const at = firstForbiddenChar(text);
  if (at >= 0) {
    const code = (text.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new SvgRefusal(`a character XML does not allow (U+${code}) at offset ${at}`);
  }
  const c = new Cursor(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const tokens: SvgToken[] = [];
  while (c.pos < c.text.length) {
    if (c.startsWith('<!--')) {
      c.pos += 4;
      c.until('-->', 'a comment');
    } else if (c.startsWith('<?')) {
      if (c.pos !== 0 || !/^<\?xml[ \t\r\n]/.test(c.text))
        throw new SvgRefusal('processing instructions (e.g. xml-stylesheet) are not allowed');
      c.until('?>', 'the XML declaration');
    } else if (c.startsWith('<!DOCTYPE')) {
      c.pos += '<!DOCTYPE'.length;
      const body = c.until('>', 'the DOCTYPE');
      if (body.includes('[') || body.includes('<'))
        throw new SvgRefusal('a DOCTYPE with declarations (entities) is not allowed');
    } else if (c.startsWith('<![CDATA[')) {
      throw new SvgRefusal('CDATA sections are not allowed');
    } else if (c.startsWith('<!')) {
      throw new SvgRefusal('markup declarations are not allowed');
    } else if (c.startsWith('</')) {
      c.pos += 2;
      const name = c.name('end tag');
      c.skipSpace();
      if (!c.startsWith('>')) throw new SvgRefusal(`malformed end tag </${name}`);
      c.pos += 1;
      tokens.push({ kind: 'close', name });
    } else if (c.startsWith('<')) {
      c.pos += 1;
      const name = c.name('tag');
      tokens.push({ kind: 'open', name, ...readAttributes(c) });
    } else {
      const next = c.text.indexOf('<', c.pos);
      const raw = c.text.slice(c.pos, next < 0 ? c.text.length : next);
      c.pos += raw.length;
      if (raw.includes('>') && raw.includes(']]>')) throw new SvgRefusal('a stray "]]>"');
      tokens.push({ kind: 'text', text: unescapeXml(raw) });
    }
  }
  return tokens;
}
