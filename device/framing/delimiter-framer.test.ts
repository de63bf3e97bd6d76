import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { latin1, toBytes } from './bytes';
import { DelimiterFramer } from './delimiter-framer';
import { DelimiterFramerStream } from './framer-stream';
import type { Frame } from './framer';

const text = (frames: Frame[]) =>
  frames.map((f) => (f.error ? `!${f.error}:${latin1(f.bytes)}` : latin1(f.bytes)));

describe('DelimiterFramer', () => {
  it('splits on CR and keeps what follows for the next push', () => {
    const framer = new DelimiterFramer({ suffix: '\r' });
    expect(text(framer.push(toBytes('6970001000016\r69700')))).toEqual(['6970001000016']);
    expect(text(framer.push(toBytes('01000023\r')))).toEqual(['6970001000023']);
  });

  it('gives the same frames when the input is split at every byte', () => {
    const input = toBytes('abc\r\ndef\rghi\n\n\r\n  \rjkl\t');
    const whole = new DelimiterFramer({ suffix: ['\r', '\r\n', '\n'] });
    const expected = text([...whole.push(input), ...whole.flush()]);
    expect(expected).toEqual(['abc', 'def', 'ghi', '!incomplete:jkl\t']);
    for (let cut = 0; cut <= input.length; cut++) {
      const framer = new DelimiterFramer({ suffix: ['\r', '\r\n', '\n'] });
      const got = [
        ...framer.push(input.subarray(0, cut)),
        ...framer.push(input.subarray(cut)),
        ...framer.flush(),
      ];
      expect(text(got)).toEqual(expected);
    }
  });

  it('prefers the longest suffix ending at the same byte', () => {
    const framer = new DelimiterFramer({ suffix: ['X', 'YX'] });
    expect(text(framer.push(toBytes('abYXcdX')))).toEqual(['ab', 'cd']);
  });

  it('drops the LF left over when a CR-only framer reads CR LF lines', () => {
    const framer = new DelimiterFramer({ suffix: '\r' });
    expect(text(framer.push(toBytes('one\r\ntwo\r\n')))).toEqual(['one', 'two']);
  });

  it('drops whitespace-only frames but keeps inner spaces', () => {
    const framer = new DelimiterFramer({ suffix: '\r' });
    expect(text(framer.push(toBytes(' \t\r\r\r A B\r')))).toEqual([' A B']);
  });

  it('strips a prefix and reports frames without it', () => {
    const framer = new DelimiterFramer({ prefix: '\x1b', suffix: '\r' });
    expect(text(framer.push(toBytes('\x1b123\rnoise\r\x1b456\r')))).toEqual([
      '123',
      '!no-prefix:noise',
      '456',
    ]);
  });

  it('reports an overlong frame once and resumes at the next suffix', () => {
    const framer = new DelimiterFramer({ suffix: '\r\n', maxFrameBytes: 4 });
    const frames = framer.push(toBytes('abcdefghij\r\nok\r\n'));
    expect(text(frames)).toEqual(['!overflow:abcd', 'ok']);
    // Content of max+1 bytes ended by a suffix is an overflow too.
    expect(text(framer.push(toBytes('abcde\r\n')))).toEqual(['!overflow:abcd']);
  });

  it('finds a suffix that straddles the overflow cut', () => {
    const framer = new DelimiterFramer({ suffix: 'END', maxFrameBytes: 3 });
    expect(text(framer.push(toBytes('xxxxxxxENDabcEND')))).toEqual(['!overflow:xxx', 'abc']);
  });

  it('keeps at most maxFrameBytes + suffix of memory across many pushes', () => {
    const framer = new DelimiterFramer({ suffix: '\r', maxFrameBytes: 16 });
    let overflows = 0;
    for (let i = 0; i < 1000; i++) overflows += framer.push(new Uint8Array(100).fill(0x41)).length;
    expect(overflows).toBe(1);
    expect(text(framer.push(toBytes('\rZ\r')))).toEqual(['Z']);
  });

  it('flush reports unterminated data as incomplete and resets', () => {
    const framer = new DelimiterFramer({ suffix: '\r' });
    framer.push(toBytes('69700'));
    expect(text(framer.flush())).toEqual(['!incomplete:69700']);
    expect(framer.flush()).toEqual([]);
    expect(text(framer.push(toBytes('1\r')))).toEqual(['1']);
  });

  it('validates options with TypeError', () => {
    const bad: unknown[] = [
      undefined,
      {},
      { suffix: '' },
      { suffix: [] },
      { suffix: [5] },
      { suffix: '\r', maxFrameBytes: 0 },
      { suffix: '\r', maxFrameBytes: 1.5 },
      { suffix: '\r', prefix: '' },
      { suffix: '\r', prefix: 7 },
    ];
    for (const options of bad) {
      expect(() => new DelimiterFramer(options as never), JSON.stringify(options)).toThrow(
        TypeError,
      );
    }
  });

  it('works as a Node Transform', async () => {
    const stream = Readable.from([Buffer.from('12\r3'), Buffer.from('4\r5')]).pipe(
      new DelimiterFramerStream({ suffix: '\r' }),
    );
    const frames: Frame[] = [];
    for await (const frame of stream) frames.push(frame as Frame);
    expect(text(frames)).toEqual(['12', '34', '!incomplete:5']);
  });
});
