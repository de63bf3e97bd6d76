/**
 * The kiosk's HTTP(S) transport to the member cloud, on node:http / node:https (no fetch).
 *
 * Guarantees:
 * - plain HTTP only to a loopback host (127.0.0.0/8, ::1, localhost); any other host must be HTTPS,
 *   else `insecure-url` before any byte is sent;
 * - certificates are always verified (`rejectUnauthorized` is hard-wired true); a configurable CA
 *   file is added for a private PKI, never used to switch verification off;
 * - every failure is a typed `SyncHttpError` result, never a throw: `offline` (connect/TLS/timeout),
 *   `http-5xx`, `rate-limited` (with Retry-After in ms), `unauthorized` (401, with the server code),
 *   `http-4xx` (other client errors, with the server's error body), `bad-answer` (not JSON).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

export type SyncHttpErrorKind =
  | 'insecure-url'
  | 'bad-url'
  | 'offline'
  | 'tls'
  | 'timeout'
  | 'http-5xx'
  | 'rate-limited'
  | 'unauthorized'
  | 'http-4xx'
  | 'bad-answer';

export interface SyncHttpError {
  kind: SyncHttpErrorKind;
  message: string;
  status?: number;
  /** Server error code from `{error:{code}}`, when the body had one. */
  code?: string;
  details?: Record<string, unknown>;
  /** For `rate-limited`: how long the server asked us to wait. */
  retryAfterMs?: number;
}

export type HttpResult<T> = { ok: true; value: T } | { ok: false; error: SyncHttpError };

export interface HttpClientOptions {
  /** Base URL, e.g. `https://members.example.com` or `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** PEM file of extra trusted CA certificates (private PKI). */
  caFile?: string;
  /** Whole-request timeout; default 30 s. */
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  token?: string;
}

export interface HttpClient {
  readonly baseUrl: string;
  request(req: HttpRequest): Promise<HttpResult<unknown>>;
  /** Like `request`, but a 2xx body is returned as its bytes, unparsed (NDJSON pages). */
  requestBytes(req: HttpRequest): Promise<HttpResult<Buffer>>;
  /** Frees pooled sockets. */
  close(): void;
}

const fail = (error: SyncHttpError): { ok: false; error: SyncHttpError } => ({ ok: false, error });

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Checks a cloud URL against the transport rules without connecting. */
export function checkCloudUrl(baseUrl: string): HttpResult<URL> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail({ kind: 'bad-url', message: `not a URL: ${baseUrl}` });
  }
  if (url.protocol === 'https:') return { ok: true, value: url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, value: url };
  if (url.protocol === 'http:')
    return fail({
      kind: 'insecure-url',
      message: `HTTPS is required for ${url.hostname}; plain HTTP is allowed only on loopback`,
    });
  return fail({ kind: 'bad-url', message: `unsupported scheme ${url.protocol}` });
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME|ALTNAME|SSL/i;

function classify(status: number, body: unknown, retryAfter: string | undefined): SyncHttpError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
  const details =
    err?.details && typeof err.details === 'object'
      ? (err.details as Record<string, unknown>)
      : undefined;
  if (status === 429)
    return {
      kind: 'rate-limited',
      status,
      code,
      message,
      retryAfterMs: parseRetryAfter(retryAfter, Date.now()) ?? undefined,
    };
  if (status === 401) return { kind: 'unauthorized', status, code, message, details };
  if (status >= 500) return { kind: 'http-5xx', status, code, message, details };
  return { kind: 'http-4xx', status, code, message, details };
}

export function createHttpClient(opts: HttpClientOptions): HttpResult<HttpClient> {
  const checked = checkCloudUrl(opts.baseUrl);
  if (!checked.ok) return checked;
  const base = checked.value;
  let ca: Buffer | undefined;
  if (opts.caFile) {
    try {
      ca = readFileSync(opts.caFile);
    } catch (error) {
      return fail({
        kind: 'bad-url',
        message: `cannot read CA file ${opts.caFile}: ${String(error)}`,
      });
    }
  }
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 4, ca, rejectUnauthorized: true })
    : new http.Agent({ keepAlive: true, maxSockets: 4 });
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const basePath = base.pathname.replace(/\/$/, '');

  function send(req: HttpRequest, bytes: true): Promise<HttpResult<Buffer>>;
  function send(req: HttpRequest, bytes: false): Promise<HttpResult<unknown>>;
  function send(req: HttpRequest, bytes: boolean): Promise<HttpResult<unknown>> {
    return new Promise((resolve) => {
      const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const headers: Record<string, string> = { accept: 'application/json' };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      if (req.token) headers.authorization = `Bearer ${req.token}`;
      const options: https.RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port || undefined,
        path: `${basePath}${req.path}`,
        method: req.method,
        headers,
        agent,
        ...(secure ? { rejectUnauthorized: true, ca } : {}),
      };
      let settled = false;
      const done = (result: HttpResult<unknown>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const lib = secure ? https : http;
      const outgoing = lib.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (e) => done(fail({ kind: 'offline', message: e.message })));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (bytes && status >= 200 && status < 300)
            return done({ ok: true, value: Buffer.concat(chunks) });
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = text.length ? JSON.parse(text) : null;
          } catch {
            if (status >= 200 && status < 300)
              return done(fail({ kind: 'bad-answer', status, message: 'answer is not JSON' }));
          }
          if (status >= 200 && status < 300) return done({ ok: true, value: body });
          const ra = res.headers['retry-after'];
          done(fail(classify(status, body, Array.isArray(ra) ? ra[0] : ra)));
        });
      });
      const timer = setTimeout(() => {
        outgoing.destroy();
        done(fail({ kind: 'timeout', message: `no answer within ${timeoutMs} ms` }));
      }, timeoutMs);
      outgoing.on('error', (e: NodeJS.ErrnoException) => {
        const tls = TLS_CODES.test(e.code ?? '') || TLS_CODES.test(e.message);
        done(
          fail({ kind: tls ? 'tls' : 'offline', message: `${e.code ?? 'error'}: ${e.message}` }),
        );
      });
      outgoing.end(payload);
    });
  }

  return {
    ok: true,
    value: {
      baseUrl: base.toString(),
      request: (req) => send(req, false),
      requestBytes: (req) => send(req, true),
      close: () => agent.destroy(),
    },
  };
}

/** True for errors worth retrying later with backoff (the request may not have been processed). */
export function isTransient(error: SyncHttpError): boolean {
  return (
    error.kind === 'offline' ||
    error.kind === 'timeout' ||
    error.kind === 'http-5xx' ||
    error.kind === 'rate-limited' ||
    error.kind === 'bad-answer'
  );
}
