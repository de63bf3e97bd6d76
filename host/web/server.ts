/**
 * The web shell: the renderer over HTTP and the bridge over WebSocket, on loopback only. Requests
 * whose Host or Origin is not this server are refused, so no web page the kiosk (or anyone on the
 * PC) opens can drive the bridge through DNS rebinding or a cross-site WebSocket.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { BridgeServer } from '../../bridge/server';
import { attachWebSocket } from '../../bridge/ws-server';
import { serveStatic } from './static-files';

export interface WebShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface WebShellOptions {
  bridge: BridgeServer;
  rendererDir: string;
  port: number;
  host?: string;
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

function sameOrigin(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  if (!hosts.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && hosts.has(parsed.host);
  } catch {
    return false;
  }
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const host = options.host ?? '127.0.0.1';
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
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
    serveStatic(options.rendererDir, req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/bridge' || !sameOrigin(req, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachWebSocket(options.bridge, ws));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
