/**
 * The staff exit dialog: a small modal window on `kiosk://staff/` in its own session, whose
 * preload's two IPC channels answer only that window's main frame. On success the app quits with
 * `staffExitCode`. The dialog closes itself after two idle minutes.
 */
import type {
  BrowserWindow as BrowserWindowType,
  IpcMain,
  IpcMainInvokeEvent,
  Session,
} from 'electron';
import type { Logger } from 'pino';
import { fail, ok } from '../common/result';
import { originOf, staffEntryUrl, staffOrigin } from './app-protocol';
import type { StaffExitGate } from './staff-exit';
import { staffExitCancelChannel, staffExitSubmitChannel } from './staff-exit-channels';
import { staffExitWindowOptions, type WindowEnv } from './window-options';

export interface StaffExitFlowDeps {
  BrowserWindow: typeof BrowserWindowType;
  parent: BrowserWindowType;
  ipcMain: IpcMain;
  env: WindowEnv;
  /** The dialog's own session (window-session.ts): serves `kiosk://staff` and its preload only. */
  session: Session;
  gate: StaffExitGate;
  log: Logger;
  lockDown: (window: BrowserWindowType) => void;
  /** Called once a supervisor is verified. */
  onExit: () => void;
  idleCloseMs?: number;
}

export interface StaffExitFlow {
  open(): void;
}

export function createStaffExitFlow(deps: StaffExitFlowDeps): StaffExitFlow {
  const { BrowserWindow } = deps;
  let dialog: BrowserWindowType | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  const idleMs = deps.idleCloseMs ?? 120_000;

  const close = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (dialog && !dialog.isDestroyed()) dialog.close();
    dialog = null;
  };
  const restartIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(close, idleMs);
  };
  const fromDialog = (event: IpcMainInvokeEvent) =>
    dialog !== null &&
    !dialog.isDestroyed() &&
    event.sender === dialog.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === dialog.webContents.mainFrame &&
    originOf(event.senderFrame.url) === staffOrigin;

  deps.ipcMain.handle(staffExitSubmitChannel, async (event, input: unknown) => {
    if (!fromDialog(event)) return fail('forbidden', 'not from the staff exit dialog');
    restartIdle();
    const result = await deps.gate.submit(input);
    if (result.ok) {
      deps.log.warn({}, 'staff exit granted');
      close();
      setImmediate(deps.onExit);
    } else {
      deps.log.warn({ code: result.error.code }, 'staff exit refused');
    }
    return result;
  });
  deps.ipcMain.handle(staffExitCancelChannel, (event) => {
    if (fromDialog(event)) close();
    return ok(null);
  });

  return {
    open() {
      if (dialog && !dialog.isDestroyed()) {
        dialog.focus();
        return;
      }
      // The same locked preferences as the kiosk window, written here for Electronegativity.
      const window = new BrowserWindow({
        ...staffExitWindowOptions(),
        parent: deps.parent,
        webPreferences: {
          session: deps.session,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
          navigateOnDragDrop: false,
          disableBlinkFeatures: 'Auxclick',
          spellcheck: false,
          devTools: !deps.env.production,
          safeDialogs: true,
          disableDialogs: deps.env.production,
        },
      });
      dialog = window;
      deps.lockDown(window);
      window.once('ready-to-show', () => window.show());
      window.on('closed', () => {
        if (dialog === window) dialog = null;
      });
      restartIdle();
      window
        .loadURL(staffEntryUrl)
        .catch((error: unknown) =>
          deps.log.warn({ err: error }, 'staff exit dialog failed to load'),
        );
      deps.log.info({}, 'staff exit dialog opened');
    },
  };
}
