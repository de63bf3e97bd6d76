/** Properties every framer keeps: no throw on any bytes, and chunking does not change frames. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAim } from './aim';
import { DelimiterFramer } from './delimiter-framer';
import type { Frame, Framer } from './framer';
import { createFramer, scannerProfiles, type ScannerProfileId } from './profiles';
import { StxEtxFramer } from './stx-etx-framer';

/** Bytes biased towards the ones framers care about, so frames actually form. */
const interesting = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x02, 0x03, 0x0d, 0x0a, 0x09, 0x5d, 0x1b, 0x41, 0x30),
);
const bytes = fc.array(interesting, { maxLength: 300 }).map((a) => Uint8Array.from(a));

function split(input: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(input.subarray(from, p));
    from = p;
  }
  parts.push(input.subarray(from));
  return parts;
}

function run(make: () => Framer, parts: Uint8Array[]): Frame[] {
  const framer = make();
  return [...parts.flatMap((p) => framer.push(p)), ...framer.flush()];
}

const makers: Array<[string, () => Framer]> = [
  [
    'delimiter CR/LF/CRLF',
    () => new DelimiterFramer({ suffix: ['\r', '\n', '\r\n'], maxFrameBytes: 16 }),
  ],
  [
    'delimiter prefix + multi-byte suffix',
    () => new DelimiterFramer({ prefix: '\x1b]', suffix: ['\r\n\r\n', '\t'], maxFrameBytes: 8 }),
  ],
  ['stx-etx', () => new StxEtxFramer({ maxFrameBytes: 16 })],
  ['stx-etx xor', () => new StxEtxFramer({ checksum: 'xor', maxFrameBytes: 8 })],
  ...Object.keys(scannerProfiles).map((id): [string, () => Framer] => [
    id,
    () => createFramer(id as ScannerProfileId, 32),
  ]),
];

describe.each(makers)('%s', (_name, make) => {
  it('never throws and splitting the input does not change the frames', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 8 }), (input, cuts) => {
        const whole = run(make, [input]);
        expect(run(make, split(input, cuts))).toEqual(whole);
        expect(
          run(
            make,
            Array.from(input, (b) => Uint8Array.of(b)),
          ),
        ).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitAim', () => {
  it('never throws and loses no bytes', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const { aim, data } = splitAim(input);
        expect((aim?.length ?? 0) + data.length).toBe(input.length);
      }),
    );
  });
});
