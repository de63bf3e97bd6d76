import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampStamp,
  compare,
  initial,
  lww,
  MAX_COUNTER,
  parse,
  receive,
  serialize,
  tick,
  type HlcStamp,
} from './hlc';

const stampArb: fc.Arbitrary<HlcStamp> = fc.record({
  wallMs: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  deviceId: fc.constantFrom('kiosk-1', 'kiosk-2', 'kiosk-10', 'mirror-A', 'k'),
});

describe('tick', () => {
  it('takes the wall clock when it moves forward and counts when it does not', () => {
    const a = tick(initial('k1'), 1000);
    expect(a).toEqual({ wallMs: 1000, counter: 0, deviceId: 'k1' });
    expect(tick(a, 1000)).toEqual({ wallMs: 1000, counter: 1, deviceId: 'k1' });
    expect(tick(a, 900)).toEqual({ wallMs: 1000, counter: 1, deviceId: 'k1' }); // clock stepped back
    expect(tick({ wallMs: 1000, counter: MAX_COUNTER, deviceId: 'k1' }, 1000)).toEqual({
      wallMs: 1001,
      counter: 0,
      deviceId: 'k1',
    });
  });

  it('is strictly monotonic whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }),
        (clock) => {
          let s = initial('k1');
          for (const now of clock) {
            const next = tick(s, now);
            expect(compare(next, s)).toBe(1);
            expect(serialize(next) > serialize(s)).toBe(true);
            s = next;
          }
        },
      ),
    );
  });
});

describe('receive', () => {
  it('moves past both the local and the remote stamp', () => {
    fc.assert(
      fc.property(
        stampArb,
        stampArb,
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (local, remote, now) => {
          const { stamp, clamped } = receive(local, remote, now, 60_000);
          expect(compare(stamp, local)).toBe(1);
          if (!clamped)
            expect(
              stamp.wallMs > remote.wallMs ||
                (stamp.wallMs === remote.wallMs && stamp.counter > remote.counter),
            ).toBe(true);
          expect(stamp.deviceId).toBe(local.deviceId);
          expect(stamp.counter).toBeLessThanOrEqual(MAX_COUNTER);
        },
      ),
    );
  });

  it('clamps a stamp from far in the future to now + max drift', () => {
    const now = Date.parse('2026-11-15T02:00:00Z');
    const from2099 = {
      wallMs: Date.parse('2099-01-01T00:00:00Z'),
      counter: 7,
      deviceId: 'broken-clock',
    };
    const { stamp, clamped } = receive(tick(initial('k1'), now), from2099, now, 60_000);
    expect(clamped).toBe(true);
    expect(stamp.wallMs).toBe(now + 60_000);
    expect(clampStamp(from2099, now, 60_000)).toEqual({
      stamp: { wallMs: now + 60_000, counter: 0, deviceId: 'broken-clock' },
      clamped: true,
    });
    // A stamp within the drift is left alone.
    expect(
      receive(initial('k1'), { wallMs: now + 59_000, counter: 3, deviceId: 'k2' }, now, 60_000),
    ).toEqual({
      stamp: { wallMs: now + 59_000, counter: 4, deviceId: 'k1' },
      clamped: false,
    });
  });
});

describe('order and text form', () => {
  it('serializes to the fixed-width sortable form and parses back', () => {
    const s = { wallMs: 1731234567890, counter: 1, deviceId: 'kiosk-7' };
    expect(serialize(s)).toBe('000001731234567890-0001-kiosk-7');
    expect(parse(serialize(s))).toEqual({ ok: true, value: s });
    expect(parse('1731234567890-1-k').ok).toBe(false);
    expect(parse('').ok).toBe(false);
  });

  it('compare is a total order that agrees with text order', () => {
    fc.assert(
      fc.property(stampArb, stampArb, stampArb, (a, b, c) => {
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        expect(compare(a, b) === 0).toBe(serialize(a) === serialize(b));
        const text = serialize(a) < serialize(b) ? -1 : serialize(a) > serialize(b) ? 1 : 0;
        expect(compare(a, b)).toBe(text);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
        const parsed = parse(serialize(a));
        expect(parsed.ok && compare(parsed.value, a)).toBe(0);
      }),
    );
  });

  it('lww keeps the later write; equal wall and counter go to the higher device id', () => {
    const a = { value: 'M', stamp: { wallMs: 10, counter: 0, deviceId: 'kiosk-1' } };
    const b = { value: 'L', stamp: { wallMs: 10, counter: 0, deviceId: 'kiosk-2' } };
    const c = { value: 'S', stamp: { wallMs: 11, counter: 0, deviceId: 'kiosk-0' } };
    expect(lww(a, b).value).toBe('L');
    expect(lww(b, a).value).toBe('L');
    expect(lww(b, c).value).toBe('S');
  });

  it('lww is commutative and associative, so replicas agree whatever order writes arrive in', () => {
    const write = stampArb.map((stamp) => ({ stamp, value: serialize(stamp) }));
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 10 }), (writes) => {
        const forward = writes.reduce((x, y) => lww(x, y));
        const backward = [...writes].reverse().reduce((x, y) => lww(x, y));
        expect(compare(forward.stamp, backward.stamp)).toBe(0);
      }),
    );
  });
});
