/**
 * Issue 11 item 7: enrollment codes carry at least 70 bits and stay typeable; repeated wrong codes
 * from one address get 429 (counted in the database, so across every instance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, newEnrollmentCode } from '../auth/secrets';
import { DB_KINDS, createCode, secondInstance, startCloud, type Cloud } from './harness';

describe('enrollment codes', () => {
  it('carry at least 70 bits in 15 unambiguous symbols, every symbol equally likely', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(70);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const code = newEnrollmentCode();
      expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      for (const c of code.replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
    // 45,000 symbols, ~1452 each: a modulo bias (256 % 31 = 8) would push 8 symbols ~12% higher
    const expected = (3000 * CODE_LENGTH) / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });
});

const LIMITS = { enrollFailures: { name: 'enroll-failures', limit: 4, windowMs: 15 * 60_000 } };

describe.each(DB_KINDS)('enrollment attempts on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind, { app: { limits: LIMITS } });
  });
  afterAll(async () => cloud.close());

  it('answers 429 after repeated wrong codes from one address, on every instance', async () => {
    const second = await secondInstance(cloud, { limits: LIMITS });
    const attempt = (code: string, remoteAddress: string, app = cloud.app) =>
      app.inject({
        method: 'POST',
        url: '/v1/enroll',
        remoteAddress,
        payload: { code, deviceName: 'guessing kiosk' },
      });
    try {
      const wrong = [];
      for (let i = 0; i < 4; i++)
        wrong.push(
          (await attempt('AAAAA-AAAAA-AAAAA', '10.0.0.7', i % 2 ? second.app : cloud.app))
            .statusCode,
        );
      expect(wrong).toEqual([401, 401, 401, 401]);
      // even the right code is refused from that address until the window passes
      const right = await createCode(cloud);
      const refused = await attempt(right, '10.0.0.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate-limited');
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      expect((await attempt(right, '10.0.0.7', second.app)).statusCode).toBe(429);
      // another address is not affected, and its successes never count against it
      for (let i = 0; i < 5; i++)
        expect((await attempt(await createCode(cloud), '10.0.0.8')).statusCode).toBe(200);
      cloud.clock.ms += wait * 1000;
      expect((await attempt(await createCode(cloud), '10.0.0.7')).statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});
