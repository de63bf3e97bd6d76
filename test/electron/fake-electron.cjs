// A stand-in for the `electron` module so electron/main can run under plain Node where the
// Electron binary cannot be installed. Loaded with `node --require`; it redirects
// require('electron') here, records what main does, then drives a short scenario through the
// recorded handlers and prints `FAKE-ELECTRON-RESULT <json>` before main exits.
// `node --require` needs CommonJS, hence require() here.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const net = require('node:net');

const record = {
  privilegedBeforeReady: null,
  windows: [],
  calls: [],
  scenario: {},
  exitCode: null,
};
let ready = false;
let requestErrorListener = null;
// Whatever main (or the host it starts) listens on: the Electron shell must open no port.
const listening = [];
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  listening.push(JSON.stringify(args.filter((a) => typeof a !== 'function')));
  return originalListen.apply(this, args);
};
const ipcHandlers = new Map();

class FakeWebContents extends EventEmitter {
  constructor(id) {
    super();
    this.id = id;
    this.url = '';
    this.loads = [];
    this.sent = [];
    this.windowOpenHandler = null;
    // WebFrameMain's url follows the page.
    this.mainFrame = Object.defineProperty({ processId: 100 + id, routingId: 1 }, 'url', {
      get: () => this.url,
      enumerable: true,
    });
  }
  loadURL(url) {
    this.url = url;
    this.loads.push(url);
    setImmediate(() => this.emit('did-finish-load'));
    return Promise.resolve();
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send(...args) {
    this.sent.push(args);
  }
  isDestroyed() {
    return false;
  }
  forcefullyCrashRenderer() {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(record.windows.length + 1);
    this.destroyed = false;
    record.windows.push(this);
    setImmediate(() => this.emit('ready-to-show'));
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {
    record.calls.push(`show:${this.webContents.id}`);
  }
  focus() {}
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed);
  }
}

const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => {
    ready = true;
    return Promise.resolve();
  },
  quit: () => record.calls.push('quit'),
  relaunch: () => record.calls.push('relaunch'),
  exit: (code) => {
    record.exitCode = code;
    process.stdout.write(`FAKE-ELECTRON-RESULT ${JSON.stringify(summary())}\n`);
    process.exit(code);
  },
});

// One fake session per partition, recording what main registers on it.
const sessions = new Map();
function fakeSession(partition) {
  const ses = Object.assign(new EventEmitter(), {
    partition,
    preloads: [],
    protocolHandler: null,
    permissionRequest: null,
    permissionCheck: null,
    registerPreloadScript: (script) => (ses.preloads.push(script), script.id),
    setPermissionRequestHandler: (fn) => (ses.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (ses.permissionCheck = fn),
    setDevicePermissionHandler: () => undefined,
    webRequest: { onErrorOccurred: (fn) => (requestErrorListener = fn) },
    protocol: { handle: (scheme, fn) => (ses.protocolHandler = { scheme, fn }) },
    toJSON: () => ({ partition }),
  });
  sessions.set(partition, ses);
  return ses;
}
const session = {
  defaultSession: fakeSession('(default)'),
  fromPartition: (partition) => sessions.get(partition) ?? fakeSession(partition),
};

const fake = {
  app,
  BrowserWindow,
  session,
  ipcMain: {
    handle: (channel, fn) => ipcHandlers.set(channel, fn),
    removeHandler: (channel) => ipcHandlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => (record.privilegedBeforeReady = { ready, schemes }),
    // The global protocol module serves only the default session, where nothing loads.
    handle: (scheme, fn) => (session.defaultSession.protocolHandler = { scheme, fn }),
  },
  Menu: { setApplicationMenu: (menu) => record.calls.push(`menu:${menu}`) },
  powerSaveBlocker: { start: () => 1, stop: () => true },
  // No OS keychain in the stand-in: the host keeps its 0600 key file.
  safeStorage: {
    isEncryptionAvailable: () => false,
    encryptString: () => Buffer.alloc(0),
    decryptString: () => '',
  },
};

function summary() {
  return {
    privilegedBeforeReady: record.privilegedBeforeReady,
    windowOptions: record.windows.map((w) => w.options),
    loads: record.windows.map((w) => w.webContents.loads),
    calls: record.calls,
    sessions: [...sessions.values()].map((ses) => ({
      partition: ses.partition,
      preloads: ses.preloads,
      scheme: ses.protocolHandler ? ses.protocolHandler.scheme : null,
    })),
    scenario: record.scenario,
    exitCode: record.exitCode,
  };
}

const prevented = () => {
  let called = false;
  return { event: { preventDefault: () => (called = true) }, called: () => called };
};

async function scenario() {
  const s = record.scenario;
  const [win] = record.windows;
  const contents = win.webContents;
  const kioskSession = sessions.get('persist:kiosk');
  const staffSession = sessions.get('staff-exit');
  const fetchFrom = async (ses, url) => {
    const response = await ses.protocolHandler.fn(new Request(url));
    return { status: response.status, csp: response.headers.get('content-security-policy') };
  };
  const fetchApp = (url) => fetchFrom(kioskSession, url);
  s.protocolScheme = kioskSession.protocolHandler.scheme;
  s.index = await fetchApp('kiosk://app/index.html');
  s.traversal = await fetchApp('kiosk://app/..%2F..%2Fpackage.json');
  s.staffPageInKioskSession = await fetchApp('kiosk://staff/index.html');
  s.staffPage = await fetchFrom(staffSession, 'kiosk://staff/index.html');
  s.appPageInStaffSession = await fetchFrom(staffSession, 'kiosk://app/index.html');
  const { permissionRequest, permissionCheck } = kioskSession;
  await new Promise((done) =>
    staffSession.permissionRequest(
      contents,
      'media',
      (v) => ((s.cameraInStaffSession = v), done()),
      {
        isMainFrame: true,
        requestingUrl: 'kiosk://staff/index.html',
        mediaTypes: ['video'],
      },
    ),
  );
  await new Promise((done) =>
    permissionRequest(contents, 'media', (v) => ((s.camera = v), done()), {
      isMainFrame: true,
      requestingUrl: 'kiosk://app/index.html',
      mediaTypes: ['video'],
    }),
  );
  await new Promise((done) =>
    permissionRequest(contents, 'geolocation', (v) => ((s.geolocation = v), done()), {
      isMainFrame: true,
      requestingUrl: 'kiosk://app/index.html',
    }),
  );
  await new Promise((done) =>
    permissionRequest(contents, 'media', (v) => ((s.cameraElsewhere = v), done()), {
      isMainFrame: true,
      requestingUrl: 'https://evil.example/',
      mediaTypes: ['video'],
    }),
  );
  s.microphoneCheck = permissionCheck(contents, 'media', 'kiosk://app', {
    isMainFrame: true,
    mediaType: 'audio',
    securityOrigin: 'kiosk://app',
  });
  const nav = prevented();
  contents.emit('will-navigate', nav.event, 'https://example.com/');
  s.foreignNavigationPrevented = nav.called();
  const ownNav = prevented();
  contents.emit('will-navigate', ownNav.event, 'kiosk://app/index.html#x');
  s.ownNavigationPrevented = ownNav.called();
  s.windowOpen = contents.windowOpenHandler({ url: 'https://example.com/' });
  s.certificateErrorListeners = app.listenerCount('certificate-error');
  s.certificateErrorLogged = typeof requestErrorListener === 'function';
  if (requestErrorListener)
    requestErrorListener({
      url: 'https://images.example/a.png',
      error: 'net::ERR_CERT_DATE_INVALID',
    });
  s.listening = listening;
  const info = ipcHandlers.get('kiosk:app.info');
  s.bridgeFromWindow = await info({ sender: contents, senderFrame: contents.mainFrame }, {});
  s.bridgeFromOtherFrame = await info(
    {
      sender: contents,
      senderFrame: { url: 'kiosk://app/index.html', processId: 1, routingId: 9 },
    },
    {},
  );
  const altF4 = prevented();
  contents.emit('before-input-event', altF4.event, {
    type: 'keyDown',
    key: 'F4',
    alt: true,
    control: false,
    shift: false,
    meta: false,
  });
  s.altF4Blocked = altF4.called();
  const chord = prevented();
  contents.emit('before-input-event', chord.event, {
    type: 'keyDown',
    key: 'F10',
    alt: true,
    control: true,
    shift: true,
    meta: false,
  });
  s.chordBlocked = chord.called();
  await new Promise((done) => setTimeout(done, 20));
  const dialog = record.windows[1];
  s.dialogUrl = dialog ? dialog.webContents.url : null;
  if (dialog) {
    const submit = ipcHandlers.get('kiosk:staff-exit.submit');
    s.staffFromDialog = await submit(
      { sender: dialog.webContents, senderFrame: dialog.webContents.mainFrame },
      { badge: 'SUP-1', pin: '1234' },
    );
    s.staffFromKioskWindow = await submit(
      { sender: contents, senderFrame: contents.mainFrame },
      { badge: 'SUP-1', pin: '1234' },
    );
  }
  contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  await new Promise((done) => setTimeout(done, 700));
  s.reloadsAfterCrash = contents.loads.length - 1;
  app.emit('window-all-closed');
}

let started = false;
const originalLoad = FakeWebContents.prototype.loadURL;
FakeWebContents.prototype.loadURL = function (url) {
  const result = originalLoad.call(this, url);
  if (!started && this.id === 1) {
    started = true;
    setTimeout(
      () =>
        scenario().catch((error) => {
          record.scenario.error = String(error && error.stack ? error.stack : error);
          app.exit(99);
        }),
      50,
    );
  }
  return result;
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return __filename;
  return resolve.call(this, request, ...rest);
};
module.exports = fake;
