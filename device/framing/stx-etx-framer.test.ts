import { describe, expect, it } from 'vitest';
import { latin1, toBytes } from './bytes';
import type { Frame } from './framer';
import { StxEtxFramer } from './stx-etx-framer';

const text = (frames: Frame[]) =>
  frames.map((f) => (f.error ? `!${f.error}:${latin1(f.bytes)}` : latin1(f.bytes)));

function withXor(data: string, includeEtx = true): string {
  let x = includeEtx ? 0x03 : 0;
  for (const c of data) x ^= c.charCodeAt(0);
  return `\x02${data}\x03${String.fromCharCode(x)}`;
}

describe('StxEtxFramer', () => {
  it('frames STX data ETX and counts the bytes outside frames', () => {
    const framer = new StxEtxFramer();
    expect(text(framer.push(toBytes('noise\x02]E06970001000016\x03\r\n\x02AB')))).toEqual([
      ']E06970001000016',
    ]);
    expect(framer.discarded).toBe(7);
    expect(text(framer.push(toBytes('C\x03')))).toEqual(['ABC']);
  });

  it('restarts on an STX inside a frame and drops empty frames', () => {
    const framer = new StxEtxFramer();
    expect(text(framer.push(toBytes('\x02cut\x02good\x03\x02\x03')))).toEqual(['good']);
    expect(framer.discarded).toBe(4);
  });

  it('checks an XOR block-check byte, with or without the ETX in it', () => {
    const framer = new StxEtxFramer({ checksum: 'xor' });
    expect(
      text(framer.push(toBytes(withXor('12345') + withXor('ABC').slice(0, -1) + 'Z'))),
    ).toEqual(['12345', '!bad-checksum:ABC']);
    const noEtx = new StxEtxFramer({ checksum: 'xor', checksumIncludesEtx: false });
    expect(text(noEtx.push(toBytes(withXor('12345', false))))).toEqual(['12345']);
  });

  it('takes a checksum byte equal to STX or ETX as the checksum', () => {
    // XOR of "\x01" and ETX is 0x02 (STX): it must not start a new frame.
    const framer = new StxEtxFramer({ checksum: 'xor' });
    expect(text(framer.push(toBytes(withXor('\x01') + withXor('ok'))))).toEqual(['\x01', 'ok']);
  });

  it('reports an overlong frame once and skips the rest of it', () => {
    const framer = new StxEtxFramer({ maxFrameBytes: 3, checksum: 'xor' });
    expect(text(framer.push(toBytes(`\x02abcdefg\x03X${withXor('ok')}`)))).toEqual([
      '!overflow:abc',
      'ok',
    ]);
  });

  it('gives the same frames when the input is split at every byte', () => {
    const input = toBytes(
      `zz${withXor('one')}\x02two\x02${withXor('three')}${withXor('bad').slice(0, -1)}!\x02tail`,
    );
    const run = (parts: Uint8Array[]) => {
      const framer = new StxEtxFramer({ checksum: 'xor' });
      return text([...parts.flatMap((p) => framer.push(p)), ...framer.flush()]);
    };
    const expected = run([input]);
    expect(expected).toEqual(['one', 'three', '!bad-checksum:bad', '!incomplete:tail']);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(run([input.subarray(0, cut), input.subarray(cut)])).toEqual(expected);
    }
  });

  it('validates options with TypeError', () => {
    expect(() => new StxEtxFramer({ checksum: 'crc' as never })).toThrow(TypeError);
    expect(() => new StxEtxFramer({ maxFrameBytes: -1 })).toThrow(TypeError);
    expect(() => new StxEtxFramer(null as never)).toThrow(TypeError);
  });
});
