import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { maxFrameBytes } from './frame-limit';
import { basicHandlers } from './test-handlers';
import { createBridgeServer, type BridgeServer } from './server';
import { createWsClient } from './ws-client';
import { attachWebSocket, createBridgeSocketServer } from './ws-server';
import { bridgeProtocol } from './wire';

let http: Server;
let bridge: BridgeServer;
let url: string;
const socketErrors: string[] = [];
const opened: WebSocket[] = [];

beforeEach(async () => {
  socketErrors.length = 0;
  bridge = createBridgeServer(
    basicHandlers({
      'cart.setQty': () => {
        throw new Error('never called with bad params');
      },
    }),
    { staffSignedIn: () => false },
  );
  http = createServer();
  const wss = createBridgeSocketServer();
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) =>
      attachWebSocket(bridge, ws, {
        onSocketError: (error) => socketErrors.push('code' in error ? String(error.code) : ''),
      }),
    ),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.terminate();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

interface RawSocket {
  socket: WebSocket;
  send(data: string | Buffer, binary?: boolean): void;
  next(): Promise<unknown>;
  closed: Promise<number>;
  close(): void;
}

function rawSocket(): Promise<RawSocket> {
  const socket = new WebSocket(url, [bridgeProtocol]);
  opened.push(socket);
  const inbox: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else inbox.push(frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', resolve));
  return new Promise((resolve) =>
    socket.on('open', () =>
      resolve({
        socket,
        send: (data, binary = false) => socket.send(data, { binary }),
        next: () =>
          inbox.length ? Promise.resolve(inbox.shift()) : new Promise((r) => waiters.push(r)),
        closed,
        close: () => socket.close(),
      }),
    ),
  );
}

const appInfo = async (socket: RawSocket, id: number) => {
  socket.send(JSON.stringify({ t: 'call', id, m: 'app.info', p: {} }));
  return socket.next();
};

describe('WebSocket transport', () => {
  it('answers garbage, bad JSON and malformed frames with errors and keeps the socket open', async () => {
    const socket = await rawSocket();
    expect(socket.socket.protocol).toBe(bridgeProtocol);
    socket.send('not json');
    expect(await socket.next()).toMatchObject({
      t: 'res',
      id: null,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    socket.send(Buffer.from([0xff, 0x00, 0x13]), true);
    expect(await socket.next()).toMatchObject({ r: { ok: false, error: { code: 'bad-request' } } });
    socket.send(JSON.stringify({ t: 'call', id: 5, m: 42 }));
    expect(await socket.next()).toMatchObject({
      id: 5,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    socket.send(JSON.stringify({ t: 'call', id: 1e300, m: 42 }));
    expect(await socket.next()).toMatchObject({ id: null, r: { ok: false } });
    socket.send(JSON.stringify({ t: 'call', id: 6, m: 'cart.setQty', p: { sku: {} } }));
    expect(await socket.next()).toMatchObject({
      id: 6,
      r: { ok: false, error: { code: 'bad-request' } },
    });
    expect(await appInfo(socket, 7)).toMatchObject({
      id: 7,
      r: { ok: true, value: { storeId: 'S001' } },
    });
    socket.close();
  });

  it('closes a socket with 1009 for a frame over the limit and 1007 for invalid UTF-8; others go on', async () => {
    const bystander = await rawSocket();
    const big = await rawSocket();
    big.send('x'.repeat(maxFrameBytes + 1));
    expect(await big.closed).toBe(1009);
    const garbled = await rawSocket();
    // A text frame whose bytes are not UTF-8 (a lone continuation byte, then an overlong NUL).
    garbled.send(Buffer.from([0x7b, 0x80, 0xc0, 0x80, 0x7d]), false);
    expect(await garbled.closed).toBe(1007);
    expect(socketErrors).toEqual(['WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'WS_ERR_INVALID_UTF8']);
    expect(await appInfo(bystander, 1)).toMatchObject({ r: { ok: true } });
    expect(await appInfo(await rawSocket(), 2)).toMatchObject({ r: { ok: true } });
    bystander.close();
  });

  it('takes a frame of exactly the limit to the parser', async () => {
    const socket = await rawSocket();
    socket.send(' '.repeat(maxFrameBytes));
    expect(await socket.next()).toMatchObject({ r: { error: { code: 'bad-request' } } });
    socket.close();
  });

  it('gives the client typed calls and pushes events to it', async () => {
    const client = createWsClient({
      url,
      token: 'not-checked-by-the-transport-itself',
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
      token: 'x',
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
