/**
 * "Is someone using the kiosk?": the time of the last bridge call or key press. The update policy
 * reads it so an update never lands in the middle of a session.
 */
import type { IpcMainLike } from '../bridge/ipc';

export interface ActivityClock {
  touch(): void;
  lastActivityAt(): Date | null;
}

export function createActivityClock(now: () => Date = () => new Date()): ActivityClock {
  let last: Date | null = null;
  return {
    touch: () => {
      last = now();
    },
    lastActivityAt: () => last,
  };
}

/** An ipcMain whose handlers mark activity before they run (the bridge's own checks still apply). */
export function withActivity(ipcMain: IpcMainLike, clock: ActivityClock): IpcMainLike {
  return {
    handle(channel, listener) {
      ipcMain.handle(channel, (event, params) => {
        clock.touch();
        return listener(event, params);
      });
    },
    removeHandler: (channel) => ipcMain.removeHandler(channel),
  };
}
