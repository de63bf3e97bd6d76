/**
 * The web shell: the renderer over HTTP and the bridge over WebSocket, on loopback only.
 *
 * Guarantees: a bridge WebSocket opens only for a request to this server's own Host, from a page
 * of its own Origin (a request without Origin is refused), that presents this start's session
 * token (bridge/wire `clientProtocols`; 401 otherwise, compared in constant time). So neither a web
 * page the kiosk PC opens (DNS rebinding, cross-site WebSocket) nor a local process that does not
 * have the token can drive the bridge. The token reaches the page only through `url`'s fragment.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { BridgeServer } from '../../bridge/server';
import { attachWebSocket, createBridgeSocketServer } from '../../bridge/ws-server';
import { createSessionToken, offeredToken, tokenMatches, urlWithToken } from './session-token';
import { answerMedia, isMediaPath, type MediaSource } from '../media/media-route';
import { serveStatic } from './static-files';

export interface WebShell {
  /** The page's address with the session token in its fragment: what `kiosk start` opens. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export type UpgradeRefusal = 'not-the-bridge' | 'foreign-host' | 'foreign-origin' | 'bad-token';

export interface WebShellOptions {
  bridge: BridgeServer;
  rendererDir: string;
  port: number;
  host?: string;
  /** This start's session token; a fresh random one by default. */
  token?: string;
  /** A WebSocket upgrade was refused (the reason only: never a header value). */
  onUpgradeRefused?: (reason: UpgradeRefusal) => void;
  /** A bridge socket failed and was closed (oversized frame, invalid UTF-8, reset). */
  onSocketError?: (error: Error) => void;
  /** Product images for `/media/…` (host/media/media-route.ts); none: every image is a 404. */
  media?: MediaSource | null;
}

async function serveMedia(
  media: MediaSource | null,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const answer = await answerMedia(media, req.method ?? 'GET', pathname);
  if (answer.status !== 200) {
    res.writeHead(answer.status, answer.headers).end();
    return;
  }
  res.writeHead(200, answer.headers);
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(answer.path)
      .on('error', () => res.destroy())
      .pipe(res);
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

function ownOrigin(origin: string | undefined, hosts: Set<string>): boolean {
  if (origin === undefined) return false;
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && hosts.has(parsed.host);
  } catch {
    return false;
  }
}

const statusLines = {
  'not-the-bridge': '404 Not Found',
  'foreign-host': '403 Forbidden',
  'foreign-origin': '403 Forbidden',
  'bad-token': '401 Unauthorized',
} as const;

function upgradeRefusal(req: IncomingMessage, port: number, token: string): UpgradeRefusal | null {
  const hosts = allowedHosts(port);
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/bridge') return 'not-the-bridge';
  if (!hosts.has(req.headers.host ?? '')) return 'foreign-host';
  if (!ownOrigin(req.headers.origin, hosts)) return 'foreign-origin';
  const presented = offeredToken(req.headers['sec-websocket-protocol']);
  if (presented === null || !tokenMatches(token, presented)) return 'bad-token';
  return null;
}

function refuse(socket: Duplex, reason: UpgradeRefusal): void {
  socket.end(`HTTP/1.1 ${statusLines[reason]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createSessionToken();
  const wss = createBridgeSocketServer();
  let port = options.port;
  const server: Server = createServer((req, res) => {
    if (!allowedHosts(port).has(req.headers.host ?? '')) {
      res.writeHead(421).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (isMediaPath(pathname)) {
      serveMedia(options.media ?? null, req, res, pathname).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    serveStatic(options.rendererDir, req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without an error listener; a reset must not end the host.
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req, port, token);
    if (refusal) {
      options.onUpgradeRefused?.(refusal);
      refuse(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      attachWebSocket(options.bridge, ws, { onSocketError: options.onSocketError }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: urlWithToken(`http://127.0.0.1:${port}/`, token),
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
