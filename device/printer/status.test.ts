import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeStatusReplies,
  isStatusByte,
  parseStatusByte,
  statusRequest,
  StatusPoll,
  type PrinterStatus,
} from './status';

describe('DLE EOT requests', () => {
  it('is 10 04 n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...new StatusPoll().request()]).toEqual([16, 4, 1, 16, 4, 2, 16, 4, 3, 16, 4, 4]);
  });
});

describe('parseStatusByte (Epson tables)', () => {
  it('n=1: 0x12 is online, drawer pin LOW; 0x16 pin HIGH; 0x1A offline', () => {
    expect(parseStatusByte(1, 0x12)).toEqual({
      ok: true,
      value: { kind: 1, drawerSignalHigh: false, offline: false },
    });
    expect(parseStatusByte(1, 0x16)).toMatchObject({ ok: true, value: { drawerSignalHigh: true } });
    expect(parseStatusByte(1, 0x1a)).toMatchObject({ ok: true, value: { offline: true } });
  });

  it('n=2: 0x16 cover open, 0x32 paper-end stop, 0x52 error', () => {
    expect(parseStatusByte(2, 0x16)).toEqual({
      ok: true,
      value: { kind: 2, coverOpen: true, feedButton: false, paperEndStop: false, error: false },
    });
    expect(parseStatusByte(2, 0x32)).toMatchObject({
      value: { paperEndStop: true, coverOpen: false },
    });
    expect(parseStatusByte(2, 0x52)).toMatchObject({ value: { error: true } });
  });

  it('n=3: autocutter 0x1A, unrecoverable 0x32, auto-recoverable 0x52', () => {
    expect(parseStatusByte(3, 0x1a)).toMatchObject({
      value: { autocutterError: true, unrecoverableError: false },
    });
    expect(parseStatusByte(3, 0x32)).toMatchObject({ value: { unrecoverableError: true } });
    expect(parseStatusByte(3, 0x52)).toMatchObject({ value: { autoRecoverableError: true } });
  });

  it('n=4: 0x1E near end (bits 2,3), 0x72 paper not present (bits 5,6), 0x12 adequate', () => {
    expect(parseStatusByte(4, 0x1e)).toEqual({
      ok: true,
      value: { kind: 4, paperNearEnd: true, paperOut: false },
    });
    expect(parseStatusByte(4, 0x72)).toEqual({
      ok: true,
      value: { kind: 4, paperNearEnd: false, paperOut: true },
    });
    expect(parseStatusByte(4, 0x12)).toEqual({
      ok: true,
      value: { kind: 4, paperNearEnd: false, paperOut: false },
    });
  });

  it('rejects bytes without the fixed bits, and unknown n', () => {
    for (const b of [0x00, 0x02, 0x10, 0x13, 0x92, 0xff])
      expect(parseStatusByte(1, b)).toMatchObject({ ok: false, error: { code: 'bad-fixed-bits' } });
    expect(parseStatusByte(5, 0x12)).toMatchObject({ ok: false, error: { code: 'bad-kind' } });
  });

  it('never throws on any byte and n', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 255 }), (n, b) => {
        const r = parseStatusByte(n, b);
        expect(r.ok).toBe(r.ok && isStatusByte(b));
      }),
    );
  });
});

describe('StatusPoll', () => {
  const statusArb = fc.record({
    online: fc.boolean(),
    coverOpen: fc.boolean(),
    paperNearEnd: fc.boolean(),
    paperOut: fc.boolean(),
    error: fc.boolean(),
    drawerSignalHigh: fc.boolean(),
  });

  it('folds the four replies, skipping noise, whichever way they arrive', () => {
    fc.assert(
      fc.property(statusArb, fc.nat(3), (status: PrinterStatus, cut) => {
        const replies = encodeStatusReplies(status);
        const poll = new StatusPoll();
        expect(poll.accept(Uint8Array.of(0x00, ...replies.subarray(0, cut)))).toBeNull();
        expect(poll.accept(replies.subarray(cut))).toEqual(status);
        expect(poll.skippedBytes).toBe(1);
      }),
    );
  });

  it('reports paper out, cover open and offline from a real reply set', () => {
    const poll = new StatusPoll();
    expect(poll.accept(Uint8Array.of(0x1a, 0x36, 0x12, 0x7e))).toEqual({
      online: false,
      coverOpen: true,
      paperNearEnd: true,
      paperOut: true,
      error: false,
      drawerSignalHigh: false,
    });
  });
});
