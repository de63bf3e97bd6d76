import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HidPosAssembler, type HidPosResult } from './hid-pos';
import { encodeHidPosReports } from './hid-pos-encoder';

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** A 64-byte report from its leading bytes, zero-filled, with the 3-byte trailer set. */
function report(head: number[], trailer: [number, number, number]): Uint8Array {
  const r = new Uint8Array(64);
  r.set(head);
  r.set(trailer, 61);
  return r;
}

function feed(assembler: HidPosAssembler, reports: Uint8Array[]): HidPosResult[] {
  return reports.map((r) => assembler.push(r));
}

describe('HidPosAssembler (Honeywell HID POS layout)', () => {
  it('reads a single-report EAN-13 scan', () => {
    // 02 | 0D | "]E0" | "6970001000016" | zeros | 'd' (Honeywell code id EAN-13) 00 00
    const r = report(
      [0x02, 0x0d, 0x5d, 0x45, 0x30, ...Buffer.from('6970001000016')],
      [0x64, 0x00, 0x00],
    );
    const result = new HidPosAssembler().push(r);
    expect(result).toMatchObject({ done: true, aim: ']E0', codeId: 'd' });
    expect(result.done && ascii(result.data)).toBe('6970001000016');
  });

  it('joins reports captured from a Honeywell Voyager (continuation bit in the last byte)', () => {
    // Reports as published in github.com/HenkVanAsselt/python_hon_usbhid (REVINF response).
    const parts = [
      'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoft',
      'ware Part Number: CW000082BBA\r\nSoftware Revision: $Proje',
      'ctRevision: 16345 \r\nSerial Number: 15232B1F0C\r\nSupported',
    ];
    const reports = parts.map((p) => report([2, 56, 93, 88, 48, ...Buffer.from(p)], [63, 0, 1]));
    reports.push(report([2, 9, 93, 88, 48, ...Buffer.from('um: N/A\r\n')], [63, 0, 0]));
    const results = feed(new HidPosAssembler(), reports);
    expect(results.slice(0, 3)).toEqual([{ done: false }, { done: false }, { done: false }]);
    const last = results[3];
    expect(last).toMatchObject({ done: true, aim: ']X0', codeId: '?' });
    expect(last?.done && ascii(last.data)).toBe(`${parts.join('')}um: N/A\r\n`);
  });

  it('reassembles a long GS1 DataMatrix spread over several 64-byte reports', () => {
    const data = Buffer.from(
      `0109612345678903${'\x1d'}10LOT${'A'.repeat(150)}${'\x1d'}21SERIAL`,
      'latin1',
    );
    const reports = encodeHidPosReports(']d2', data, 'w');
    expect(reports.length).toBe(4);
    expect(reports.map((r) => r[63])).toEqual([1, 1, 1, 0]);
    const results = feed(new HidPosAssembler(), reports);
    const last = results.at(-1);
    expect(last).toMatchObject({ done: true, aim: ']d2', codeId: 'w' });
    expect(last?.done && Buffer.from(last.data).equals(data)).toBe(true);
  });

  it('reads scans with AIM transmission off as aim null', () => {
    const [r] = encodeHidPosReports(null, Buffer.from('123'));
    expect(new HidPosAssembler().push(r ?? new Uint8Array())).toMatchObject({
      done: true,
      aim: null,
    });
  });

  it('returns typed errors for garbage reports and drops the partial scan', () => {
    const assembler = new HidPosAssembler();
    const [first] = encodeHidPosReports(']d2', new Uint8Array(100).fill(0x41));
    expect(assembler.push(first ?? new Uint8Array())).toEqual({ done: false });
    expect(assembler.pending).toBe(true);
    expect(assembler.push(Uint8Array.of(1, 2, 3))).toMatchObject({ error: 'short-report' });
    expect(assembler.pending).toBe(false);
    expect(assembler.push(report([0x01, 3, 93, 69, 48, 49, 50, 51], [0, 0, 0]))).toMatchObject({
      error: 'wrong-report-id',
    });
    expect(assembler.push(report([0x02, 57, 93, 69, 48], [0, 0, 0]))).toMatchObject({
      error: 'bad-length',
    });
    expect(assembler.push(report([0x02, 0, 93, 69, 48], [0, 0, 0]))).toMatchObject({
      error: 'empty',
    });
  });

  it('starts over when the AIM id changes mid-scan', () => {
    const assembler = new HidPosAssembler();
    const [partial] = encodeHidPosReports(']d2', new Uint8Array(60).fill(0x41));
    assembler.push(partial ?? new Uint8Array());
    const [whole] = encodeHidPosReports(']E0', Buffer.from('96385074'));
    const result = assembler.push(whole ?? new Uint8Array());
    expect(result).toMatchObject({ done: true, aim: ']E0' });
    expect(result.done && ascii(result.data)).toBe('96385074');
  });

  it('bounds memory with maxScanBytes', () => {
    const assembler = new HidPosAssembler({ maxScanBytes: 100 });
    const results = feed(assembler, encodeHidPosReports(']d2', new Uint8Array(200).fill(0x42)));
    expect(results).toContainEqual(expect.objectContaining({ error: 'overflow' }));
    expect(() => new HidPosAssembler({ reportId: 300 })).toThrow(TypeError);
  });

  it('property: never throws on arbitrary reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 20 }), (reports) => {
        const assembler = new HidPosAssembler({ maxScanBytes: 256 });
        for (const r of reports) assembler.push(r);
      }),
      { numRuns: 500 },
    );
  });

  it('property: encoding then assembling gives the data back', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.constantFrom(']C1', ']d2', ']Q1', null),
        (data, aim) => {
          const results = feed(new HidPosAssembler(), encodeHidPosReports(aim, data));
          const last = results.at(-1);
          expect(results.slice(0, -1).every((r) => r.done === false)).toBe(true);
          expect(last?.done && Buffer.from(last.data).equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
