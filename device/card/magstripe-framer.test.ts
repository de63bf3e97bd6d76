import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKeyboardReports } from '../hid/keyboard-wedge-encoder';
import { KeyboardWedgeDecoder } from '../hid/keyboard-wedge';
import { MagstripeFramer, type MagstripeResult } from './magstripe-framer';

// ISO/IEC 7813 test data (the well-known 4111 1111 1111 1111 test number), never a real card.
const T1 = '%B4111111111111111^TEST/CARD^2512101000000000000?';
const T2 = ';4111111111111111=25121010000000000?';
const MEMBER = ';6280001234567890=30120000000000000?';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function all(framer: MagstripeFramer, parts: Uint8Array[]): MagstripeResult[] {
  return [...parts.flatMap((p) => framer.push(p)), ...framer.flush()];
}

describe('MagstripeFramer', () => {
  it('returns both tracks of one swipe ended by CR LF as one swipe', () => {
    expect(new MagstripeFramer().push(bytes(`${T1}${T2}\r\n`))).toEqual([{ swipe: `${T1}${T2}` }]);
  });

  it('returns one swipe per card for consecutive swipes', () => {
    const out = new MagstripeFramer().push(bytes(`${T2}\r${MEMBER}\r`));
    expect(out).toEqual([{ swipe: T2 }, { swipe: MEMBER }]);
  });

  it('separates swipes without line endings at a new track 1 or a repeated track', () => {
    const framer = new MagstripeFramer();
    expect(framer.push(bytes(`${T1}${T2}${T1}${T2}${MEMBER}${T2}`))).toEqual([
      { swipe: `${T1}${T2}` },
      { swipe: `${T1}${T2}${MEMBER}` }, // ';' after track 2 is track 3; another ';' starts a new swipe
    ]);
    // The new swipe's ';' is its track 2, so a following ';' is its track 3, not a third swipe.
    expect(framer.push(bytes(MEMBER))).toEqual([]);
    expect(framer.flush()).toEqual([{ swipe: `${T2}${MEMBER}` }]);
  });

  it('ends an unterminated swipe on flush (idle gap)', () => {
    const framer = new MagstripeFramer();
    expect(framer.push(bytes(MEMBER))).toEqual([]);
    expect(framer.flush()).toEqual([{ swipe: MEMBER }]);
  });

  it('strips the LRC byte after each end sentinel when the reader sends one', () => {
    // LRC bytes chosen to look like a line ending and a start sentinel: they must not be taken as such.
    const framer = new MagstripeFramer({ lrc: true });
    expect(framer.push(bytes(`${T1}\r${T2};\r\n`))).toEqual([{ swipe: `${T1}${T2}` }]);
  });

  it('keeps read-error tracks for the decoder and drops a track cut by a line ending', () => {
    const framer = new MagstripeFramer();
    expect(framer.push(bytes(`%E?;4111111\r`))).toEqual([{ swipe: '%E?' }]);
  });

  it('discards noise between swipes and counts it', () => {
    const framer = new MagstripeFramer();
    expect(framer.push(bytes(`xx${T2}yy\r`))).toEqual([{ swipe: T2 }]);
    expect(framer.ignored).toBe(4);
  });

  it('reports an overlong swipe without card data and resumes after the line ending', () => {
    const framer = new MagstripeFramer({ maxSwipeBytes: 16 });
    const out = framer.push(bytes(`${T2}\r;12=34?\r`));
    expect(out).toEqual([
      { error: 'overflow', message: 'swipe longer than 16 bytes' },
      { swipe: ';12=34?' },
    ]);
    expect(JSON.stringify(out)).not.toContain('4111');
  });

  it('reads a swipe typed by a keyboard-wedge reader', () => {
    const decoder = new KeyboardWedgeDecoder({ suffix: 'enter' });
    const framer = new MagstripeFramer();
    const lines = encodeKeyboardReports(`${T1}${T2}\r`).flatMap((r) => decoder.push(r));
    expect(lines.flatMap((line) => framer.pushText(`${line}\r`))).toEqual([
      { swipe: `${T1}${T2}` },
    ]);
  });

  it('validates options with TypeError', () => {
    expect(() => new MagstripeFramer({ maxSwipeBytes: 2 })).toThrow(TypeError);
  });

  it('property: never throws, and splitting the input does not change the swipes', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x25, 0x3b, 0x3f, 0x2b, 0x0d, 0x0a, 0x31),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.nat(), fc.boolean(), (arr, cut, lrc) => {
        const input = Uint8Array.from(arr);
        const at = cut % (input.length + 1);
        const options = { lrc, maxSwipeBytes: 32 };
        const whole = all(new MagstripeFramer(options), [input]);
        expect(
          all(new MagstripeFramer(options), [input.subarray(0, at), input.subarray(at)]),
        ).toEqual(whole);
        expect(
          all(
            new MagstripeFramer(options),
            Array.from(input, (b) => Uint8Array.of(b)),
          ),
        ).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });
});
