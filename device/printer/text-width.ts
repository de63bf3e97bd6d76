/**
 * Column arithmetic for monospaced receipt fonts: CJK (wide and fullwidth) characters take two
 * columns, everything else one. Wrapping never splits a character and prefers breaking Latin text
 * at spaces.
 */

/** East Asian Wide / Fullwidth ranges that matter on a receipt (CJK, kana, Hangul, fullwidth forms). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function charWidth(ch: string): number {
  return isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Splits text into lines of at most `width` columns. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (lineWidth + w > width && line.length > 0) {
      // Break Latin text at the last space when there is one on the line.
      const space = line.lastIndexOf(' ');
      if (ch !== ' ' && space > 0 && w === 1) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1);
      } else {
        lines.push(line);
        line = '';
      }
      lineWidth = displayWidth(line);
      if (ch === ' ' && line === '') continue;
    }
    line += ch;
    lineWidth += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.trimEnd());
}

export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * `left` and `right` on one line, `right` flush right. If they do not fit, `left` wraps and `right`
 * goes on the last line when it fits there, else on its own line.
 */
export function twoColumns(left: string, right: string, width: number): string[] {
  const rightWidth = displayWidth(right);
  if (rightWidth >= width) return [...wrap(left, width), ...wrap(right, width)];
  const lines = wrap(left, width);
  const last = lines[lines.length - 1] ?? '';
  if (displayWidth(last) + 1 + rightWidth <= width) {
    lines[lines.length - 1] = padEndTo(last, width - rightWidth) + right;
  } else {
    lines.push(padStartTo(right, width));
  }
  return lines;
}
