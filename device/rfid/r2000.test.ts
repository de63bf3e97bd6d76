import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeRealTimeInventory,
  encodeInventoryEnd,
  encodeInventoryError,
  encodeInventoryTag,
  encodeR2000Frame,
  encodeRealTimeInventoryCommand,
} from './r2000-codec';
import { r2000Checksum, R2000Framer, type R2000Frame } from './r2000-framer';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function pushSplit(input: Uint8Array, cuts: number[]): R2000Frame[] {
  const f = new R2000Framer();
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const out: R2000Frame[] = [];
  let prev = 0;
  for (const p of [...points, input.length]) {
    out.push(...f.push(input.subarray(prev, p)));
    prev = p;
  }
  return out;
}

describe('R2000 checksum and commands', () => {
  it('encodes the real-time inventory command as the R2000 manual example (A0 04 01 89 01 D1)', () => {
    expect(toHex(encodeRealTimeInventoryCommand(0x01, 0x01))).toBe('A004018901D1');
    // 0xA0+0x04+0xFF+0x89+0xFF = 0x32B -> two's complement of 0x2B = 0xD5
    expect(toHex(encodeRealTimeInventoryCommand(0xff, 0xff))).toBe('A004FF89FFD5');
  });

  it('a whole frame sums to zero mod 256', () => {
    fc.assert(
      fc.property(fc.nat(255), fc.nat(255), fc.uint8Array({ maxLength: 252 }), (a, c, d) => {
        const frame = encodeR2000Frame(a, c, d);
        expect(frame.reduce((s, b) => s + b, 0) % 256).toBe(0);
        expect(r2000Checksum(frame, 0, frame.length - 1)).toBe(frame[frame.length - 1]);
      }),
    );
  });
});

describe('R2000 inventory decoding', () => {
  it('decodes a hand-built tag report: FreqAnt, PC, EPC, RSSI', () => {
    // FreqAnt 0x05 = freq index 1, antenna 2; PC 0x3000 = 6 words; RSSI 0x4D = 77 -> -52 dBm
    const data = hex('05 3000 3074257BF7194E4000001A85 4D');
    const frame = encodeR2000Frame(0x01, 0x89, data);
    const [parsed] = new R2000Framer().push(frame);
    expect(parsed).toBeDefined();
    expect(decodeRealTimeInventory(parsed!)).toEqual({
      ok: true,
      value: {
        kind: 'tag',
        read: { epc: '3074257BF7194E4000001A85', antenna: 2, rssi: -52 },
        frequencyIndex: 1,
        pc: 0x3000,
      },
    });
  });

  it('round-trips tag reports on antennas 1..8', () => {
    const epcArb = fc
      .uint8Array({ minLength: 2, maxLength: 62 })
      .filter((b) => b.length % 2 === 0)
      .map((b) => toHex(b));
    fc.assert(
      fc.property(
        epcArb,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: -120, max: -10 }),
        fc.nat(63),
        (epc, antenna, rssi, freq) => {
          const read = { epc, antenna, rssi };
          const frames = new R2000Framer().push(encodeInventoryTag(0xff, read, freq));
          expect(frames).toHaveLength(1);
          const r = decodeRealTimeInventory(frames[0]!);
          expect(r).toEqual({
            ok: true,
            value: { kind: 'tag', read, frequencyIndex: freq, pc: (epc.length / 4) << 11 },
          });
        },
      ),
    );
  });

  it('decodes the end-of-round summary and reader errors', () => {
    const [end, err] = new R2000Framer().push(
      new Uint8Array([...encodeInventoryEnd(1, 3, 250, 70000), ...encodeInventoryError(1, 0x22)]),
    );
    expect(decodeRealTimeInventory(end!)).toEqual({
      ok: true,
      value: { kind: 'end', antenna: 3, readRate: 250, totalRead: 70000 },
    });
    expect(decodeRealTimeInventory(err!)).toEqual({
      ok: true,
      value: { kind: 'reader-error', code: 0x22, message: 'antenna missing' },
    });
  });

  it('rejects other commands and inconsistent PC lengths with typed errors', () => {
    const other = new R2000Framer().push(encodeR2000Frame(1, 0x72, hex('0102')))[0]!;
    expect(decodeRealTimeInventory(other)).toMatchObject({
      ok: false,
      error: { code: 'not-inventory' },
    });
    const badPc = new R2000Framer().push(encodeR2000Frame(1, 0x89, hex('00 4000 30742570 4D')))[0]!;
    expect(decodeRealTimeInventory(badPc)).toMatchObject({ ok: false, error: { code: 'bad-epc' } });
    const short = new R2000Framer().push(encodeR2000Frame(1, 0x89, hex('00 3000')))[0]!;
    expect(decodeRealTimeInventory(short)).toMatchObject({
      ok: false,
      error: { code: 'bad-length' },
    });
  });
});

describe('R2000Framer', () => {
  const tag = encodeInventoryTag(1, { epc: '3074257BF7194E4000001A85', antenna: 1, rssi: -50 });

  it('resynchronises after garbage, a false head and a corrupted frame', () => {
    const corrupted = Uint8Array.from(tag);
    corrupted[6] = (corrupted[6] ?? 0) ^ 0xff;
    const stream = new Uint8Array([0x00, 0x13, 0xa0, 0x01, ...corrupted, 0x55, ...tag, 0xa0, 0x02]);
    const framer = new R2000Framer();
    const frames = framer.push(stream);
    expect(frames.map((f) => toHex(f.bytes))).toEqual([toHex(tag)]);
    expect(framer.droppedBytes).toBeGreaterThan(corrupted.length);
  });

  it('a false head with a large Len holds frames back until more bytes arrive or flush()', () => {
    const framer = new R2000Framer();
    expect(framer.push(new Uint8Array([0xa0, 0xa0, ...tag]))).toEqual([]);
    expect(framer.flush().map((f) => toHex(f.bytes))).toEqual([toHex(tag)]);
    const other = new R2000Framer();
    other.push(new Uint8Array([0xa0, 0xa0, ...tag]));
    const later = other.push(new Uint8Array(300));
    expect(later.map((f) => toHex(f.bytes))).toEqual([toHex(tag)]);
  });

  it('finds a frame whose head hides inside a false candidate', () => {
    // A0 09 looks like a 11-byte frame; its checksum fails, and the real frame starts 2 bytes later.
    const cmd = encodeRealTimeInventoryCommand();
    const stream = new Uint8Array([0xa0, 0x09, ...cmd, 0x00, 0x00, 0x00, 0x00]);
    expect(new R2000Framer().push(stream).map((f) => toHex(f.bytes))).toEqual([toHex(cmd)]);
  });

  it('frames split at every byte', () => {
    const f = new R2000Framer();
    const twice = new Uint8Array([...tag, ...tag]);
    const out = [...twice].flatMap((b) => f.push(Uint8Array.of(b)));
    expect(out).toHaveLength(2);
  });

  it('never throws and gives the same frames however the input is split', () => {
    // Mix real frames into random bytes so both paths (valid, garbage) are exercised.
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.constant(tag),
      fc.constant(encodeInventoryEnd(1, 1, 5, 9)),
    );
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (chunks, cuts) => {
          const input = new Uint8Array(chunks.flatMap((c) => [...c]));
          const whole = new R2000Framer().push(input);
          expect(pushSplit(input, cuts).map((f) => toHex(f.bytes))).toEqual(
            whole.map((f) => toHex(f.bytes)),
          );
          for (const frame of whole)
            expect(typeof decodeRealTimeInventory(frame).ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
