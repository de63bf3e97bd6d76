/**
 * The look on the phone, cloud side: a kiosk's `shareLook` makes the page; before it arrives the
 * page says it is on its way; garments show pictures, colours, sizes and stock here / other
 * stores / online; orders from the page take stock like a kiosk's placeOrder and show in the
 * stock stream; tokens expire after 7 days; a malformed token is a 404; no personal data shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { enrollDevice, env, pullAll, push, startCloud, type Cloud } from '../test/harness';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const OTHER = 'ZyXwVuTsRqPoNmLkJiHgFe';
let cloud: Cloud;
let dev: EnrollResponse;
let seq = 0;

const share = (
  d: EnrollResponse,
  token: string,
  revision: number,
  skus: string[],
  expiresAt?: string,
) =>
  push(cloud, d, 'e1', [
    env(++seq, 'shareLook', {
      token,
      revision,
      skus,
      expiresAt: expiresAt ?? new Date(cloud.clock.ms + 7 * 86_400_000).toISOString(),
    }),
  ]);
const page = (token: string, q = '') => cloud.app.inject({ method: 'GET', url: `/m/${token}${q}` });
const order = (token: string, body: object) =>
  cloud.app.inject({ method: 'POST', url: `/m/${token}/orders`, payload: body });
const onHand = async (sku: string, loc: string) =>
  (
    await cloud.db.query<{ on_hand: number }>(
      'SELECT on_hand FROM stock WHERE sku = $1 AND location_id = $2',
      [sku, loc],
    )
  ).rows[0]?.on_hand;

beforeAll(async () => {
  cloud = await startCloud('pglite');
  dev = await enrollDevice(cloud, 'S001');
}, 60_000);
afterAll(async () => cloud.close());

describe('the look on the phone', () => {
  it('says the look is on its way until the kiosk syncs it, then shows it', async () => {
    const before = await page(TOKEN);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('data-state="pending"');
    expect(before.body).toContain('搭配正在路上');
    expect((await cloud.app.inject({ url: `/m/${TOKEN}/look.json` })).json()).toEqual({
      state: 'pending',
    });

    expect((await share(dev, TOKEN, 1, ['DRE001-WHT-S'])).json().results[0].status).toBe('applied');
    const after = await cloud.app.inject({ url: `/m/${TOKEN}/look.json` });
    const look = after.json();
    expect(look.state).toBe('ready');
    expect(look.store.storeId).toBe('S001');
    const [dress] = look.garments;
    expect(dress).toMatchObject({
      sku: 'DRE001-WHT-S',
      nameEn: 'Water-repellent dress',
      size: 'S',
    });
    expect(dress.sizes.map((s: { size: string }) => s.size)).toEqual(
      ['XS', 'S', 'M', 'L', 'XL'].slice(0, dress.sizes.length),
    );
    expect(dress.sizes.find((s: { size: string }) => s.size === 'S')).toMatchObject({
      here: 0,
      otherStores: 7,
      online: 22,
    });
  });

  it('renders garments with pictures, colour, sizes and stock in both languages, with a strict CSP', async () => {
    const zh = await page(TOKEN, '?g=DRE001-WHT-S');
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('防泼水连衣裙');
    expect(zh.body).toContain('class="g focus"');
    expect(zh.body).toMatch(/<img src="\/media\/[0-9a-f]{64}\/screen"/);
    expect(zh.headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    expect(zh.headers['cache-control']).toBe('no-store');
    const en = await cloud.app.inject({
      url: `/m/${TOKEN}`,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Water-repellent dress');
    expect(en.body).toContain('Buy online, deliver to my home');
    expect(en.body).not.toMatch(/M0000\d\d|MBR1\./); // no member, no credential
  });

  it('keeps the newest revision from the device that made the token, nothing from another', async () => {
    await share(dev, TOKEN, 2, ['DRE001-WHT-M', 'DRE001-WHT-S']);
    await share(dev, TOKEN, 1, ['DRE001-WHT-XS']); // late, older
    const intruder = await enrollDevice(cloud, 'S002');
    await push(cloud, intruder, 'e1', [
      env(1, 'shareLook', {
        token: TOKEN,
        revision: 9,
        skus: ['DRE001-WHT-XS'],
        expiresAt: new Date(cloud.clock.ms + 86_400_000).toISOString(),
      }),
    ]);
    const look = (await cloud.app.inject({ url: `/m/${TOKEN}/look.json` })).json();
    expect(look.garments.map((g: { sku: string }) => g.sku)).toEqual([
      'DRE001-WHT-M',
      'DRE001-WHT-S',
    ]);
    expect(look.store.storeId).toBe('S001');
  });

  it('orders online or reserves here, taking stock that the stock stream then serves', async () => {
    const snapshot = await pullAll(cloud, dev.token, 'stock');
    const online = await onHand('DRE001-WHT-S', 'ONLINE');
    const home = await order(TOKEN, {
      orderId: '0b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      mode: 'home',
      sku: 'DRE001-WHT-S',
      qty: 1,
      contact: '138 0000 0000',
    });
    expect(home.statusCode).toBe(200);
    expect(home.json()).toEqual({
      ok: true,
      value: { orderId: '0b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e', status: 'reserved' },
    });
    expect(await onHand('DRE001-WHT-S', 'ONLINE')).toBe((online ?? 0) - 1);
    // the same order again (a retry) takes nothing more
    await order(TOKEN, {
      orderId: '0b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      mode: 'home',
      sku: 'DRE001-WHT-S',
      qty: 1,
      contact: '138 0000 0000',
    });
    expect(await onHand('DRE001-WHT-S', 'ONLINE')).toBe((online ?? 0) - 1);
    const reserve = await order(TOKEN, {
      orderId: '1b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      mode: 'reserve',
      sku: 'DRE001-WHT-M',
      qty: 1,
      contact: 'Li, 139 0000 0000',
    });
    expect(reserve.statusCode).toBe(200);
    const { rows } = await cloud.db.query<{ kind: string; from_location: string; channel: string }>(
      `SELECT kind, from_location, body->>'channel' AS channel FROM orders ORDER BY order_id`,
    );
    expect(rows).toEqual([
      { kind: 'ship-from-online', from_location: 'ONLINE', channel: 'phone' },
      { kind: 'reserve-in-store', from_location: 'S001', channel: 'phone' },
    ]);
    const delta = await pullAll(cloud, dev.token, 'stock', snapshot.cursor);
    expect(delta.rows.map((r) => r.key).sort()).toEqual([
      'DRE001-WHT-M@S001',
      'DRE001-WHT-S@ONLINE',
    ]);
  });

  it('refuses what the look does not hold, stock it does not have, and bad tokens', async () => {
    const base = { mode: 'reserve', qty: 1, contact: '138 0000 0000' };
    const here0 = await order(TOKEN, {
      ...base,
      orderId: '2b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      sku: 'DRE001-WHT-S',
    });
    expect(here0.statusCode).toBe(409); // none of size S in S001
    expect(here0.json().error.code).toBe('out-of-stock');
    const stranger = await order(TOKEN, {
      ...base,
      orderId: '3b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      sku: 'NOPE-1',
    });
    expect(stranger.json().error.code).toBe('not-in-look');
    const unknown = await order(OTHER, {
      ...base,
      orderId: '4b6f3c52-6f7e-4a8e-9d7c-2f1a3b4c5d6e',
      sku: 'DRE001-WHT-M',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await page('short')).statusCode).toBe(404);
    expect((await page('../../etc/passwd')).statusCode).toBe(404);
    const bad = await order(TOKEN, { ...base, orderId: 'not-a-uuid', sku: 'DRE001-WHT-M' });
    expect(bad.statusCode).toBe(400);
  });

  it('expires after 7 days whatever the kiosk asked for', async () => {
    await share(dev, OTHER, 1, ['DRE001-WHT-S'], '2030-01-01T00:00:00Z');
    cloud.clock.ms += 7 * 86_400_000 + 60_000;
    const res = await page(OTHER, '?lang=en');
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This link has expired');
    expect(res.body).not.toContain('Water-repellent dress');
  });
});
