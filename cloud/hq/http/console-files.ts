/**
 * The built console (dist/hq) served at /hq/, read into memory once at start: only files that
 * exist in the build can be answered, so no path from a URL ever reaches the file system. Hashed
 * assets are cached for a year; index.html never. Every answer of the HQ plugin carries a strict
 * Content-Security-Policy (see SECURITY_HEADERS).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

interface ConsoleFile {
  body: Buffer;
  type: string;
  immutable: boolean;
}

function readBuild(dir: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.map'))
        files.set(relative(dir, path).split(sep).join('/'), {
          body: readFileSync(path),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
          immutable: relative(dir, path).startsWith('assets'),
        });
    }
  };
  walk(dir);
  return files;
}

/** GET / and GET /<file of the build>, under the plugin's prefix (/hq). */
export function registerConsoleFiles(app: FastifyInstance, dir: string | null): void {
  const files = dir && existsSync(join(dir, 'index.html')) ? readBuild(dir) : null;
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const index = files?.get('index.html');
    if (!index)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The HQ console is not built: run `npm run build:hq` (npm run cloud does it when missing).',
        );
    return reply.type(index.type).header('cache-control', 'no-store').send(index.body);
  });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.slice(req.url.indexOf('/hq/') + 4).split('?')[0] ?? '';
    const file = files?.get(path);
    if (!file || path === 'index.html') return reply.code(404).type('text/plain').send('not found');
    return reply
      .type(file.type)
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(file.body);
  });
}
