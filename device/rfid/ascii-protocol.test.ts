import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAsciiRead, parseAsciiRead } from './ascii-protocol';
import { AsciiLineFramer } from './line-framer';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

describe('parseAsciiRead', () => {
  it('parses the documented example', () => {
    expect(parseAsciiRead('EPC=3074257BF7194E4000001A85;ANT=1;RSSI=-52.5\r\n')).toEqual({
      ok: true,
      value: { epc: '3074257BF7194E4000001A85', antenna: 1, rssi: -52.5 },
    });
  });

  it('accepts any field order, lowercase keys and hex, spaces and unknown keys', () => {
    const r = parseAsciiRead(' rssi = -61 ; TS=12345; ant=4;epc=3074257bf7194e4000001a85; ');
    expect(r).toEqual({
      ok: true,
      value: { epc: '3074257BF7194E4000001A85', antenna: 4, rssi: -61 },
    });
  });

  it('accepts bytes as well as strings', () => {
    expect(parseAsciiRead(enc('EPC=E2801160;ANT=2;RSSI=-40.0')).ok).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['\r\n', 'empty'],
    ['EPC=3074257BF7194E4000001A85;ANT=1', 'missing-field'],
    ['EPC=3074257BF7194E4000001A85;ANT=1;RSSI', 'malformed-field'],
    ['EPC=3074;EPC=3074;ANT=1;RSSI=-50', 'duplicate-field'],
    ['EPC=3074257BF7194E4000001A8;ANT=1;RSSI=-50', 'bad-epc'],
    ['EPC=30742G7BF7194E4000001A85;ANT=1;RSSI=-50', 'bad-epc'],
    ['EPC=;ANT=1;RSSI=-50', 'bad-epc'],
    ['EPC=3074;ANT=0;RSSI=-50', 'bad-antenna'],
    ['EPC=3074;ANT=1.5;RSSI=-50', 'bad-antenna'],
    ['EPC=3074;ANT=1;RSSI=abc', 'bad-rssi'],
    ['EPC=3074;ANT=1;RSSI=-500', 'bad-rssi'],
    ['EPC=3074;ANT=1;RSSI=1e2', 'bad-rssi'],
  ])('rejects %j with %s', (line, code) => {
    const r = parseAsciiRead(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('round-trips formatAsciiRead', () => {
    const epcArb = fc
      .uint8Array({ minLength: 2, maxLength: 62 })
      .filter((b) => b.length % 2 === 0)
      .map((b) => Buffer.from(b).toString('hex').toUpperCase());
    fc.assert(
      fc.property(
        epcArb,
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: -1200, max: -1 }),
        (epc, antenna, d) => {
          const read = { epc, antenna, rssi: d / 10 };
          expect(parseAsciiRead(formatAsciiRead(read))).toEqual({ ok: true, value: read });
        },
      ),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = parseAsciiRead(bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

describe('AsciiLineFramer', () => {
  it('handles CR, LF and CRLF, including a CRLF split across chunks', () => {
    const f = new AsciiLineFramer();
    const lines = [...f.push(enc('A\r')), ...f.push(enc('\nB\nC\r\r\nD')), ...f.push(enc('\n'))];
    expect(lines.map((l) => dec(l.bytes))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('reports an over-long line once and resumes at the next terminator', () => {
    const f = new AsciiLineFramer({ maxLength: 4 });
    const out = f.push(enc('123456789\nOK\n'));
    expect(out).toEqual([{ bytes: enc('1234'), error: 'overflow' }, { bytes: enc('OK') }]);
  });

  it('validates options with a TypeError', () => {
    expect(() => new AsciiLineFramer({ maxLength: 0 })).toThrow(TypeError);
  });

  it('gives the same frames however the input is split, and never throws', () => {
    const bytes = fc
      .uint8Array({ maxLength: 400 })
      .map((b) => b.map((x) => (x % 7 === 0 ? 0x0a : x % 11 === 0 ? 0x0d : x)));
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 20 }), (input, cuts) => {
        const whole = new AsciiLineFramer({ maxLength: 32 }).push(input);
        const f = new AsciiLineFramer({ maxLength: 32 });
        const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
        const parts: typeof whole = [];
        let prev = 0;
        for (const p of [...points, input.length]) {
          parts.push(...f.push(input.subarray(prev, p)));
          prev = p;
        }
        expect(parts).toEqual(whole);
      }),
    );
  });

  it('frames simulator output split at every byte', () => {
    const text = formatAsciiRead({ epc: '3074257BF7194E4000001A85', antenna: 2, rssi: -48 }).repeat(
      3,
    );
    const f = new AsciiLineFramer();
    const out = [...enc(text)].flatMap((b) => f.push(Uint8Array.of(b)));
    expect(out).toHaveLength(3);
    expect(out.map((o) => parseAsciiRead(o.bytes).ok)).toEqual([true, true, true]);
  });
});
