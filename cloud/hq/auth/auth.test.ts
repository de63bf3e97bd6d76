/**
 * Console sign-in: scrypt passwords, the session cookie (httpOnly, SameSite=Strict, path /hq),
 * CSRF on writes, the login rate limit, disabled accounts, idle and absolute session ends, the
 * security headers, the built console served from memory only, and the admin route the
 * `hq-user` CLI calls.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../app';
import { ADMIN, startCloud, type Cloud } from '../../test/harness';
import { hashPassword, verifyPassword } from './passwords';
import { SESSION_IDLE_MS } from './sessions';
import { createUser, disableUser } from './users';

let cloud: Cloud;
const login = (username: string, password: string, ip = '127.0.0.1') =>
  cloud.app.inject({
    method: 'POST',
    url: '/hq/api/session',
    payload: { username, password },
    remoteAddress: ip,
  });
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0] ?? '';

beforeAll(async () => {
  cloud = await startCloud('pglite');
  for (const username of ['ana.one', 'ana.two', 'ana.three'])
    expect(
      (
        await createUser(
          cloud.db,
          {
            username,
            displayName: username,
            role: 'analyst',
            storeId: null,
            password: 'correct horse 1',
          },
          new Date(cloud.clock.ms),
        )
      ).ok,
    ).toBe(true);
}, 120_000);
afterAll(async () => cloud.close());

describe('passwords', () => {
  it('verifies only the right password, and refuses a tampered or foreign hash', async () => {
    const h = await hashPassword('秘密 password');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('秘密 password', h)).toBe(true);
    expect(await verifyPassword('秘密 passworD', h)).toBe(false);
    // one character well inside the key changed (the last one carries padding bits a decoder
    // may ignore: replacing the last two by 'AA' left the key as it was about once in a thousand)
    const at = h.length - 10;
    const tampered = h.slice(0, at) + (h[at] === 'A' ? 'B' : 'A') + h.slice(at + 1);
    expect(await verifyPassword('秘密 password', tampered)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$2a$10$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999$8$1$AAAA$AAAA')).toBe(false);
    expect(h).not.toBe(await hashPassword('秘密 password')); // salted
  });

  it('refuses weak or malformed accounts when they are made', async () => {
    const now = new Date();
    const bad = [
      { username: 'ab', role: 'analyst', storeId: null, password: 'long-enough-1' },
      { username: 'mgr.nostore', role: 'store-manager', storeId: null, password: 'long-enough-1' },
      { username: 'ana.store', role: 'analyst', storeId: 'S001', password: 'long-enough-1' },
      { username: 'mgr.ghost', role: 'store-manager', storeId: 'S999', password: 'long-enough-1' },
      { username: 'ana.short', role: 'analyst', storeId: null, password: 'short' },
    ] as const;
    for (const u of bad)
      expect(await createUser(cloud.db, { ...u, displayName: 'x' }, now)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    expect(
      await createUser(
        cloud.db,
        {
          username: 'ana.one',
          displayName: 'x',
          role: 'analyst',
          storeId: null,
          password: 'long-enough-1',
        },
        now,
      ),
    ).toMatchObject({ ok: false, error: { code: 'exists' } });
  });
});

describe('sessions', () => {
  it('sets an httpOnly, SameSite=Strict cookie on /hq; a wrong password or unknown user gets the same answer', async () => {
    const good = await login('ana.one', 'correct horse 1');
    expect(good.statusCode).toBe(200);
    const set = String(good.headers['set-cookie']);
    expect(set).toMatch(/^hq_session=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\/hq/);
    expect(good.json()).toMatchObject({ user: { username: 'ana.one', role: 'analyst' } });
    const wrong = await login('ana.one', 'wrong horse 1');
    const unknown = await login('nobody.here', 'wrong horse 1');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    const { rows } = await cloud.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM hq_sessions',
    );
    expect(rows.map((r) => r.token_hash)).not.toContain(cookieOf(good).split('=')[1]);
  });

  it('needs the CSRF token to sign out, and the session ends with it', async () => {
    const res = await login('ana.two', 'correct horse 1');
    const cookie = cookieOf(res);
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const out = (headers: Record<string, string>) =>
      cloud.app.inject({
        method: 'DELETE',
        url: '/hq/api/session',
        headers: { cookie, ...headers },
      });
    expect((await out({})).json()).toMatchObject({ error: { code: 'csrf' } });
    expect((await out({ 'x-hq-csrf': 'guess' })).statusCode).toBe(403);
    const ok = await out({ 'x-hq-csrf': csrf });
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/hq_session=;/);
    const after = await cloud.app.inject({
      method: 'GET',
      url: '/hq/api/session',
      headers: { cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session after two idle hours, and at once when the account is disabled', async () => {
    const cookie = cookieOf(await login('ana.three', 'correct horse 1'));
    const me = () =>
      cloud.app.inject({ method: 'GET', url: '/hq/api/session', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    cloud.clock.ms += SESSION_IDLE_MS - 60_000;
    expect((await me()).statusCode).toBe(200); // still in time, and the clock restarts
    cloud.clock.ms += SESSION_IDLE_MS - 60_000;
    expect((await me()).statusCode).toBe(200);
    cloud.clock.ms += SESSION_IDLE_MS + 1;
    expect((await me()).statusCode).toBe(401);
    const again = cookieOf(await login('ana.three', 'correct horse 1'));
    expect(await disableUser(cloud.db, 'ana.three', new Date(cloud.clock.ms))).toBe(true);
    const res = await cloud.app.inject({
      method: 'GET',
      url: '/hq/api/meta',
      headers: { cookie: again },
    });
    expect(res.statusCode).toBe(401);
    expect((await login('ana.three', 'correct horse 1')).statusCode).toBe(401);
  });

  it('limits sign-in attempts per address and username', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await login('ana.one', `guess ${i}`, '10.0.0.9')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await login('ana.one', 'correct horse 1', '10.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate-limited' } });
    // another address is not locked out by the guesser
    expect((await login('ana.one', 'correct horse 1', '10.0.0.10')).statusCode).toBe(200);
  });
});

describe('the console and its headers', () => {
  it('serves only the built files, with a strict CSP; says when it is not built', async () => {
    const notBuilt = await cloud.app.inject({ method: 'GET', url: '/hq/' });
    expect(notBuilt.statusCode).toBe(503);
    expect(notBuilt.headers['content-security-policy']).toContain("script-src 'self'");
    const dir = mkdtempSync(join(tmpdir(), 'hq-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>HQ</title>');
    writeFileSync(join(dir, 'assets', 'app-abc.js'), 'console.log(1)');
    const app = await buildCloudApp({ db: cloud.db, adminToken: ADMIN, hq: { consoleDir: dir } });
    try {
      const index = await app.inject({ method: 'GET', url: '/hq/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<title>HQ</title>');
      expect(index.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(index.headers['x-frame-options']).toBe('DENY');
      const js = await app.inject({ method: 'GET', url: '/hq/assets/app-abc.js' });
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.headers['cache-control']).toMatch(/immutable/);
      for (const url of ['/hq/assets/../../package.json', '/hq/%2e%2e/package.json', '/hq/nope.js'])
        expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
      const api = await app.inject({ method: 'GET', url: '/hq/api/meta' });
      expect(api.headers['content-security-policy']).toBeDefined();
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates users through the admin route only with the admin token', async () => {
    const body = {
      username: 'made.by.cli',
      displayName: 'CLI',
      role: 'store-manager',
      storeId: 'S002',
      password: 'long-enough-1',
    };
    const post = (token: string | null, payload: unknown) =>
      cloud.app.inject({
        method: 'POST',
        url: '/hq/api/admin/users',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: payload as Record<string, unknown>,
      });
    expect((await post(null, body)).statusCode).toBe(403);
    expect((await post('wrong', body)).statusCode).toBe(403);
    expect((await post(ADMIN, { ...body, role: 'root' })).statusCode).toBe(400);
    const made = await post(ADMIN, body);
    expect(made.statusCode).toBe(200);
    expect(made.json()).toMatchObject({
      username: 'made.by.cli',
      role: 'store-manager',
      storeId: 'S002',
    });
    expect((await login('made.by.cli', 'long-enough-1')).statusCode).toBe(200);
  });
});
