/**
 * WebSocket transport, renderer side: builds a KioskApi over a socket to the web shell. Calls made
 * while the socket is reconnecting wait for it; calls that cannot be answered resolve to an
 * `unavailable` error rather than hanging forever.
 */
import { checkedResult, eventListeners, kioskApi } from './client';
import type { KioskApi, MethodName } from './contract';
import { err, type Result } from './result';
import { clientProtocols, hostFrameSchema } from './wire';

export interface WsClientOptions {
  url: string;
  /** The session token the host made at start; without the right one the host refuses the socket. */
  token: string;
  /** Milliseconds a call may wait for its answer. */
  callTimeoutMs?: number;
  onConnectionChange?: (connected: boolean) => void;
  /** The WebSocket class; the browser's by default (tests in Node pass the `ws` package's). */
  WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  method: MethodName;
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsClient(options: WsClientOptions): KioskApi & { close(): void } {
  const timeoutMs = options.callTimeoutMs ?? 15_000;
  const pending = new Map<number, Pending>();
  const listeners = eventListeners();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let closed = false;
  let retryMs = 250;

  function connect(): void {
    const ws = new (options.WebSocketImpl ?? WebSocket)(
      options.url,
      clientProtocols(options.token),
    );
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      options.onConnectionChange?.(true);
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => onFrame(String(message.data));
    // A failed connection is followed by close, which schedules the retry.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      options.onConnectionChange?.(false);
      if (!closed) setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  }

  function onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = hostFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.t === 'ev') listeners.deliver(frame.e, frame.p);
    else if (frame.id !== null) {
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      clearTimeout(call.timer);
      call.resolve(checkedResult(call.method, frame.r));
    }
  }

  function call(method: MethodName, params: unknown): Promise<Result<unknown>> {
    const id = nextId++;
    const frame = JSON.stringify({ t: 'call', id, m: method, p: params });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(err('unavailable', `${method}: no answer from the kiosk host`));
      }, timeoutMs);
      pending.set(id, { method, resolve, timer });
      if (socket?.readyState === 1 /* OPEN */) socket.send(frame);
      else queue.push(frame);
    });
  }

  connect();
  return Object.assign(kioskApi(call, listeners.on), {
    close() {
      closed = true;
      socket?.close();
    },
  });
}
