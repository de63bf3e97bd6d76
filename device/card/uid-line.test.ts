import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UidLineReader, parseUidLine, type UidResult } from './uid-line';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('parseUidLine', () => {
  it.each([
    ['04A2245A1B3C80', '04A2245A1B3C80'],
    ['04a2245a1b3c80', '04A2245A1B3C80'],
    ['04:A2:24:5A', '04A2245A'],
    ['04-a2-24-5a-1b-3c-80', '04A2245A1B3C80'],
    ['04 A2 24 5A', '04A2245A'],
    ['  DEADBEEF  ', 'DEADBEEF'],
    ['00000000', '00000000'],
    ['0012345678', '00BC614E'], // 10 digits: decimal (125 kHz / Wiegand readers)
    ['4294967295', 'FFFFFFFF'],
    ['4294967296', '0100000000'],
    ['12345678', '12345678'], // 8 digits: hex
  ])('%j → %s', (line, uid) => {
    expect(parseUidLine(line)).toEqual({ uid });
  });

  it('follows a configured format', () => {
    expect(parseUidLine('0012345678', { format: 'hex' })).toEqual({ uid: '0012345678' });
    expect(parseUidLine('123', { format: 'decimal' })).toEqual({ uid: '0000007B' });
    expect(parseUidLine('12AB', { format: 'decimal' })).toMatchObject({ error: 'invalid' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['04A2245', 'invalid'],
    ['XYZ', 'invalid'],
    ['04:A2:2', 'invalid'],
    ['04A2', 'bad-length'],
    ['04A2245A1B3C80AABBCCDD', 'bad-length'],
    ['9'.repeat(30), 'bad-length'],
    ['9'.repeat(70), 'invalid'],
  ])('%j is a typed error %s', (line, error) => {
    expect(parseUidLine(line)).toMatchObject({ error });
  });

  it('rejects a decimal beyond maxBytes', () => {
    expect(parseUidLine('9'.repeat(30), { format: 'decimal' })).toMatchObject({
      error: 'out-of-range',
    });
  });

  it('property: never throws and any uid is uppercase hex of whole bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('auto', 'hex', 'decimal' as const),
        (line, format) => {
          const result = parseUidLine(line, { format });
          if ('uid' in result) expect(result.uid).toMatch(/^([0-9A-F]{2})+$/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('UidLineReader', () => {
  it('reads one UID per line from serial bytes', () => {
    const reader = new UidLineReader();
    expect(reader.push(bytes('04A2245A1B3C80\r\n0012'))).toEqual([{ uid: '04A2245A1B3C80' }]);
    expect(reader.push(bytes('345678\r\nnope\r'))).toEqual([
      { uid: '00BC614E' },
      { error: 'invalid', message: 'not a hex or decimal UID' },
    ]);
    expect(reader.push(bytes('DEAD'))).toEqual([]);
    expect(reader.flush()).toMatchObject([{ error: 'invalid' }]);
  });

  it('property: never throws, and splitting the input does not change the results', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (input, cut) => {
        const at = cut % (input.length + 1);
        const run = (parts: Uint8Array[]): UidResult[] => {
          const reader = new UidLineReader();
          return [...parts.flatMap((p) => reader.push(p)), ...reader.flush()];
        };
        expect(run([input.subarray(0, at), input.subarray(at)])).toEqual(run([input]));
      }),
      { numRuns: 300 },
    );
  });
});
