import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchDebouncer } from './debouncer-bench';
import { TagDebouncer, type TagEvent } from './debouncer';

const EPC = '3074257BF7194E4000001A85';
const NEIGHBOUR = '3074257BF7194E4000009999';
const read = (rssi = -50, antenna = 1, epc = EPC) => ({ epc, antenna, rssi });
const types = (events: TagEvent[]): string[] => events.map((e) => `${e.type}:${e.epc.slice(-4)}`);

describe('TagDebouncer options', () => {
  it('uses the documented defaults', () => {
    expect(new TagDebouncer().options).toMatchObject({
      enterReads: 3,
      windowMs: 1000,
      rssiFloor: -70,
      leaveAfterMs: 3000,
    });
  });

  it.each([
    { enterReads: 0 },
    { enterReads: 1.5 },
    { windowMs: -1 },
    { leaveAfterMs: 0 },
    { rssiFloor: Number.NaN },
    { maxTracked: 0 },
  ])('rejects %j with a TypeError', (bad) => {
    expect(() => new TagDebouncer(bad)).toThrow(TypeError);
  });
});

describe('TagDebouncer enter', () => {
  it('enters on the Nth read within the window, with peak and mean RSSI and the strongest antenna', () => {
    const d = new TagDebouncer({ enterReads: 3, windowMs: 1000 });
    expect(d.read(read(-60, 1), 0)).toEqual([]);
    expect(d.read(read(-45, 2), 400)).toEqual([]);
    expect(d.read(read(-51, 1), 900)).toEqual([
      { type: 'enter', epc: EPC, antenna: 2, rssi: -45, rssiMean: -52, at: 900 },
    ]);
    // Further reads while present give no more events.
    expect(d.read(read(), 950)).toEqual([]);
    expect(d.presentTags()).toEqual([EPC]);
  });

  it('does not enter when the N reads are spread wider than the window', () => {
    const d = new TagDebouncer({ enterReads: 3, windowMs: 1000 });
    d.read(read(), 0);
    d.read(read(), 600);
    expect(d.read(read(), 1001)).toEqual([]); // 0..1001 is wider than 1000
    expect(types(d.read(read(), 1100))).toEqual(['enter:1A85']); // 600..1100 fits
  });

  it('ignores reads below the RSSI floor: a neighbour’s weak tag never enters and costs no memory', () => {
    const d = new TagDebouncer({ rssiFloor: -70 });
    for (let t = 0; t < 10_000; t += 10) expect(d.read(read(-75, 1, NEIGHBOUR), t)).toEqual([]);
    expect(d.stats.tracked).toBe(0);
    // The floor is inclusive.
    d.read(read(-70), 0);
    d.read(read(-70), 1);
    expect(types(d.read(read(-70), 2))).toEqual(['enter:1A85']);
  });

  it('weak reads between strong ones do not count toward N', () => {
    const d = new TagDebouncer({ enterReads: 3 });
    d.read(read(-50), 0);
    d.read(read(-90), 10);
    d.read(read(-50), 20);
    expect(d.read(read(-90), 30)).toEqual([]);
    expect(types(d.read(read(-50), 40))).toEqual(['enter:1A85']);
  });

  it('enterReads 1 enters on the first read', () => {
    expect(types(new TagDebouncer({ enterReads: 1 }).read(read(), 5))).toEqual(['enter:1A85']);
  });
});

describe('TagDebouncer leave', () => {
  function entered(options = {}): TagDebouncer {
    const d = new TagDebouncer({ enterReads: 2, leaveAfterMs: 3000, ...options });
    d.read(read(-50), 0);
    d.read(read(-40, 3), 100);
    return d;
  }

  it('leaves after the absence timeout, stamped at last read + timeout', () => {
    const d = entered();
    expect(d.tick(3099)).toEqual([]);
    const events = d.tick(3100);
    expect(events).toEqual([
      { type: 'leave', epc: EPC, antenna: 3, rssi: -40, rssiMean: -45, at: 3100 },
    ]);
    expect(d.tick(10_000)).toEqual([]);
    expect(d.stats.tracked).toBe(0);
  });

  it('reads keep a present tag in; weak reads do not', () => {
    const d = entered();
    d.read(read(-60), 2000);
    expect(d.tick(4000)).toEqual([]);
    d.read(read(-95), 4500); // below the floor: not a sighting
    expect(types(d.tick(5000))).toEqual(['leave:1A85']);
  });

  it('a tag that leaves and comes back enters again', () => {
    const d = entered();
    expect(types(d.tick(3100))).toEqual(['leave:1A85']);
    expect(d.read(read(), 5000)).toEqual([]);
    expect(types(d.read(read(), 5100))).toEqual(['enter:1A85']);
  });

  it('a read after the timeout with no tick between reports the leave, then counts toward a new enter', () => {
    const d = entered();
    expect(types(d.read(read(), 9000))).toEqual(['leave:1A85']);
    expect(types(d.read(read(), 9001))).toEqual(['enter:1A85']);
  });
});

describe('TagDebouncer memory', () => {
  it('evicts quiet candidates on tick', () => {
    const d = new TagDebouncer({ enterReads: 5, windowMs: 1000 });
    for (let i = 0; i < 100; i++) d.read(read(-50, 1, `3074${i.toString(16).padStart(4, '0')}`), 0);
    expect(d.stats.tracked).toBe(100);
    d.tick(1001);
    expect(d.stats.tracked).toBe(0);
  });

  it('tracks at most maxTracked tags, evicting stale candidates first', () => {
    const d = new TagDebouncer({ enterReads: 5, windowMs: 100, maxTracked: 10 });
    for (let i = 0; i < 20; i++) d.read(read(-50, 1, `3074${i.toString(16).padStart(4, '0')}`), 0);
    expect(d.stats).toMatchObject({ tracked: 10, ignored: 10 });
    d.read(read(-50, 1, 'AAAA'), 500); // the old candidates are stale by now
    expect(d.stats).toMatchObject({ tracked: 1, ignored: 10 });
  });

  it('every enter is followed by at most one leave, and events alternate per tag', () => {
    const readArb = fc.record({
      tag: fc.integer({ min: 0, max: 4 }),
      rssi: fc.integer({ min: -90, max: -30 }),
      dt: fc.integer({ min: 0, max: 2000 }),
      tick: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(readArb, { maxLength: 200 }), (steps) => {
        const d = new TagDebouncer({ enterReads: 2, windowMs: 500, leaveAfterMs: 1500 });
        const inside = new Set<string>();
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          const events = s.tick ? d.tick(now) : d.read(read(s.rssi, 1, `30740000${s.tag}000`), now);
          for (const e of events) {
            if (e.type === 'enter') {
              expect(inside.has(e.epc)).toBe(false);
              expect(e.rssi).toBeGreaterThanOrEqual(-70);
              inside.add(e.epc);
            } else {
              expect(inside.delete(e.epc)).toBe(true);
            }
          }
        }
        expect(new Set(d.presentTags())).toEqual(inside);
      }),
    );
  });
});

describe('benchDebouncer', () => {
  it('runs and reports a positive rate', () => {
    const r = benchDebouncer(20_000);
    expect(r.readsPerSecond).toBeGreaterThan(0);
    expect(r.events).toBeGreaterThan(0);
  });
});
