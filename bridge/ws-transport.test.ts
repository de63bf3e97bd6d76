import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { someHandlers } from './test-handlers';
import { createBridgeServer, type BridgeServer } from './server';
import { createWsClient } from './ws-client';
import { attachWebSocket } from './ws-server';

let http: Server;
let bridge: BridgeServer;
let url: string;

beforeEach(async () => {
  bridge = createBridgeServer(
    someHandlers({
      'app.info': () => ({
        storeId: 'S001',
        storeName: null,
        role: 'mirror',
        language: 'zh-CN',
        version: '0',
      }),
      'catalog.lookup': () => null,
      'device.list': () => [],
    }),
  );
  http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => attachWebSocket(bridge, socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

function rawSocket(): Promise<{
  send(data: string | Buffer): void;
  next(): Promise<unknown>;
  close(): void;
}> {
  const socket = new WebSocket(url);
  const inbox: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else inbox.push(frame);
  });
  return new Promise((resolve) =>
    socket.on('open', () =>
      resolve({
        send: (data) => socket.send(data),
        next: () =>
          inbox.length ? Promise.resolve(inbox.shift()) : new Promise((r) => waiters.push(r)),
        close: () => socket.close(),
      }),
    ),
  );
}

describe('WebSocket transport', () => {
  it('answers garbage, bad JSON and malformed frames with errors and keeps the socket open', async () => {
    const socket = await rawSocket();
    socket.send('not json');
    expect(await socket.next()).toMatchObject({
      t: 'res',
      id: null,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    socket.send(Buffer.from([0xff, 0x00, 0x13]));
    expect(await socket.next()).toMatchObject({ r: { ok: false, error: { code: 'bad-request' } } });
    socket.send(JSON.stringify({ t: 'call', id: 5, m: 42 }));
    expect(await socket.next()).toMatchObject({
      id: 5,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    socket.send(JSON.stringify({ t: 'call', id: 6, m: 'catalog.lookup', p: { code: {} } }));
    expect(await socket.next()).toMatchObject({
      id: 6,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    socket.send(JSON.stringify({ t: 'call', id: 7, m: 'app.info', p: {} }));
    expect(await socket.next()).toMatchObject({
      id: 7,
      r: { ok: true, value: { storeId: 'S001' } },
    });
    socket.close();
  });

  it('gives the client typed calls and pushes events to it', async () => {
    const client = createWsClient({
      url,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const info = await client['app.info']({});
    expect(info).toMatchObject({ ok: true, value: { role: 'mirror' } });
    const received = new Promise((resolve) => client.on('device.status', resolve));
    bridge.emit('device.status', {
      id: 'scanner-1',
      kind: 'scanner',
      transport: 'serial',
      path: '/dev/x',
      state: 'ready',
      reads: 0,
      errors: 0,
      lastEventAt: null,
      lastError: null,
      warning: null,
    });
    expect(await received).toMatchObject({ id: 'scanner-1', state: 'ready' });
    client.close();
  });

  it('resolves a call that gets no answer to unavailable instead of hanging', async () => {
    const client = createWsClient({
      url: 'ws://127.0.0.1:1',
      callTimeoutMs: 200,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    expect(await client['app.info']({})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    client.close();
  });
});
