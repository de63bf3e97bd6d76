/**
 * Electron main: wires the host, the kiosk window and the lockdown, self-healing, display and
 * update modules. Every decision lives in a small tested module; this file only connects them.
 * Exit codes: 2 = config error, 64 = staff exit (not restarted), 70 = host crash.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
} from 'electron';
import electronUpdater from 'electron-updater';
import { ipcEventChannel, registerIpcBridge } from '../bridge/ipc';
import { startKioskHost } from '../host/app';
import { safeStorageSealer } from './key-sealer';
import { ConfigError, loadConfigFromEnv } from '../host/config';
import { demoStoreDir, rendererDir } from '../host/paths';
import { createActivityClock, withActivity } from './activity';
import { appEntryUrl, appOrigin, appSchemePrivileges, staffOrigin } from './app-protocol';
import { createDisplayController } from './display-control';
import { lockDownApp, lockDownContents, lockDownSession } from './lockdown';
import { createShellLogger } from './log-files';
import { contentSecurityPolicy } from './policy/csp';
import { createSenderCheck } from './policy/ipc-sender';
import { windowOpenDecision } from './policy/navigation';
import { shortcutDecision } from './policy/shortcuts';
import { attachRendererRecovery, installProcessGuards, restartStrategy } from './self-heal';
import { displayScheduleOf, parseShellConfig } from './shell-config';
import { createStaffExitGate, staffExitCode } from './staff-exit';
import { createStaffExitFlow } from './staff-exit-window';
import { createUpdateScheduler } from './updater';
import { kioskWindowOptions } from './window-options';
import { prepareWindowSession } from './window-session';

/** Main-process code (ops tooling, the e2e suite) can open the staff dialog with `app.emit(...)`. */
export const staffExitAppEvent = 'seed-kiosk:staff-exit';

const here = dirname(fileURLToPath(import.meta.url));
const minute = 60_000;

function fail(message: string, code: number): void {
  process.stderr.write(`${message}\n`);
  app.exit(code);
}

async function start(): Promise<void> {
  const production = app.isPackaged || process.env.KIOSK_DEV !== '1';
  const demo = process.env.KIOSK_DEMO === '1';
  const environment = loadConfigFromEnv(process.env, demo);
  const shellConfig = parseShellConfig(environment.config);
  if (!shellConfig.ok) return fail(shellConfig.error.message, 2);
  const shell = shellConfig.value;

  const log = createShellLogger(environment.dataDir);
  const mainLog = log.child({ mod: 'electron/main' });
  installProcessGuards(process, {
    log: mainLog,
    strategy: restartStrategy(process.env),
    historyFile: join(environment.dataDir, 'restarts.json'),
    relaunch: () => app.relaunch(),
    exit: (code) => app.exit(code),
    now: Date.now,
  });

  const host = await startKioskHost({
    config: environment.config,
    dataDir: environment.dataDir,
    shell: 'electron',
    seedDir: demo ? demoStoreDir : null,
    log,
    keySealer: safeStorageSealer(safeStorage),
  });

  Menu.setApplicationMenu(null);
  const lockLog = log.child({ mod: 'electron/lockdown' });
  lockDownApp(app);
  // Nothing loads in the default session; it is locked down all the same.
  lockDownSession(session.defaultSession, null, lockLog);
  const sessionDeps = {
    fromPartition: (partition: string) => session.fromPartition(partition),
    csp: contentSecurityPolicy(),
    log: lockLog,
  };
  const kioskSession = prepareWindowSession(
    {
      partition: 'persist:kiosk',
      origin: appOrigin,
      root: rendererDir,
      preloadPath: join(here, 'preload.cjs'),
      camera: true,
      media: host.media,
    },
    sessionDeps,
  );
  const staffSession = prepareWindowSession(
    {
      partition: 'staff-exit',
      origin: staffOrigin,
      root: join(here, 'staff-exit'),
      preloadPath: join(here, 'staff-exit-preload.cjs'),
      camera: false,
    },
    sessionDeps,
  );

  const env = { production };
  // Every security-relevant preference written here, so Electronegativity checks it as it is.
  // The preload is the session's (window-session.ts), registered for this origin only.
  const win = new BrowserWindow({
    ...kioskWindowOptions(env),
    webPreferences: {
      session: kioskSession,
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
      // Middle-click could open links in new windows; there is no use for it on a touch kiosk.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: !production,
      safeDialogs: true,
      disableDialogs: production,
      // A kiosk screen is always in front: keep timers and rendering at full speed.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  lockDownContents(win.webContents, appOrigin, lockLog);

  const activity = createActivityClock();
  const isTrustedSender = createSenderCheck(appOrigin, () => {
    if (win.isDestroyed()) return null;
    const frame = win.webContents.mainFrame;
    return { processId: frame.processId, routingId: frame.routingId };
  });
  const unregisterBridge = registerIpcBridge(
    withActivity(ipcMain, activity),
    host.bridge,
    isTrustedSender,
  );
  const unsubscribe = host.bridge.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(ipcEventChannel, event, payload);
  });

  const staffExit = createStaffExitFlow({
    BrowserWindow,
    parent: win,
    ipcMain,
    env: { production },
    session: staffSession,
    gate: createStaffExitGate({
      verify: (badge, pin) => host.verifySupervisor(badge, pin),
      now: Date.now,
    }),
    log: log.child({ mod: 'electron/staff-exit' }),
    lockDown: (dialog) => lockDownContents(dialog.webContents, staffOrigin, lockLog),
    onExit: () => void shutdown(staffExitCode),
  });
  (app as NodeJS.EventEmitter).on(staffExitAppEvent, () => staffExit.open());

  win.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown') activity.touch();
    const decision = shortcutDecision(input, production);
    if (decision === 'pass') return;
    event.preventDefault();
    if (decision === 'staff-exit') staffExit.open();
  });
  attachRendererRecovery(win.webContents, {
    log: log.child({ mod: 'electron/self-heal' }),
    reload: () => void win.loadURL(appEntryUrl).catch(() => undefined),
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });

  const display = createDisplayController({
    schedule: displayScheduleOf(shell),
    blocker: powerSaveBlocker,
    runCommand: (argv) =>
      new Promise((resolve, reject) =>
        execFile(argv[0] ?? '', argv.slice(1), { timeout: 10_000 }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    onCommand: shell.display.onCommand,
    offCommand: shell.display.offCommand,
    log: log.child({ mod: 'electron/display' }),
  });
  display.tick(new Date());
  const timers = [setInterval(() => display.tick(new Date()), minute)];

  if (shell.updates) {
    const updates = createUpdateScheduler({
      updater: electronUpdater.autoUpdater,
      feedUrl: shell.updates.feedUrl,
      policy: {
        idleMs: shell.updates.idleMinutes * minute,
        minIntervalMs: shell.updates.checkEveryMinutes * minute,
      },
      context: () => {
        const now = new Date();
        return {
          now,
          storeOpen: display.isStoreOpen(now),
          lastActivityAt: activity.lastActivityAt(),
        };
      },
      log: log.child({ mod: 'electron/updater' }),
    });
    timers.push(setInterval(() => void updates.tick(), 5 * minute));
  }

  let closing = false;
  async function shutdown(code: number): Promise<void> {
    if (closing) return;
    closing = true;
    timers.forEach(clearInterval);
    display.stop();
    unsubscribe();
    unregisterBridge();
    await host
      .close()
      .catch((error: unknown) => mainLog.error({ err: error }, 'host close failed'));
    mainLog.info({ code }, 'exiting');
    app.exit(code);
  }
  app.on('window-all-closed', () => void shutdown(0));
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    win.show();
    win.focus();
  });

  win.once('ready-to-show', () => win.show());
  await win.loadURL(appEntryUrl);
  mainLog.info({ production, storeOpen: display.isStoreOpen(new Date()) }, 'kiosk window loaded');
}

// Before `ready`: our scheme must be privileged, and only one kiosk may run per user session.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Belt and braces: whatever web contents appear (now or later), none may open windows.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(windowOpenDecision);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      if (error instanceof ConfigError) fail(error.message, error.exitCode);
      else
        fail(
          `seed kiosk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          1,
        );
    });
}
