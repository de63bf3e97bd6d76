/**
 * The web shell's `/media/…` route on a real server and a real media cache: images come with
 * their cache and safety headers, nothing else ever comes out of it (path traversal, other
 * methods, unknown hashes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoDbWithImages, type TestDb } from '../../test/support/db';
import { rawRequest } from '../../test/support/raw-http';
import { createBridgeServer } from '../../bridge/server';
import { startWebShell, type WebShell } from './server';
import { someHandlers } from '../../bridge/test-handlers';

const INDEX = '<!doctype html><title>screen</title>';
let db: TestDb;
let shell: WebShell;
let hash = '';

beforeAll(async () => {
  const opened = await openDemoDbWithImages();
  db = opened.db;
  const { media } = opened;
  hash = (
    db.raw.prepare("SELECT hash FROM catalog_media WHERE style_id = 'DRE001'").get() as {
      hash: string;
    }
  ).hash;
  mkdirSync(join(db.dir, 'renderer'));
  writeFileSync(join(db.dir, 'renderer', 'index.html'), INDEX);
  shell = await startWebShell({
    bridge: createBridgeServer(someHandlers({}), { staffSignedIn: () => false }),
    rendererDir: join(db.dir, 'renderer'),
    port: 0,
    media,
  });
}, 60_000);
afterAll(async () => {
  await shell.close();
  db.close();
});

/** A raw request: the path goes out exactly as written (no URL normalisation on our side). */
function get(path: string, method = 'GET') {
  return rawRequest({
    host: '127.0.0.1',
    port: shell.port,
    path,
    method,
    headers: { host: `127.0.0.1:${shell.port}` },
  });
}

describe('GET /media/<hash>/<size>', () => {
  it('serves a product image immutable, typed, nosniff, same-origin only, with a script-free CSP', async () => {
    const res = await get(`/media/${hash}/screen`);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'none'.*sandbox/);
    expect(res.body.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect((await get(`/media/${hash}/thumb`, 'HEAD')).status).toBe(200);
  });

  it('answers an image it does not have with a 404 the browser does not keep', async () => {
    const res = await get(`/media/${'0'.repeat(64)}/thumb`);
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await get(`/media/${hash}/huge`)).status).toBe(404);
  });

  it('never serves a file outside the media cache (path traversal)', async () => {
    const paths = [
      '/media/../kiosk.db',
      '/media/../../kiosk.db/thumb',
      '/media/%2e%2e/%2e%2e/kiosk.db',
      `/media/${hash}/../../kiosk.db`,
      `/media/${hash}%2f..%2f..%2fkiosk.db/thumb`,
      '/media/..%5c..%5ckiosk.db/thumb',
      `/media/${hash.slice(0, 2)}/${hash}`,
      `/media/${hash}/thumb/..%2f..%2f..%2fkiosk.db`,
      `/media/${hash}/thumb%00`,
      '/media/%00/thumb',
      `/media/${hash.toUpperCase()}/thumb`,
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.body.subarray(0, 15).toString('latin1'), path).not.toBe('SQLite format 3');
      expect(res.body.toString('utf8'), path).not.toMatch(/<svg/);
      // the URL parser folds plain "..": such a path leaves /media/ and gets the screen's page
      expect([200, 400, 403, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.body.toString('utf8'), path).toBe(INDEX);
    }
  });

  it('is read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'])
      expect((await get(`/media/${hash}/thumb`, method)).status).toBe(405);
  });
});
