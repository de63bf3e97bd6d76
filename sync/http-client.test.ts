import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCloudUrl,
  createHttpClient,
  isLoopbackHost,
  parseRetryAfter,
  type HttpClient,
} from './http-client';

let dir: string;
let httpsServer: https.Server;
let wrongNameServer: https.Server;
let wrongNamePort: number;
let httpServer: http.Server;
let httpsPort: number;
let httpPort: number;
const clients: HttpClient[] = [];

/** A CA and a server certificate for 127.0.0.1/localhost signed by it, plus an unrelated CA. */
function makePki(): void {
  // `args` split at spaces (no file name here has one), then `subject` as one argument.
  const openssl = (args: string, subject?: string) =>
    execFileSync('openssl', [...args.split(' '), ...(subject ? ['-subj', subject] : [])], {
      cwd: dir,
      stdio: 'pipe',
    });
  for (const name of ['ca', 'other-ca']) {
    openssl(
      `req -x509 -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.pem -days 2`,
      `/CN=${name} test`,
    );
  }
  /** A key and a certificate for `subject` and `san`, signed by `ca`. */
  const signed = (name: string, subject: string, san: string) => {
    openssl(`req -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.csr`, subject);
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    openssl(
      `x509 -req -in ${name}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out ${name}.pem -days 2 -extfile ${name}.ext`,
    );
  };
  signed('server', '/CN=127.0.0.1', 'IP:127.0.0.1,DNS:localhost');
  signed('wrong', '/CN=wrong.example', 'DNS:wrong.example');
}

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    switch (req.url) {
      case '/echo':
        return send(
          200,
          JSON.stringify({
            auth: req.headers.authorization ?? null,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      case '/boom':
        return send(503, JSON.stringify({ error: { code: 'internal', message: 'down' } }));
      case '/slow-down':
        return send(429, '{}', { 'retry-after': '7' });
      case '/who':
        return send(401, JSON.stringify({ error: { code: 'device-revoked', message: 'revoked' } }));
      case '/gap':
        return send(
          409,
          JSON.stringify({ error: { code: 'seq-gap', message: 'gap', details: { lastSeq: 3 } } }),
        );
      case '/garbage':
        return send(200, '<html>proxy login</html>');
      case '/hang':
        return; // never answers
      default:
        return send(404, '{}');
    }
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sync-tls-'));
  makePki();
  httpsServer = https.createServer(
    { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) },
    handler,
  );
  wrongNameServer = https.createServer(
    { key: readFileSync(join(dir, 'wrong.key')), cert: readFileSync(join(dir, 'wrong.pem')) },
    handler,
  );
  await new Promise<void>((r) => wrongNameServer.listen(0, '127.0.0.1', r));
  wrongNamePort = (wrongNameServer.address() as AddressInfo).port;
  httpServer = http.createServer(handler);
  await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  httpsPort = (httpsServer.address() as AddressInfo).port;
  httpPort = (httpServer.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  httpsServer.closeAllConnections();
  wrongNameServer.closeAllConnections();
  await new Promise((r) => wrongNameServer.close(r));
  httpServer.closeAllConnections();
  await new Promise((r) => httpsServer.close(r));
  await new Promise((r) => httpServer.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function client(baseUrl: string, caFile?: string, timeoutMs?: number): HttpClient {
  const made = createHttpClient({ baseUrl, caFile, timeoutMs });
  if (!made.ok) throw new Error(made.error.message);
  clients.push(made.value);
  return made.value;
}

describe('transport rules', () => {
  it('allows plain HTTP only on loopback and requires HTTPS elsewhere', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.8.9.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('10.0.0.5')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.com')).toBe(false);
    expect(checkCloudUrl('http://127.0.0.1:8787').ok).toBe(true);
    const refused = checkCloudUrl('http://members.example.com');
    expect(refused.ok ? null : refused.error.kind).toBe('insecure-url');
    expect(createHttpClient({ baseUrl: 'http://192.168.1.10:8787' }).ok).toBe(false);
    const ftp = checkCloudUrl('ftp://127.0.0.1');
    expect(ftp.ok ? null : ftp.error.kind).toBe('bad-url');
    expect(checkCloudUrl('not a url').ok).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
  });
});

describe('HTTPS with a private CA', () => {
  it('talks to a server whose certificate chains to the configured CA, sending the token', async () => {
    const c = client(`https://127.0.0.1:${httpsPort}`, join(dir, 'ca.pem'));
    const res = await c.request({ method: 'POST', path: '/echo', body: { a: 1 }, token: 'tok' });
    expect(res).toEqual({ ok: true, value: { auth: 'Bearer tok', body: '{"a":1}' } });
  });

  it('refuses the same server with a wrong CA or with only the public roots', async () => {
    for (const ca of [join(dir, 'other-ca.pem'), undefined]) {
      const res = await client(`https://127.0.0.1:${httpsPort}`, ca).request({
        method: 'GET',
        path: '/echo',
      });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.kind).toBe('tls');
    }
  });

  it('refuses a certificate for another name even from the right CA', async () => {
    // This certificate, signed by the trusted CA, names wrong.example, not 127.0.0.1.
    const res = await client(`https://127.0.0.1:${wrongNamePort}`, join(dir, 'ca.pem')).request({
      method: 'GET',
      path: '/echo',
    });
    expect(res.ok ? null : res.error.kind).toBe('tls');
  });

  it('gives a typed error for an unreadable CA file', () => {
    const made = createHttpClient({
      baseUrl: 'https://127.0.0.1:1',
      caFile: join(dir, 'missing.pem'),
    });
    expect(made.ok ? null : made.error.kind).toBe('bad-url');
  });
});

describe('typed errors', () => {
  const get = (path: string, timeoutMs?: number) =>
    client(`http://127.0.0.1:${httpPort}`, undefined, timeoutMs).request({ method: 'GET', path });

  it('classifies 5xx, 429 with Retry-After, 401 with the server code, other 4xx with details', async () => {
    const boom = await get('/boom');
    expect(boom.ok ? null : boom.error).toMatchObject({
      kind: 'http-5xx',
      status: 503,
      code: 'internal',
    });
    const slow = await get('/slow-down');
    expect(slow.ok ? null : slow.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    const who = await get('/who');
    expect(who.ok ? null : who.error).toMatchObject({
      kind: 'unauthorized',
      code: 'device-revoked',
    });
    const gap = await get('/gap');
    expect(gap.ok ? null : gap.error).toMatchObject({
      kind: 'http-4xx',
      code: 'seq-gap',
      details: { lastSeq: 3 },
    });
  });

  it('reports a non-JSON answer as bad-answer, a hang as timeout, a closed port as offline', async () => {
    const garbage = await get('/garbage');
    expect(garbage.ok ? null : garbage.error.kind).toBe('bad-answer');
    const hang = await get('/hang', 300);
    expect(hang.ok ? null : hang.error.kind).toBe('timeout');
    const closed = await client('http://127.0.0.1:9').request({ method: 'GET', path: '/' });
    expect(closed.ok ? null : closed.error.kind).toBe('offline');
  });
});
