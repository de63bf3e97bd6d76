/**
 * WebSocket transport, host side. Each connection may call methods and receives every event.
 * A malformed frame gets an error answer (id null when it cannot be read) and the socket stays open.
 */
import type { WebSocket } from 'ws';
import { err } from './result';
import type { BridgeServer } from './server';
import { callFrameSchema, maxFrameBytes, type HostFrame } from './wire';

function send(socket: WebSocket, frame: HostFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

export function attachWebSocket(server: BridgeServer, socket: WebSocket): void {
  const unsubscribe = server.subscribe((event, payload) =>
    send(socket, { t: 'ev', e: event, p: payload }),
  );
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    void handleFrame(server, socket, data, isBinary);
  });
}

async function handleFrame(
  server: BridgeServer,
  socket: WebSocket,
  data: unknown,
  isBinary: boolean,
): Promise<void> {
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : null;
  if (isBinary || text === null || text.length > maxFrameBytes) {
    send(socket, {
      t: 'res',
      id: null,
      r: err('bad-request', 'frames must be JSON text under 256 KiB'),
    });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    send(socket, { t: 'res', id: null, r: err('bad-request', 'frame is not valid JSON') });
    return;
  }
  const frame = callFrameSchema.safeParse(json);
  if (!frame.success) {
    const id =
      typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    send(socket, { t: 'res', id, r: err('bad-request', 'frame must be {t:"call", id, m, p}') });
    return;
  }
  const result = await server.dispatch(frame.data.m, frame.data.p);
  send(socket, { t: 'res', id: frame.data.id, r: result });
}
