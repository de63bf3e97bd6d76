/**
 * WebSocket transport, host side. Each connection may call methods and receives every event.
 *
 * Guarantees: a frame larger than the contract's largest call (bridge/frame-limit) is refused
 * unread with close code 1009 and a text frame that is not UTF-8 with 1007 (both by `ws`, configured
 * here); either only closes that socket, never the host. A frame that is binary, not JSON or not a
 * call gets an error answer (id null when it cannot be read) and the socket stays open.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { maxFrameBytes } from './frame-limit';
import { err } from './result';
import type { BridgeServer } from './server';
import { bridgeProtocol, callFrameSchema, type HostFrame } from './wire';

/**
 * The bridge's WebSocket server (`noServer`: the web shell decides which upgrades reach it, and
 * checks the session token first). Of the subprotocols a client offers it selects the bridge's.
 */
export function createBridgeSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    skipUTF8Validation: false,
    handleProtocols: (offered) => (offered.has(bridgeProtocol) ? bridgeProtocol : false),
  });
}

function send(socket: WebSocket, frame: HostFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

export interface AttachOptions {
  /** A socket failed (oversized frame, invalid UTF-8, reset); `ws` has closed it already. */
  onSocketError?: (error: Error) => void;
}

export function attachWebSocket(
  server: BridgeServer,
  socket: WebSocket,
  options: AttachOptions = {},
): void {
  const unsubscribe = server.subscribe((event, payload) =>
    send(socket, { t: 'ev', e: event, p: payload }),
  );
  socket.on('close', unsubscribe);
  // Without a listener an 'error' event would be thrown and end the whole host process.
  socket.on('error', (error) => options.onSocketError?.(error));
  socket.on('message', (data, isBinary) => {
    void handleFrame(server, socket, data, isBinary);
  });
}

function idOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  return typeof json.id === 'number' && Number.isSafeInteger(json.id) ? json.id : null;
}

async function handleFrame(
  server: BridgeServer,
  socket: WebSocket,
  data: unknown,
  isBinary: boolean,
): Promise<void> {
  if (isBinary || !Buffer.isBuffer(data)) {
    send(socket, { t: 'res', id: null, r: err('bad-request', 'frames must be JSON text') });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    send(socket, { t: 'res', id: null, r: err('bad-request', 'frame is not valid JSON') });
    return;
  }
  const frame = callFrameSchema.safeParse(json);
  if (!frame.success) {
    send(socket, {
      t: 'res',
      id: idOf(json),
      r: err('bad-request', 'frame must be {t:"call", id, m, p}'),
    });
    return;
  }
  const result = await server.dispatch(frame.data.m, frame.data.p);
  send(socket, { t: 'res', id: frame.data.id, r: result });
}
