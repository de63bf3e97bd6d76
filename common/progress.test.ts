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

  it('redraws a bar in place on a terminal and writes calm plain lines elsewhere', () => {
    const c = clock();
    const tty: string[] = [];
    const plain: string[] = [];
    const both = (s: Parameters<ReturnType<typeof terminalReporter>>[0]) => {
      terminalReporter({ isTTY: true, columns: 100, write: (t) => tty.push(t) })(s);
      plainReporter(s);
    };
    const plainReporter = terminalReporter({ write: (t) => plain.push(t) }, { plainEveryMs: 5000 });
    const p = createProgress({
      task: 'sync catalog',
      unit: 'rows',
      total: 100,
      now: c.now,
      minIntervalMs: 0,
      onUpdate: both,
    });
    for (let i = 0; i < 10; i++) {
      c.ms += 1000;
      p.advance(10);
    }
    p.finish();
    expect(tty.every((t) => t.startsWith('\r\x1b[2K['))).toBe(true);
    expect(tty.at(-1)).toMatch(/\[#+\] sync catalog {2}100% 100\/100 rows .*done in 10 s\n$/);
    // 10 s of work: a line at 1 s, one at 6 s, and the final line
    expect(plain).toHaveLength(3);
    expect(plain.every((t) => !t.includes('\r') && t.endsWith('\n'))).toBe(true);
    expect(plain.at(-1)).toMatch(/done in 10 s/);
  });
});
