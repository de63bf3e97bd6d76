/**
 * Review of the web shell's `/media/…` route on a real server and media cache: the cases an
 * outside tester tries first (Range, HEAD, a foreign Host, a hash that is not lowercase hex, a raster
 * size's headers). All held; kept so a later change cannot reopen them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridgeServer } from '../../bridge/server';
import { someHandlers } from '../../bridge/test-handlers';
import { checkMedia } from '../../core/rules/media/check';
import { openDemoDbWithImages, type TestDb } from '../../test/support/db';
import { startWebShell, type WebShell } from './server';

let db: TestDb;
let shell: WebShell;
let svgHash = '';
let jpegHash = '';

beforeAll(async () => {
  const opened = await openDemoDbWithImages();
  db = opened.db;
  svgHash = (
    db.raw.prepare("SELECT hash FROM catalog_media WHERE style_id = 'DRE001'").get() as {
      hash: string;
    }
  ).hash;
  const jpeg = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#a00' } })
    .jpeg()
    .toBuffer();
  const checked = await checkMedia(jpeg);
  if (!checked.ok) throw new Error(checked.error.message);
  opened.media.put([checked.value]);
  jpegHash = checked.value.hash;
  mkdirSync(join(db.dir, 'renderer'));
  writeFileSync(join(db.dir, 'renderer', 'index.html'), '<!doctype html><title>screen</title>');
  shell = await startWebShell({
    bridge: createBridgeServer(someHandlers({}), { staffSignedIn: () => false }),
    rendererDir: join(db.dir, 'renderer'),
    port: 0,
    media: opened.media,
  });
}, 60_000);
afterAll(async () => {
  await shell.close();
  db.close();
});

function get(path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: shell.port,
          path,
          method: options.method ?? 'GET',
          headers: { host: `127.0.0.1:${shell.port}`, ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('GET /media/<hash>/<size>, reviewed', () => {
  it('serves a raster size as WebP with nosniff, same-origin only and a CSP that runs nothing', async () => {
    const res = await get(`/media/${jpegHash}/thumb`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/script-src/);
  });

  it('answers a Range request with the whole image (never a wrong slice)', async () => {
    const whole = await get(`/media/${svgHash}/screen`);
    const ranged = await get(`/media/${svgHash}/screen`, { headers: { range: 'bytes=5-9' } });
    expect(ranged.status).toBe(200);
    expect(ranged.body.equals(whole.body)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(`/media/${svgHash}/screen`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.body.length).toBe(0);
  });

  it('refuses a request for another Host (DNS rebinding) before looking at the path', async () => {
    const res = await get(`/media/${svgHash}/screen`, { headers: { host: 'evil.example' } });
    expect(res.status).toBe(421);
    expect(res.body.toString('utf8')).not.toMatch(/<svg/);
  });

  it.each([
    ['not hex', 'g'.repeat(64)],
    ['too short', svgHash.slice(0, 63)],
    ['too long', `${svgHash}0`],
    ['percent-encoded hex', [...svgHash].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')],
  ])('answers a hash that is %s with a 404', async (_what, hash) => {
    const res = await get(`/media/${hash}/screen`);
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
  });
});
