import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecoder, type EscPosOp } from './escpos-decoder';
import { EscPos } from './escpos-encoder';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function decodeSplit(bytes: Uint8Array, cuts: number[]): EscPosOp[] {
  const d = new EscPosDecoder();
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: EscPosOp[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(...d.push(bytes.subarray(prev, p)));
    prev = p;
  }
  return [...out, ...d.flush()];
}

describe('EscPos encoder bytes', () => {
  it('emits the Epson byte sequences', () => {
    expect(hex(new EscPos().init().encode())).toBe('1b40');
    expect(hex(new EscPos().align('center').encode())).toBe('1b6101');
    expect(hex(new EscPos().bold(true).bold(false).encode())).toBe('1b45011b4500');
    expect(hex(new EscPos().size(2, 3).encode())).toBe('1d2112');
    expect(hex(new EscPos().feed(4).encode())).toBe('1b6404');
    expect(hex(new EscPos().cut(3).encode())).toBe('1d564203');
    expect(hex(new EscPos().drawer().encode())).toBe('1b700019fa');
  });

  it('QR: model 2, module size, EC level, store (pL pH = len + 3), print', () => {
    expect(hex(new EscPos().qr('AB', { moduleSize: 5, errorCorrection: 'Q' }).encode())).toBe(
      '1d286b0400314132001d286b03003143051d286b03003145321d286b0500315030' +
        '4142' +
        '1d286b0300315130',
    );
  });

  it('Code 128: HRI, height, width, then GS k 73 n {B data with { escaped', () => {
    expect(hex(new EscPos().code128('A{1', { height: 50, width: 3, hri: 'below' }).encode())).toBe(
      '1d4802' + '1d6832' + '1d7703' + '1d6b4906' + Buffer.from('{BA{{1').toString('hex'),
    );
  });

  it('Chinese text: FS & once, then GB18030 bytes; ASCII stays single-byte', () => {
    const bytes = new EscPos().line('AB').line('试衣间').line('镜子').encode();
    expect(hex(bytes)).toBe(
      '41420a' +
        '1c26' +
        hex(iconv.encode('试衣间', 'gb18030')) +
        '0a' +
        hex(iconv.encode('镜子', 'gb18030')) +
        '0a',
    );
  });

  it('init resets the Chinese mode it tracks', () => {
    const bytes = new EscPos().text('中').init().text('文').encode();
    expect(decodeEscPos(bytes).filter((o) => o.op === 'chinese')).toHaveLength(2);
  });

  it('control characters in text cannot smuggle in commands', () => {
    expect(decodeEscPos(new EscPos().text('a\x1b@b\x1dV').encode())).toEqual([
      { op: 'text', text: 'a @b V' },
    ]);
  });

  it('rejects bad arguments at the call', () => {
    expect(() => new EscPos().size(9)).toThrow(RangeError);
    expect(() => new EscPos().code128('中')).toThrow(RangeError);
    expect(() => new EscPos().qr('')).toThrow(RangeError);
  });
});

describe('EscPos round trip through the decoder', () => {
  it('decodes everything the encoder writes, Chinese surviving GB18030', () => {
    const bytes = new EscPos()
      .init()
      .align('center')
      .bold(true)
      .size(2, 2)
      .line('Seed 旗舰店 · 上海')
      .size(1, 1)
      .bold(false)
      .align('right')
      .line('合计 ￥1,234.50')
      .feed(2)
      .qr('https://r.example.com/e/8F3K2?v=1', { moduleSize: 6, errorCorrection: 'M' })
      .code128('S-2025-000123')
      .cut(3)
      .drawer()
      .encode();
    expect(decodeEscPos(bytes)).toEqual([
      { op: 'init' },
      { op: 'align', value: 'center' },
      { op: 'bold', on: true },
      { op: 'size', width: 2, height: 2 },
      { op: 'chinese', on: true },
      { op: 'text', text: 'Seed 旗舰店 · 上海\n' },
      { op: 'size', width: 1, height: 1 },
      { op: 'bold', on: false },
      { op: 'align', value: 'right' },
      { op: 'text', text: '合计 ￥1,234.50\n' },
      { op: 'feed', lines: 2 },
      { op: 'qr', data: 'https://r.example.com/e/8F3K2?v=1', moduleSize: 6, errorCorrection: 'M' },
      { op: 'barcode-style', hri: 'below' },
      { op: 'barcode-style', height: 80 },
      { op: 'barcode-style', width: 2 },
      { op: 'code128', data: 'S-2025-000123' },
      { op: 'cut', partial: true, feed: 3 },
      { op: 'drawer', pin: 2, onMs: 50, offMs: 500 },
    ]);
  });

  it('any text round-trips (GB18030 covers all of Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const clean = [...s]
          .map((c) => ((c.charCodeAt(0) < 0x20 && c !== '\n') || c === '\u007f' ? ' ' : c))
          .join('');
        const ops = decodeEscPos(new EscPos().line(s).encode()).filter((o) => o.op === 'text');
        expect(ops.map((o) => (o.op === 'text' ? o.text : '')).join('')).toBe(`${clean}\n`);
      }),
    );
  });

  it('decodes DLE EOT requests and other known commands', () => {
    expect(decodeEscPos(Uint8Array.of(0x10, 0x04, 0x04, 0x1b, 0x21, 0x08, 0x1c, 0x2e))).toEqual([
      { op: 'status-request', n: 4 },
      { op: 'unknown', bytes: Uint8Array.of(0x1b, 0x21, 0x08) },
      { op: 'chinese', on: false },
    ]);
  });

  it('an incomplete command at the end comes out as unknown on flush', () => {
    const d = new EscPosDecoder();
    expect(d.push(Uint8Array.of(0x41, 0x1d, 0x28, 0x6b, 0x10))).toEqual([
      { op: 'text', text: 'A' },
    ]);
    expect(d.flush()).toEqual([{ op: 'unknown', bytes: Uint8Array.of(0x1d, 0x28, 0x6b, 0x10) }]);
  });
});

describe('EscPosDecoder fuzzing', () => {
  const receiptish = new EscPos().init().line('中文 abc').qr('x').code128('Z').cut().encode();
  const input = fc
    .array(fc.oneof(fc.uint8Array({ maxLength: 30 }), fc.constant(receiptish)), { maxLength: 6 })
    .map((parts) => new Uint8Array(parts.flatMap((p) => [...p])));

  it('never throws and gives the same ops however the input is split', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 25 }), (bytes, cuts) => {
        expect(decodeSplit(bytes, cuts)).toEqual(decodeEscPos(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('split at every byte equals decoding at once', () => {
    const d = new EscPosDecoder();
    const ops = [...receiptish].flatMap((b) => d.push(Uint8Array.of(b)));
    expect([...ops, ...d.flush()]).toEqual(decodeEscPos(receiptish));
  });
});
