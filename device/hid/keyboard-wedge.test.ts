import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDecoder } from './keyboard-wedge';
import { encodeKeyboardReports } from './keyboard-wedge-encoder';

const R = (...bytes: number[]) =>
  Uint8Array.from([...bytes, ...new Array(8 - bytes.length).fill(0)]);
const RELEASE = R();

function decode(reports: Uint8Array[], decoder = new KeyboardWedgeDecoder()): string[] {
  return reports.flatMap((r) => decoder.push(r));
}

describe('KeyboardWedgeDecoder', () => {
  it('reads "6970001000016" + Enter from boot-keyboard reports', () => {
    // modifier, reserved, key1..key6 — each key press followed by the all-zero release report.
    const usages = [
      0x23, 0x26, 0x24, 0x27, 0x27, 0x27, 0x1e, 0x27, 0x27, 0x27, 0x27, 0x1e, 0x23, 0x28,
    ];
    const reports = usages.flatMap((u) => [R(0x00, 0x00, u), RELEASE]);
    expect(decode(reports)).toEqual(['6970001000016']);
  });

  it('reads capitals with Left Shift (0x02) and Right Shift (0x20): "BADGE-1001"', () => {
    const reports = [
      R(0x02, 0, 0x05),
      RELEASE, // B
      R(0x02, 0, 0x04),
      RELEASE, // A
      R(0x20, 0, 0x07),
      RELEASE, // D (right shift)
      R(0x02, 0, 0x0a),
      RELEASE, // G
      R(0x02, 0, 0x08),
      RELEASE, // E
      R(0x00, 0, 0x2d),
      RELEASE, // -
      R(0x00, 0, 0x1e),
      RELEASE, // 1
      R(0x00, 0, 0x27),
      RELEASE, // 0
      R(0x00, 0, 0x27),
      RELEASE, // 0
      R(0x00, 0, 0x1e),
      RELEASE, // 1
      R(0x00, 0, 0x28),
      RELEASE, // Enter
    ];
    expect(decode(reports)).toEqual(['BADGE-1001']);
  });

  it('counts a key once while held and again only after a release', () => {
    const reports = [
      R(0, 0, 0x1e),
      R(0, 0, 0x1e),
      R(0, 0, 0x1e, 0x1f),
      R(0, 0, 0x1f),
      RELEASE,
      R(0, 0, 0x1f),
      R(0, 0, 0x28),
    ];
    expect(decode(reports)).toEqual(['122']);
  });

  it('reads fast scanners that send no release between different keys', () => {
    expect(decode([R(0, 0, 0x04), R(0, 0, 0x05), R(0x02, 0, 0x06), R(0, 0, 0x2b)])).toEqual([
      'abC',
    ]);
  });

  it('ignores ErrorRollOver reports without losing key state', () => {
    const rollover = R(0, 0, 1, 1, 1, 1, 1, 1);
    expect(
      decode([R(0, 0, 0x04), rollover, R(0, 0, 0x04), RELEASE, R(0, 0, 0x05), R(0, 0, 0x28)]),
    ).toEqual(['ab']);
  });

  it('ends lines only on the configured key', () => {
    const reports = encodeKeyboardReports('A1\tB2\r');
    expect(decode(reports, new KeyboardWedgeDecoder({ suffix: 'enter' }))).toEqual(['A1\tB2']);
    const tabOnly = new KeyboardWedgeDecoder({ suffix: 'tab' });
    expect(decode(reports, tabOnly)).toEqual(['A1']);
    expect(tabOnly.partial).toBe('B2\r');
    expect(decode(reports)).toEqual(['A1', 'B2']);
  });

  it('types GS as Ctrl+] (GS1 separator)', () => {
    const reports = [
      R(0, 0, 0x1e),
      RELEASE,
      R(0x01, 0, 0x30),
      RELEASE,
      R(0, 0, 0x1f),
      RELEASE,
      R(0, 0, 0x28),
    ];
    expect(decode(reports)).toEqual(['1\x1d2']);
  });

  it('types Alt + keypad digits as one character on Alt release', () => {
    // Alt held (0x04), keypad 0 2 9 → 29 = GS; then Alt released.
    const reports = [
      R(0x04),
      R(0x04, 0, 0x62),
      R(0x04),
      R(0x04, 0, 0x5a),
      R(0x04),
      R(0x04, 0, 0x61),
      R(0x04),
      RELEASE,
    ];
    reports.push(R(0, 0, 0x59), RELEASE, R(0, 0, 0x58)); // keypad 1, keypad Enter
    expect(decode(reports)).toEqual(['\x1d1']);
  });

  it('strips a leading report id when configured', () => {
    const withId = encodeKeyboardReports('Z9\r').map((r) => Uint8Array.of(0x01, ...r));
    expect(decode(withId, new KeyboardWedgeDecoder({ reportId: true }))).toEqual(['Z9']);
  });

  it('drops an overlong line and counts it', () => {
    const decoder = new KeyboardWedgeDecoder({ maxLineLength: 4 });
    expect(decode(encodeKeyboardReports('123456\rok\r'), decoder)).toEqual(['ok']);
    expect(decoder.stats.droppedLines).toBe(1);
  });

  it('counts short reports and unknown keys instead of throwing', () => {
    const decoder = new KeyboardWedgeDecoder();
    expect(
      decode([Uint8Array.of(0), R(0, 0, 0x3a), R(0, 0, 0x04), R(0, 0, 0x28)], decoder),
    ).toEqual(['a']);
    expect(decoder.stats).toMatchObject({ ignoredReports: 1, unknownKeys: 1 });
    expect(() => new KeyboardWedgeDecoder({ suffix: 'space' as never })).toThrow(TypeError);
  });

  it('property: never throws on arbitrary reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 50 }), (reports) => {
        const decoder = new KeyboardWedgeDecoder({ maxLineLength: 16 });
        for (const r of reports) decoder.push(r);
      }),
      { numRuns: 500 },
    );
  });

  it('property: printable ASCII typed by the encoder decodes to the same text, with or without releases', () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(printable, fc.boolean(), (text, release) => {
        const lines = decode(encodeKeyboardReports(`${text}\r`, { release }));
        expect(lines).toEqual([text]);
      }),
      { numRuns: 300 },
    );
  });
});
