import { describe, expect, it } from 'vitest';
import { methodNames } from './contract';
import { createIpcClient, registerIpcBridge, type IpcInvokeEventLike } from './ipc';
import { basicHandlers } from './test-handlers';
import { createBridgeServer } from './server';

/** An in-memory ipcMain/ipcRenderer pair with the same call shapes as Electron's. */
function fakeIpc(senderUrl: string) {
  const handlers = new Map<
    string,
    (event: IpcInvokeEventLike, params: unknown) => Promise<unknown>
  >();
  const listeners = new Map<string, (event: unknown, name: unknown, payload: unknown) => void>();
  return {
    main: {
      handle: (channel: string, fn: (e: IpcInvokeEventLike, p: unknown) => Promise<unknown>) =>
        void handlers.set(channel, fn),
      removeHandler: (c: string) => void handlers.delete(c),
    },
    renderer: {
      invoke: (channel: string, params: unknown) =>
        handlers.get(channel)?.({ senderFrame: { url: senderUrl } }, params) ??
        Promise.reject(new Error('no handler')),
      on: (channel: string, fn: (event: unknown, name: unknown, payload: unknown) => void) =>
        void listeners.set(channel, fn),
    },
    send: (name: string, payload: unknown) => listeners.get('kiosk:event')?.({}, name, payload),
    handlers,
  };
}

const server = createBridgeServer(
  basicHandlers({
    'app.info': () => ({
      storeId: 'S001',
      storeName: null,
      role: 'checkout',
      language: 'en',
      version: '0',
    }),
    'cart.setQty': () => {
      throw new Error('never called with bad params');
    },
  }),
  { staffSignedIn: () => false },
);

describe('Electron IPC transport', () => {
  it('registers one kiosk:-prefixed channel per method and answers a trusted sender', async () => {
    const ipc = fakeIpc('kiosk://app/index.html');
    registerIpcBridge(ipc.main, server, (frame) => frame?.url.startsWith('kiosk://app/') ?? false);
    expect([...ipc.handlers.keys()]).toEqual(methodNames.map((method) => `kiosk:${method}`));
    expect(ipc.handlers.has('kiosk:cart.setQty')).toBe(true);
    const client = createIpcClient(ipc.renderer);
    expect(await client['app.info']({})).toMatchObject({ ok: true, value: { role: 'checkout' } });
    expect(await client['cart.setQty']({ sku: 5 } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    // The staff check is the dispatcher's, whichever transport the call came by.
    expect(await client['device.list']({})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a sender that is not our window', async () => {
    const ipc = fakeIpc('https://evil.example/');
    registerIpcBridge(ipc.main, server, (frame) => frame?.url.startsWith('kiosk://app/') ?? false);
    expect(await createIpcClient(ipc.renderer)['app.info']({})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('delivers only known events to subscribers', () => {
    const ipc = fakeIpc('kiosk://app/');
    const client = createIpcClient(ipc.renderer);
    const seen: unknown[] = [];
    client.on('device.status', (payload) => seen.push(payload));
    ipc.send('device.status', { text: 'x' });
    ipc.send('evil.event', { text: 'y' });
    expect(seen).toEqual([{ text: 'x' }]);
  });
});
