/**
 * Self-healing. The renderer holds no state the shopper would miss (the session lives in the
 * host), so a renderer that crashes is reloaded, and one that hangs is crashed and then reloaded,
 * with a backoff so a page that crashes at start-up does not spin. A host (main process)
 * exception is logged once and the app restarts: by itself (`app.relaunch()`), or by its
 * supervisor when one runs it (systemd sets INVOCATION_ID), with a crash-loop guard.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** After this long without a failure, the next delay starts from `baseMs` again. */
  resetAfterMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, resetAfterMs: 120_000 };

/** Delays that double per consecutive failure: base, 2·base, 4·base … capped at max. */
export function createBackoff(options: BackoffOptions = defaultBackoff): {
  next(nowMs: number): number;
} {
  let failures = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    next(nowMs) {
      if (nowMs - lastAt > options.resetAfterMs) failures = 0;
      lastAt = nowMs;
      const delay = Math.min(options.maxMs, options.baseMs * 2 ** failures);
      failures += 1;
      return delay;
    },
  };
}

/** A renderer that exited cleanly was closed on purpose; every other way of going is a fault. */
export function isRendererFault(reason: string): boolean {
  return reason !== 'clean-exit';
}

export interface LogLike {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

/** The parts of WebContents that recovery uses. */
export interface RecoverableContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  forcefullyCrashRenderer(): void;
}

export interface RecoveryDeps {
  log: LogLike;
  /** Loads the app entry again (a reload of a crashed page may keep a bad URL). */
  reload: () => void;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  backoff?: BackoffOptions;
  /** A hang shorter than this is left alone (a long GC or a big import). */
  unresponsiveGraceMs?: number;
}

export function attachRendererRecovery(contents: RecoverableContents, deps: RecoveryDeps): void {
  const backoff = createBackoff(deps.backoff);
  const grace = deps.unresponsiveGraceMs ?? 10_000;
  let hangTimer: unknown = null;
  let reloadPending = false;

  contents.on('render-process-gone', (_event, details) => {
    if (!isRendererFault(details.reason) || contents.isDestroyed() || reloadPending) return;
    const delay = backoff.next(deps.now());
    deps.log.error(
      { reason: details.reason, exitCode: details.exitCode, reloadInMs: delay },
      'renderer gone; reloading',
    );
    reloadPending = true;
    deps.setTimer(() => {
      reloadPending = false;
      if (!contents.isDestroyed()) deps.reload();
    }, delay);
  });
  contents.on('unresponsive', () => {
    if (hangTimer !== null) return;
    deps.log.warn({ graceMs: grace }, 'renderer unresponsive');
    hangTimer = deps.setTimer(() => {
      hangTimer = null;
      if (contents.isDestroyed()) return;
      deps.log.error({}, 'renderer still unresponsive; restarting it');
      // Crashing it routes the hang through the same reload path as a crash.
      contents.forcefullyCrashRenderer();
    }, grace);
  });
  contents.on('responsive', () => {
    if (hangTimer === null) return;
    deps.clearTimer(hangTimer);
    hangTimer = null;
    deps.log.info({}, 'renderer responsive again');
  });
}

export type RestartStrategy = 'self' | 'supervisor';

/** Under systemd (or an explicit supervisor) the app exits and is restarted from outside. */
export function restartStrategy(env: NodeJS.ProcessEnv): RestartStrategy {
  return env.INVOCATION_ID || env.KIOSK_SUPERVISED === '1' ? 'supervisor' : 'self';
}

export interface CrashLoopGuard {
  windowMs: number;
  maxRestarts: number;
}

export const defaultCrashLoopGuard: CrashLoopGuard = { windowMs: 10 * 60_000, maxRestarts: 5 };

/**
 * Given the times of earlier restarts, should this crash restart the app? More than
 * `maxRestarts` within `windowMs` means a crash loop: stop, so the failure is visible to staff.
 */
export function relaunchDecision(
  history: readonly number[],
  nowMs: number,
  guard: CrashLoopGuard = defaultCrashLoopGuard,
): { relaunch: boolean; history: number[] } {
  const recent = history.filter(
    (at) => Number.isFinite(at) && nowMs - at < guard.windowMs && at <= nowMs,
  );
  if (recent.length >= guard.maxRestarts) return { relaunch: false, history: recent };
  return { relaunch: true, history: [...recent, nowMs] };
}

export function readRestartHistory(file: string): number[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed)
      ? parsed.filter((value): value is number => typeof value === 'number')
      : [];
  } catch {
    return [];
  }
}

export interface ProcessGuardDeps {
  log: LogLike;
  strategy: RestartStrategy;
  historyFile: string;
  relaunch: () => void;
  exit: (code: number) => void;
  now: () => number;
}

export const crashExitCode = 70;

/** Handles a host exception: log it once, then restart (or stop when crash-looping). */
export function onHostException(error: unknown, deps: ProcessGuardDeps): void {
  deps.log.fatal({ err: error }, 'host exception');
  const decision = relaunchDecision(readRestartHistory(deps.historyFile), deps.now());
  try {
    writeFileSync(deps.historyFile, JSON.stringify(decision.history));
  } catch (writeError) {
    deps.log.error({ err: writeError }, 'cannot record the restart');
  }
  if (!decision.relaunch)
    deps.log.fatal({ restarts: decision.history.length }, 'crash loop: not restarting');
  else if (deps.strategy === 'self') deps.relaunch();
  deps.exit(crashExitCode);
}

export function installProcessGuards(
  proc: Pick<NodeJS.Process, 'on'>,
  deps: ProcessGuardDeps,
): void {
  let handling = false;
  const handle = (error: unknown) => {
    if (handling) return;
    handling = true;
    onHostException(error, deps);
  };
  proc.on('uncaughtException', handle);
  proc.on('unhandledRejection', handle);
}
