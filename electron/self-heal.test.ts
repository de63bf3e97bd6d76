import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attachRendererRecovery,
  createBackoff,
  crashExitCode,
  installProcessGuards,
  isRendererFault,
  relaunchDecision,
  restartStrategy,
  type LogLike,
  type RecoverableContents,
} from './self-heal';

const quietLog: LogLike = { info() {}, warn() {}, error() {}, fatal() {} };

class FakeContents extends EventEmitter {
  destroyed = false;
  crashes = 0;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer(): void {
    this.crashes += 1;
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
}

function harness() {
  let now = 0;
  const timers: Array<{ fn: () => void; at: number; live: boolean }> = [];
  const contents = new FakeContents();
  let reloads = 0;
  attachRendererRecovery(contents as unknown as RecoverableContents, {
    log: quietLog,
    reload: () => (reloads += 1),
    now: () => now,
    setTimer: (fn, ms) => {
      const timer = { fn, at: now + ms, live: true };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => ((handle as { live: boolean }).live = false),
    backoff: { baseMs: 100, maxMs: 1000, resetAfterMs: 10_000 },
    unresponsiveGraceMs: 5000,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers) {
      if (!timer.live || timer.at > now) continue;
      timer.live = false;
      timer.fn();
    }
  };
  return { contents, advance, reloads: () => reloads, timers };
}

describe('createBackoff', () => {
  it('doubles per consecutive failure up to the cap and resets after a quiet spell', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 500, resetAfterMs: 1000 });
    expect([0, 10, 20, 30, 40].map((t) => backoff.next(t))).toEqual([100, 200, 400, 500, 500]);
    expect(backoff.next(5000)).toBe(100);
  });
});

describe('attachRendererRecovery', () => {
  it('reloads a crashed renderer after the backoff delay', () => {
    const { contents, advance, reloads } = harness();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    advance(99);
    expect(reloads()).toBe(0);
    advance(1);
    expect(reloads()).toBe(1);
  });
  it('backs off when the renderer keeps crashing, and ignores repeats while a reload is pending', () => {
    const { contents, advance, reloads } = harness();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    advance(100);
    expect(reloads()).toBe(1);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    advance(199);
    expect(reloads()).toBe(1);
    advance(1);
    expect(reloads()).toBe(2);
  });
  it('leaves a clean exit and a destroyed window alone', () => {
    const { contents, advance, reloads } = harness();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    contents.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    advance(10_000);
    expect(reloads()).toBe(0);
    expect(isRendererFault('clean-exit')).toBe(false);
    expect(isRendererFault('launch-failed')).toBe(true);
  });
  it('crashes and reloads a renderer that stays unresponsive past the grace period', () => {
    const { contents, advance, reloads } = harness();
    contents.emit('unresponsive');
    advance(4999);
    expect(contents.crashes).toBe(0);
    advance(1);
    expect(contents.crashes).toBe(1);
    advance(100);
    expect(reloads()).toBe(1);
  });
  it('does nothing when the renderer recovers within the grace period', () => {
    const { contents, advance, reloads } = harness();
    contents.emit('unresponsive');
    advance(3000);
    contents.emit('responsive');
    advance(10_000);
    expect(contents.crashes).toBe(0);
    expect(reloads()).toBe(0);
  });
});

describe('host restarts', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('restarts by itself unless a supervisor runs it', () => {
    expect(restartStrategy({})).toBe('self');
    expect(restartStrategy({ INVOCATION_ID: 'abc' })).toBe('supervisor');
    expect(restartStrategy({ KIOSK_SUPERVISED: '1' })).toBe('supervisor');
  });
  it('stops restarting in a crash loop and forgets old restarts', () => {
    const guard = { windowMs: 1000, maxRestarts: 2 };
    expect(relaunchDecision([], 5000, guard)).toEqual({ relaunch: true, history: [5000] });
    expect(relaunchDecision([4500], 5000, guard)).toEqual({
      relaunch: true,
      history: [4500, 5000],
    });
    expect(relaunchDecision([4200, 4500], 5000, guard)).toEqual({
      relaunch: false,
      history: [4200, 4500],
    });
    expect(relaunchDecision([1000, 2000], 5000, guard)).toEqual({
      relaunch: true,
      history: [5000],
    });
  });
  it('logs an uncaught exception once, relaunches and exits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-heal-'));
    dirs.push(dir);
    const proc = new EventEmitter();
    const fatal: string[] = [];
    const calls: string[] = [];
    installProcessGuards(proc as unknown as NodeJS.Process, {
      log: { ...quietLog, fatal: (_obj, msg) => fatal.push(msg) },
      strategy: 'self',
      historyFile: join(dir, 'restarts.json'),
      relaunch: () => calls.push('relaunch'),
      exit: (code) => calls.push(`exit ${code}`),
      now: () => 1234,
    });
    proc.emit('uncaughtException', new Error('boom'));
    proc.emit('unhandledRejection', new Error('again'));
    expect(fatal).toEqual(['host exception']);
    expect(calls).toEqual(['relaunch', `exit ${crashExitCode}`]);
    expect(JSON.parse(readFileSync(join(dir, 'restarts.json'), 'utf8'))).toEqual([1234]);
  });
});
