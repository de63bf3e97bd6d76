/**
 * Review of the look on the phone (issue 13.2) with cases the first tests did not cover: the
 * expiry to the millisecond (ready 1 ms before, expired at the instant), an order placed after the
 * expiry, hostile text in the catalogue escaped in the HTML, a hostile `?g=` and `?lang=`, and a
 * well-formed token nobody made (a pending page that names nothing, like any other).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { capturedLogger, enrollDevice, env, push, startCloud, type Cloud } from '../test/harness';

const TOKEN = 'Rv1ewT0kenAbCdEfGhIjKl';
const NOBODY = 'N0b0dyMadeThisT0kenXYZ';
const HOSTILE = `<img src=x onerror="alert(1)">'&`;
let cloud: Cloud;
let dev: EnrollResponse;
let seq = 0;
let expiresMs = 0;
const captured = capturedLogger('debug');
const logLines = captured.lines;
const CONTACT = '13912345678';

const page = (token: string, q = '') => cloud.app.inject({ method: 'GET', url: `/m/${token}${q}` });
const json = (token: string) => cloud.app.inject({ method: 'GET', url: `/m/${token}/look.json` });

beforeAll(async () => {
  cloud = await startCloud('pglite', { app: { logger: captured.logger } });
  dev = await enrollDevice(cloud, 'S001');
  await cloud.db.query(`UPDATE products SET name_en = $1, name_zh = $1 WHERE style_id = 'DRE001'`, [
    HOSTILE,
  ]);
  await cloud.db.query(
    `UPDATE variants SET color_en = $1, color_zh = $1 WHERE style_id = 'DRE001'`,
    [HOSTILE],
  );
  expiresMs = cloud.clock.ms + 7 * 86_400_000;
  const res = await push(cloud, dev, 'e1', [
    env(++seq, 'shareLook', {
      token: TOKEN,
      revision: 1,
      skus: ['DRE001-WHT-S'],
      expiresAt: new Date(expiresMs).toISOString(),
    }),
  ]);
  expect(res.json().results[0].status).toBe('applied');
}, 60_000);
afterAll(async () => cloud.close());

describe('the look on the phone, reviewed', () => {
  it('escapes catalogue text and ignores hostile query values', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const res = await page(
        TOKEN,
        `?lang=${lang}&g=${encodeURIComponent(`"><script>x()</script>`)}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).not.toContain('<script>x()');
      expect(res.body).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#39;&#38;');
    }
    const odd = await page(TOKEN, `?lang=${encodeURIComponent('"><b>')}`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('<html lang="zh-CN">');
  });

  it('answers a well-formed token nobody made with the same pending page as any other', async () => {
    const a = await page(NOBODY);
    const b = await page('AnotherUnknownToken___');
    expect(a.statusCode).toBe(200);
    const strip = (s: string, t: string) =>
      s.replaceAll(t, 'T').replace(/nonce-[^'"]+|nonce="[^"]+"/g, 'N');
    expect(strip(a.body, NOBODY)).toBe(strip(b.body, 'AnotherUnknownToken___'));
    expect((await json(NOBODY)).json()).toEqual({ state: 'pending' });
  });

  it('keeps the shopper’s contact out of the log, for an order placed and one refused', async () => {
    const place = (orderId: string, sku: string, mode: string) =>
      cloud.app.inject({
        method: 'POST',
        url: `/m/${TOKEN}/orders`,
        payload: { orderId, mode, sku, qty: 1, contact: CONTACT },
      });
    expect(
      (await place('6b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e', 'DRE001-WHT-M', 'home')).statusCode,
    ).toBe(200);
    expect(
      (await place('7b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e', 'DRE001-WHT-S', 'reserve')).statusCode,
    ).toBe(409);
    expect((await place('not-a-uuid', 'DRE001-WHT-S', 'reserve')).statusCode).toBe(400);
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(CONTACT);
    expect(log).not.toContain(TOKEN);
  });

  it('is ready 1 ms before its expiry and expired at the instant, orders too', async () => {
    cloud.clock.ms = expiresMs - 1;
    expect((await json(TOKEN)).json().state).toBe('ready');
    cloud.clock.ms = expiresMs;
    expect((await json(TOKEN)).json()).toEqual({ state: 'expired' });
    const res = await page(TOKEN);
    expect(res.statusCode).toBe(410);
    expect(res.body).not.toContain('DRE001');
    const ordered = await cloud.app.inject({
      method: 'POST',
      url: `/m/${TOKEN}/orders`,
      payload: {
        orderId: '5b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
        mode: 'home',
        sku: 'DRE001-WHT-S',
        qty: 1,
        contact: '138 0000 0000',
      },
    });
    expect(ordered.statusCode).toBe(410);
    expect(ordered.json().error.code).toBe('look-expired');
  });
});
