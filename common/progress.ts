/**
 * Progress of long work (an import, a first sync, model training, media fetches): how much is
 * done, the rate and the time left, and how to show it — a bar redrawn in place on a terminal,
 * plain lines at a calm interval otherwise (a log file, a pipe, CI).
 *
 * Pure: the clock and the output are given, so every layer may use it (common/ imports nothing).
 * Work resumed after an interruption starts from what was already done (`alreadyDone`); the rate
 * counts only what this run did, so the time left is not fooled by the rows done before.
 */

export interface ProgressSnapshot {
  /** What is being done, e.g. `import variants.csv`. */
  task: string;
  unit: string;
  done: number;
  /** Null while unknown (the amount of work is not known yet). */
  total: number | null;
  /** Units per second over the recent window; null until there is enough to tell. */
  ratePerSecond: number | null;
  /** Seconds left at the current rate; null without a total or a rate. */
  etaSeconds: number | null;
  elapsedSeconds: number;
  finished: boolean;
  /** A second count shown after the first, e.g. `120/400 files` beside the bytes. */
  detail?: string;
}

export interface ProgressOptions {
  task: string;
  unit: string;
  total?: number | null;
  /** Work done by an earlier, interrupted run (shown as done, not counted in the rate). */
  alreadyDone?: number;
  /** Milliseconds since some fixed point; default `Date.now`. */
  now?: () => number;
  /** Called with a snapshot on every change that `minIntervalMs` lets through, and at the end. */
  onUpdate?: (snapshot: ProgressSnapshot) => void;
  /** Fewest milliseconds between two `onUpdate` calls (default 250). */
  minIntervalMs?: number;
  /** The rate is measured over about this many milliseconds of recent work (default 10 s). */
  windowMs?: number;
}

export interface Progress {
  /** Adds `n` units done. */
  advance(n: number): void;
  /** Sets the units done (work that reports its own count), and the total when given. */
  update(done: number, total?: number | null): void;
  setTotal(total: number | null): void;
  /** Sets the second count shown beside the first (shown from the next update on). */
  setDetail(detail: string): void;
  finish(): void;
  snapshot(): ProgressSnapshot;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const minInterval = options.minIntervalMs ?? 250;
  const windowMs = options.windowMs ?? 10_000;
  const startedAt = now();
  let done = options.alreadyDone ?? 0;
  let total = options.total ?? null;
  let finished = false;
  let detail: string | undefined;
  let lastEmit = -Infinity;
  // Samples (time, done) of this run; the rate is taken between the oldest kept and the newest.
  const samples: Array<{ at: number; done: number }> = [{ at: startedAt, done }];

  const rate = (): number | null => {
    const first = samples[0];
    const last = samples.at(-1);
    if (!first || !last || last.at - first.at < 200 || last.done === first.done) return null;
    return ((last.done - first.done) * 1000) / (last.at - first.at);
  };
  const snapshot = (): ProgressSnapshot => {
    const r = rate();
    const left = total === null ? null : Math.max(0, total - done);
    return {
      task: options.task,
      unit: options.unit,
      done,
      total,
      ratePerSecond: r,
      etaSeconds: finished ? 0 : left !== null && r !== null && r > 0 ? left / r : null,
      elapsedSeconds: (now() - startedAt) / 1000,
      finished,
      ...(detail === undefined ? {} : { detail }),
    };
  };
  const changed = (force: boolean) => {
    const at = now();
    samples.push({ at, done });
    while (samples.length > 2 && at - (samples[1]?.at ?? at) >= windowMs) samples.shift();
    if (!options.onUpdate || (!force && at - lastEmit < minInterval)) return;
    lastEmit = at;
    options.onUpdate(snapshot());
  };
  return {
    advance(n) {
      done += n;
      changed(false);
    },
    update(value, newTotal) {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      changed(false);
    },
    setTotal(value) {
      total = value;
      changed(false);
    },
    setDetail(value) {
      detail = value;
    },
    finish() {
      if (finished) return;
      finished = true;
      if (total !== null) done = Math.max(done, total);
      changed(true);
    },
    snapshot,
  };
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** `1 h 02 min`, `3 min 05 s`, `42 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** One line: `import variants.csv  45% 450,000/1,000,000 rows  52,300 rows/s  11 s left`. */
export function progressLine(p: ProgressSnapshot): string {
  const parts = [p.task];
  if (p.total === null) parts.push(`${grouped(p.done)} ${p.unit}`);
  else {
    const pct = p.total > 0 ? Math.floor((100 * Math.min(p.done, p.total)) / p.total) : 100;
    parts.push(`${pct}% ${grouped(p.done)}/${grouped(p.total)} ${p.unit}`);
  }
  if (p.detail) parts.push(p.detail);
  if (p.ratePerSecond !== null) parts.push(`${grouped(p.ratePerSecond)} ${p.unit}/s`);
  if (p.finished) parts.push(`done in ${formatDuration(p.elapsedSeconds)}`);
  else if (p.etaSeconds !== null) parts.push(`${formatDuration(p.etaSeconds)} left`);
  return parts.join('  ');
}

/** The part of a terminal the reporter writes to (process.stderr fits). */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * An `onUpdate` that draws a bar on a terminal (one line redrawn with `\r`, at most every
 * `ttyEveryMs`, default 100 ms, cleared at the end so only the final summary line stays) and,
 * elsewhere, a plain line with a timestamp every `plainEveryMs` (default 5 s) or each further 10 %,
 * and at the end. Lines carry the task, counts, rate and time only: no row content, no names.
 */
export function terminalReporter(
  out: ProgressOutput,
  options: { plainEveryMs?: number; ttyEveryMs?: number; now?: () => number } = {},
): (p: ProgressSnapshot) => void {
  const every = options.plainEveryMs ?? 5_000;
  const ttyEvery = options.ttyEveryMs ?? 100;
  const now = options.now ?? Date.now;
  let lastAt = -Infinity;
  let lastTenth = -1;
  // Capped at 9 until finished: the 100 % line is the final one.
  const tenth = (p: ProgressSnapshot) =>
    p.total ? Math.min(9, Math.floor((10 * Math.min(p.done, p.total)) / p.total)) : -1;
  return (p) => {
    const at = p.elapsedSeconds * 1000;
    const line = progressLine(p);
    if (!out.isTTY) {
      const step = tenth(p);
      if (!p.finished && at - lastAt < every && step <= lastTenth) return;
      lastAt = at;
      lastTenth = step;
      out.write(`${new Date(now()).toISOString()} ${line}\n`);
      return;
    }
    if (p.finished) {
      out.write(`\r\x1b[2K${line}\n`);
      return;
    }
    if (at - lastAt < ttyEvery) return;
    lastAt = at;
    const width = Math.max(10, Math.min(30, (out.columns ?? 80) - line.length - 4));
    const filled = p.total ? Math.round((width * Math.min(p.done, p.total)) / p.total) : 0;
    const bar = p.total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
    out.write(`\r\x1b[2K${bar}${line}`);
  };
}
