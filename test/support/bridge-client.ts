/**
 * Bridge clients of a running kiosk's web shell, from Node: `bridgeClient` as the kiosk's own page
 * connects (this start's token from the URL, the page's Origin); `rawBridgeSocket` lets a test
 * choose every part of the upgrade, to try what a hostile local process would.
 */
import WebSocket from 'ws';
import type { KioskApi } from '../../bridge/contract';
import { createWsClient } from '../../bridge/ws-client';

export function tokenOf(kioskUrl: string): string {
  return new URLSearchParams(new URL(kioskUrl).hash.slice(1)).get('t') ?? '';
}

export function bridgeUrl(kioskUrl: string): string {
  return new URL('/bridge', kioskUrl).toString().replace(/^http/, 'ws');
}

/** A typed client, as the kiosk's page uses it. */
export function bridgeClient(kioskUrl: string): KioskApi & { close(): void } {
  const origin = new URL(kioskUrl).origin;
  class PageSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { origin });
    }
  }
  return createWsClient({
    url: bridgeUrl(kioskUrl),
    token: tokenOf(kioskUrl),
    WebSocketImpl: PageSocket as unknown as typeof globalThis.WebSocket,
  });
}

export interface UpgradeOutcome {
  /** The HTTP status when the upgrade was refused, 101 when it succeeded. */
  status: number;
  socket: WebSocket | null;
}

/** Tries one upgrade with exactly these subprotocols and Origin (none when undefined). */
export function rawBridgeSocket(
  kioskUrl: string,
  o: { protocols?: string[]; origin?: string },
): Promise<UpgradeOutcome> {
  const socket = new WebSocket(bridgeUrl(kioskUrl), o.protocols ?? [], {
    ...(o.origin === undefined ? {} : { origin: o.origin }),
  });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, socket: null });
      socket.terminate();
    });
    socket.once('error', () => resolve({ status: 0, socket: null }));
  });
}
