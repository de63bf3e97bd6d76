import { describe, expect, it } from 'vitest';
import { latin1, toBytes } from './bytes';
import {
  createFramer,
  isScannerProfileId,
  readScan,
  scannerProfiles,
  type ScannerProfile,
} from './profiles';

describe('scanner profiles', () => {
  it('honeywell-serial frames on CR and splits the AIM id', () => {
    const framer = createFramer('honeywell-serial');
    const [frame] = framer.push(toBytes(']E06970001000016\r'));
    expect(frame?.error).toBeUndefined();
    const scan = readScan(scannerProfiles['honeywell-serial'], frame?.bytes ?? new Uint8Array());
    expect(scan.aim).toBe(']E0');
    expect(latin1(scan.data)).toBe('6970001000016');
  });

  it('zebra-serial frames CR LF lines', () => {
    const framer = createFramer('zebra-serial');
    const frames = framer.push(toBytes(']C0ABC\r\n]Q1https://x.y/z\r\n'));
    expect(frames.map((f) => latin1(f.bytes))).toEqual([']C0ABC', ']Q1https://x.y/z']);
  });

  it('generic-cr keeps an AIM-looking start as data', () => {
    const [frame] = createFramer('generic-cr').push(toBytes(']E0123\n'));
    const scan = readScan(scannerProfiles['generic-cr'], frame?.bytes ?? new Uint8Array());
    expect(scan.aim).toBeNull();
    expect(latin1(scan.data)).toBe(']E0123');
  });

  it('stx-etx frames without any line ending', () => {
    const framer = createFramer('stx-etx');
    expect(framer.push(toBytes('\x02123\x03\x02456\x03')).map((f) => latin1(f.bytes))).toEqual([
      '123',
      '456',
    ]);
  });

  it('accepts a custom profile with a prefix', () => {
    const custom: ScannerProfile = {
      id: 'custom',
      label: 'custom',
      framing: 'delimiter',
      prefix: '#',
      suffix: ['\t'],
      aim: false,
      baudRate: 9600,
    };
    expect(
      createFramer(custom)
        .push(toBytes('#42\t'))
        .map((f) => latin1(f.bytes)),
    ).toEqual(['42']);
  });

  it('refuses an unknown profile id with TypeError', () => {
    expect(isScannerProfileId('nope')).toBe(false);
    expect(isScannerProfileId('newland')).toBe(true);
    expect(() => createFramer('nope' as never)).toThrow(TypeError);
  });
});
