import { describe, expect, it } from 'vitest';
import { argvToInput, runDecode, splitStdinLines } from './cli';

describe('runDecode', () => {
  it('writes one JSON line per input and returns the failure count', () => {
    const lines: string[] = [];
    const failed = runDecode(
      ['6970001000016', 'nonsense', new TextEncoder().encode('BADGE-1001')],
      (l) => lines.push(l),
    );
    expect(failed).toBe(1);
    expect(lines.map((l) => JSON.parse(l) as { ok: boolean; kind?: string })).toMatchObject([
      { ok: true, kind: 'gtin' },
      { ok: false },
      { ok: true, kind: 'staff-badge' },
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
  it('passes options through', () => {
    const lines: string[] = [];
    runDecode([';4111111111111111=2912?'], (l) => lines.push(l), { memberBin: '411111' });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ member: true });
  });
});

describe('splitStdinLines', () => {
  const text = (parts: Uint8Array[]) => parts.map((p) => Buffer.from(p).toString('latin1'));
  it('splits on LF, strips one CR, keeps GS and ignores only the final empty line', () => {
    const buf = Buffer.from('a\r\n01\x1d10X\n\nb\r\r\nc\n', 'latin1');
    expect(text(splitStdinLines(buf))).toEqual(['a', '01\x1d10X', '', 'b\r', 'c']);
  });
  it('keeps a last line without LF and returns nothing for empty input', () => {
    expect(text(splitStdinLines(Buffer.from('x\ny', 'latin1')))).toEqual(['x', 'y']);
    expect(splitStdinLines(Buffer.alloc(0))).toEqual([]);
    expect(text(splitStdinLines(Buffer.from('\n', 'latin1')))).toEqual(['']);
  });
  it('keeps raw non-UTF-8 bytes', () => {
    const [line] = splitStdinLines(Buffer.from([0xff, 0x1d, 0x0a]));
    expect(Array.from(line ?? [])).toEqual([0xff, 0x1d]);
  });
});

describe('argvToInput', () => {
  it('turns <GS> and \\x1D into the GS byte and leaves other text alone', () => {
    expect(argvToInput(']C10109520123456788<GS>10AB\\x1d21C')).toBe(
      ']C10109520123456788\x1d10AB\x1d21C',
    );
    expect(argvToInput('<gs>')).toBe('\x1d');
    expect(argvToInput('6970001000016')).toBe('6970001000016');
  });
});
