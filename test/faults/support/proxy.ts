/**
 * A fault-injecting HTTP proxy between a kiosk and the cloud. Each request is buffered, then the
 * current plan decides: pass, refuse (server down), 5xx, 429 with Retry-After, delay, send twice
 * (duplicate push), or call `onResponse` when the server has answered and drop the answer
 * (the kiosk dies after the server committed). Captured push bodies can be replayed later, out of
 * order, straight to the server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawRequest } from '../../support/raw-http';

export interface FaultPlan {
  down?: boolean;
  /** Answer the next N requests with 503. */
  fail5xx?: number;
  /** Answer the next N requests with 429 and this Retry-After (seconds). */
  rateLimit?: { count: number; retryAfterS: number };
  delayMs?: number;
  /** Forward every push twice at once, answer with the first. */
  duplicatePushes?: boolean;
  /** Called once the server has answered a push; the answer is then dropped. */
  onPushAnswered?: () => void;
  /** Requests this matches (by path and body) are refused like a server that is down. */
  downFor?: (path: string, body: string) => boolean;
}

export interface FaultProxy {
  url: string;
  plan: FaultPlan;
  stats: { requests: number; pushes: number; injected: number };
  /** Every request's method and path (with its query), in arrival order. */
  requests: string[];
  captured: Buffer[];
  /** Sends a captured push body to the server again; returns status and body. */
  replay(index: number, token: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

function forward(
  target: URL,
  req: { method: string; path: string; headers: http.IncomingHttpHeaders },
  body: Buffer,
) {
  return rawRequest(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.path,
      headers: { ...req.headers, host: target.host },
    },
    body,
  );
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const proxy: FaultProxy = {
    url: '',
    plan: {},
    stats: { requests: 0, pushes: 0, injected: 0 },
    requests: [],
    captured: [],
    async replay(index, token) {
      const body = proxy.captured[index];
      if (!body) throw new Error(`no captured push ${index}`);
      const r = await forward(
        target,
        {
          method: 'POST',
          path: '/v1/push',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        body,
      );
      return { status: r.status, body: JSON.parse(r.body.toString('utf8')) as unknown };
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const plan = proxy.plan;
        proxy.stats.requests++;
        proxy.requests.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
        const isPush = req.url === '/v1/push';
        const body = Buffer.concat(chunks);
        if (plan.down || plan.downFor?.(req.url ?? '/', body.toString('utf8'))) {
          proxy.stats.injected++;
          return req.socket.destroy();
        }
        if (plan.fail5xx && plan.fail5xx > 0) {
          plan.fail5xx--;
          proxy.stats.injected++;
          res.writeHead(503, { 'content-type': 'application/json' });
          return res.end('{"error":{"code":"internal","message":"injected"}}');
        }
        if (plan.rateLimit && plan.rateLimit.count > 0) {
          plan.rateLimit.count--;
          proxy.stats.injected++;
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(plan.rateLimit.retryAfterS),
          });
          return res.end('{}');
        }
        if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
        if (isPush) {
          proxy.stats.pushes++;
          proxy.captured.push(body);
        }
        const meta = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
        const answers =
          isPush && plan.duplicatePushes
            ? [forward(target, meta, body), forward(target, meta, body)]
            : [forward(target, meta, body)];
        const [first] = await Promise.all(answers);
        if (!first) return req.socket.destroy();
        if (isPush && plan.onPushAnswered) {
          const hook = plan.onPushAnswered;
          plan.onPushAnswered = undefined;
          hook();
          return req.socket.destroy();
        }
        const headers = { ...first.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        delete headers['keep-alive'];
        res.writeHead(first.status, headers);
        res.end(first.body);
      })().catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
