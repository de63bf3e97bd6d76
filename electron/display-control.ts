/**
 * Applies the display schedule once a minute: while the screen should be on, a power-save blocker
 * keeps the display awake; outside those hours the blocker is released (so the OS's own screen
 * blanking applies) and an optional command turns the panel off (e.g. `xset dpms force off`, or
 * a vendor tool for the panel's RS-232 port). Commands run without a shell.
 */
import type { Logger } from 'pino';
import { isScreenOn, isStoreOpen, type DisplaySchedule } from './display-schedule';

export interface BlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): boolean;
}

export interface DisplayControllerDeps {
  schedule: DisplaySchedule;
  blocker: BlockerLike;
  runCommand: (argv: readonly string[]) => Promise<void>;
  onCommand?: readonly string[];
  offCommand?: readonly string[];
  log: Pick<Logger, 'info' | 'warn'>;
}

export interface DisplayController {
  /** Brings the screen to the state the schedule wants at `now`; idempotent. */
  tick(now: Date): 'on' | 'off';
  isStoreOpen(now: Date): boolean;
  stop(): void;
}

export function createDisplayController(deps: DisplayControllerDeps): DisplayController {
  let state: 'on' | 'off' | null = null;
  let blockerId: number | null = null;

  const run = (argv: readonly string[] | undefined) => {
    if (!argv) return;
    deps
      .runCommand(argv)
      .catch((error: unknown) =>
        deps.log.warn({ err: error, command: argv[0] }, 'display command failed'),
      );
  };

  return {
    tick(now) {
      const wanted = isScreenOn(deps.schedule, now) ? 'on' : 'off';
      if (wanted === state) return wanted;
      state = wanted;
      if (wanted === 'on') {
        if (blockerId === null) blockerId = deps.blocker.start('prevent-display-sleep');
        run(deps.onCommand);
      } else {
        if (blockerId !== null) deps.blocker.stop(blockerId);
        blockerId = null;
        run(deps.offCommand);
      }
      deps.log.info({ screen: wanted }, 'display schedule');
      return wanted;
    },
    isStoreOpen: (now) => isStoreOpen(deps.schedule, now),
    stop() {
      if (blockerId !== null) deps.blocker.stop(blockerId);
      blockerId = null;
    },
  };
}
