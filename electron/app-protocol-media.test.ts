/**
 * Product images in the Electron shell: `kiosk://app/media/<hash>/<size>` is answered from the
 * media cache with the media route's headers, on the screen's own origin; every other
 * `kiosk://` request keeps going to the folders.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaSource } from '../host/media/media-route';
import { tempDir } from '../test/support/temp';
import { appMediaPath, handleAppProtocol } from './app-protocol';

const dir = tempDir('app-protocol-media-');
let handler: (request: Request) => Promise<Response> = () => Promise.reject(new Error('unset'));
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
const hash = createHash('sha256').update(SVG).digest('hex');
const file = join(dir.path, hash);
/** The media cache as the route sees it (the real one is tested with the web shell). */
const media: MediaSource = {
  file: (h, size) =>
    Promise.resolve(h === hash && size === 'screen' ? { path: file, type: 'image/svg+xml' } : null),
};

beforeAll(() => {
  writeFileSync(file, SVG);
  const protocol = {
    handle(_scheme: string, fn: (request: Request) => Promise<Response>) {
      handler = fn;
    },
  };
  handleAppProtocol(
    protocol,
    { app: join(dir.path, 'renderer') },
    "default-src 'self'",
    () => undefined,
    media,
  );
});
afterAll(() => dir.remove());

describe('the app protocol’s media route', () => {
  it('recognises only kiosk://app/media/… as media', () => {
    expect(appMediaPath(`kiosk://app/media/${hash}/thumb`)).toBe(`/media/${hash}/thumb`);
    expect(appMediaPath(`kiosk://staff/media/${hash}/thumb`)).toBeNull();
    expect(appMediaPath('kiosk://app/index.html')).toBeNull();
    expect(appMediaPath('not a url')).toBeNull();
  });

  it('serves a cached image with the media headers, and a 404 for one it does not have', async () => {
    const res = await handler(new Request(`kiosk://app/media/${hash}/screen`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(SVG)).toBe(true);
    const missing = await handler(new Request(`kiosk://app/media/${'1'.repeat(64)}/thumb`));
    expect(missing.status).toBe(404);
    const traversal = await handler(new Request('kiosk://app/media/..%2f..%2fkiosk.db/thumb'));
    expect(traversal.status).toBe(404);
    const post = await handler(new Request(`kiosk://app/media/${hash}/thumb`, { method: 'POST' }));
    expect(post.status).toBe(405);
  });
});
