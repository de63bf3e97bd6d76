/**
 * The app's own origin. The renderer is served from a privileged custom scheme (`kiosk://app/`)
 * rather than `file://`, so every policy (navigation, permissions, IPC sender, CSP) can compare
 * against one exact origin that no web page can claim. Requests never leave the mapped folders.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { answerMedia, isMediaPath, type MediaSource } from '../host/media/media-route';

export const appScheme = 'kiosk';
export const appOrigin = 'kiosk://app';
export const appEntryUrl = `${appOrigin}/index.html`;
/** The staff exit dialog has its own origin, so it can never call the shopper bridge (and back). */
export const staffOrigin = 'kiosk://staff';
export const staffEntryUrl = `${staffOrigin}/index.html`;

/** Registered before `app.ready`: standard + secure gives a real origin and a secure context (camera). */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    codeCache: true,
  },
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The origin of a URL as Chromium computes it for a standard scheme. Node's URL reports `null`
 * for non-special schemes such as `kiosk:`, so it is rebuilt from scheme and host.
 */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export type AppRequest =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405 };

/**
 * Maps a `kiosk://<host>/<path>` request to a file under that host's root folder. Guarantees: a
 * path outside the root (`..`, encoded slashes, absolute paths, NUL) is refused with 403; an
 * unknown host is 404; a malformed URL or escape sequence is 400. Never throws.
 */
export function resolveAppRequest(
  url: string,
  roots: Readonly<Record<string, string>>,
  method = 'GET',
): AppRequest {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (parsed.protocol !== `${appScheme}:`) return { kind: 'refused', status: 400 };
  const root = Object.hasOwn(roots, parsed.host) ? roots[parsed.host] : undefined;
  if (root === undefined) return { kind: 'refused', status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 403 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = resolve(root);
  const path = resolve(base, `.${pathname}`);
  if (!path.startsWith(base + sep)) return { kind: 'refused', status: 403 };
  return { kind: 'file', path, contentType: contentTypeFor(path) };
}

/** The path of a `kiosk://app/media/…` request (the product images), or null for any other. */
export function appMediaPath(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` &&
      parsed.host === 'app' &&
      isMediaPath(parsed.pathname)
      ? parsed.pathname
      : null;
  } catch {
    return null;
  }
}

/** A product image from the media cache, with the media route's headers (host/media). */
async function mediaResponse(media: MediaSource | null, request: Request, path: string) {
  const answer = await answerMedia(media, request.method, path);
  if (answer.status !== 200) return new Response(null, answer);
  const body = request.method === 'HEAD' ? null : await readFile(answer.path);
  return new Response(body, { status: 200, headers: answer.headers });
}

/**
 * Serves the mapped folders over `kiosk://`, every response carrying the CSP, and the product
 * images of `media` at `kiosk://app/media/…` (same origin as the screen).
 */
export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  roots: Readonly<Record<string, string>>,
  csp: string,
  onError: (url: string, error: unknown) => void,
  media: MediaSource | null = null,
): void {
  protocol.handle(appScheme, async (request) => {
    const mediaPath = appMediaPath(request.url);
    if (mediaPath !== null)
      return mediaResponse(media, request, mediaPath).catch((error: unknown) => {
        onError(request.url, error);
        return new Response(null, { status: 500 });
      });
    const target = resolveAppRequest(request.url, roots, request.method);
    if (target.kind === 'refused') return new Response(null, { status: target.status });
    try {
      const body = await readFile(target.path);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': target.contentType,
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') onError(request.url, error);
      return new Response(null, { status: code === 'ENOENT' || code === 'EISDIR' ? 404 : 500 });
    }
  });
}
