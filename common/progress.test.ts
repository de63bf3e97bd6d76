import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, progressLine, terminalReporter } from './progress';

function clock() {
  const c = { ms: 1_000_000, now: () => c.ms };
  return c;
}

describe('createProgress', () => {
  it('reports rate and time left from the work of this run, not what was done before', () => {
    const c = clock();
    const p = createProgress({
      task: 'import',
      unit: 'rows',
      total: 1000,
      alreadyDone: 400,
      now: c.now,
    });
    expect(p.snapshot()).toMatchObject({ done: 400, ratePerSecond: null, etaSeconds: null });
    c.ms += 2000;
    p.advance(100); // 100 rows in 2 s = 50 rows/s; 500 left = 10 s
    expect(p.snapshot()).toMatchObject({ done: 500, ratePerSecond: 50, etaSeconds: 10 });
    c.ms += 1000;
    p.update(650);
    expect(p.snapshot().ratePerSecond).toBeCloseTo(250 / 3);
    p.finish();
    expect(p.snapshot()).toMatchObject({ done: 1000, etaSeconds: 0, finished: true });
  });

  it('measures the rate over the recent window, so a slow start does not linger', () => {
    const c = clock();
    const p = createProgress({
      task: 't',
      unit: 'rows',
      total: null,
      now: c.now,
      windowMs: 10_000,
    });
    for (let i = 0; i < 30; i++) {
      c.ms += 1000;
      p.advance(i < 10 ? 1 : 100);
    }
    expect(p.snapshot().ratePerSecond).toBeGreaterThan(90);
    expect(p.snapshot().etaSeconds).toBeNull();
  });

  it('calls onUpdate at most every minIntervalMs, and always at the end', () => {
    const c = clock();
    const seen: number[] = [];
    const p = createProgress({
      task: 't',
      unit: 'rows',
      total: 10,
      now: c.now,
      minIntervalMs: 1000,
      onUpdate: (s) => seen.push(s.done),
    });
    for (let i = 0; i < 5; i++) {
      c.ms += 300;
      p.advance(1);
    }
    p.finish();
    expect(seen).toEqual([1, 5, 10]);
  });
});

describe('showing progress', () => {
  it('writes one line with percent, amounts, rate and time left', () => {
    const line = progressLine({
      task: 'import variants.csv',
      unit: 'rows',
      done: 450_000,
      total: 1_000_000,
      ratePerSecond: 52_300,
      etaSeconds: 671,
      elapsedSeconds: 9,
      finished: false,
    });
    expect(line).toBe(
      'import variants.csv  45% 450,000/1,000,000 rows  52,300 rows/s  11 min 11 s left',
    );
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(42.4)).toBe('42 s');
  });

  it('redraws a bar in place on a terminal, at most 10 times a second, and clears it at the end', () => {
    const c = clock();
    const tty: string[] = [];
    const p = createProgress({
      task: 'sync catalog',
      unit: 'rows',
      total: 1000,
      now: c.now,
      minIntervalMs: 0,
      onUpdate: terminalReporter({ isTTY: true, columns: 100, write: (t) => tty.push(t) }),
    });
    for (let i = 0; i < 100; i++) {
      c.ms += 20; // 50 updates a second
      p.advance(10);
    }
    const bars = [...tty];
    p.finish();
    // 2 s of work at 50 updates/s: one redraw per 100 ms, not 100
    expect(bars.length).toBeGreaterThanOrEqual(19);
    expect(bars.length).toBeLessThanOrEqual(21);
    expect(bars.every((t) => t.startsWith('\r\x1b[2K[') && !t.includes('\n'))).toBe(true);
    expect(bars.at(-1)).toMatch(
      /\[#+-*\] sync catalog {2}\d+% [\d,]+\/1,000 rows {2}500 rows\/s {2}\d+ s left$/,
    );
    // the end: the bar is cleared and one summary line stays
    expect(tty.at(-1)).toBe(
      '\r\x1b[2Ksync catalog  100% 1,000/1,000 rows  500 rows/s  done in 2 s\n',
    );
  });

  it('writes timestamped plain lines every 5 s or each 10 %, and the last one, when not a terminal', () => {
    const c = clock();
    c.ms = Date.parse('2026-12-05T03:00:00.000Z');
    const plain: string[] = [];
    const p = createProgress({
      task: 'import',
      unit: 'rows',
      total: 100,
      now: c.now,
      minIntervalMs: 0,
      onUpdate: terminalReporter({ write: (t) => plain.push(t) }, { now: c.now }),
    });
    for (let i = 0; i < 20; i++) {
      c.ms += 1000;
      p.advance(1); // 1 % a second: the 5 s rule decides
    }
    expect(plain).toHaveLength(5); // at 1 s, 6 s, 10 s (10 %), 15 s, 20 s (20 %)
    c.ms += 1000;
    p.advance(30); // 51 %: crosses 10 % steps at once, one line
    c.ms += 100;
    p.advance(10); // 61 %: a new 10 % step, though only 0.1 s later
    c.ms += 100;
    p.advance(1); // same step, too soon: nothing
    p.finish();
    expect(plain).toHaveLength(8);
    expect(plain[0]).toBe(
      '2026-12-05T03:00:01.000Z import  1% 1/100 rows  1 rows/s  1 min 39 s left\n',
    );
    expect(plain.every((t) => !t.includes('\r') && !t.includes('\x1b') && t.endsWith('\n'))).toBe(
      true,
    );
    expect(plain.at(-1)).toMatch(
      /^2026-12-05T03:00:21\.200Z import {2}100% 100\/100 rows .*done in 21 s\n$/,
    );
  });
});
