/**
 * The device token rotates by itself during a normal sync once it is older than the configured
 * age, and a rotation whose answer never reached the kiosk's disk does not lock the kiosk out.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCloudClient } from '../../sync/cloud-client';
import { createHttpClient } from '../../sync/http-client';

import { enrolledKiosk } from './support/in-process';
import { writeMutations } from './support/kiosk';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();
const dir = env.newDir('kiosk-rotate-');

const DAY = 24 * 3600_000;

const accepted = async (token: string) =>
  (
    await env.cloud.cloud.app.inject({
      method: 'GET',
      url: '/v1/staff-tasks',
      headers: { authorization: `Bearer ${token}` },
    })
  ).statusCode === 200;

describe('automatic token rotation', () => {
  it('rotates an old token during a sync; a lost rotation answer neither locks out nor survives', async () => {
    const k = await enrolledKiosk(dir, env.cloud);
    try {
      const first = k.credentials()?.token ?? '';
      // A rotation whose answer was lost (the kiosk died before saving it).
      const http = createHttpClient({ baseUrl: env.cloud.url });
      if (!http.ok) throw new Error(http.error.message);
      const lost = await createCloudClient(http.value).rotate(first);
      http.value.close();
      if (!lost.ok) throw new Error(lost.error.message);

      // A fresh token is not rotated.
      expect((await k.sync({ pushOnly: true })).ok).toBe(true);
      expect(k.credentials()?.token).toBe(first);

      // 31 days later (kiosk clock), a normal sync rotates first, then pushes with the new token.
      writeMutations(k, 5);
      const later = () => new Date(Date.now() + 31 * DAY);
      expect(await k.sync({ clock: later })).toMatchObject({ ok: true, pushed: 5 });
      const creds = k.credentials();
      expect(creds?.token).not.toBe(first);
      expect(Date.parse(creds?.rotatedAt ?? '')).toBeGreaterThan(Date.now() + 30 * DAY);
      expect(await accepted(creds?.token ?? '')).toBe(true);
      expect(await accepted(lost.value.token)).toBe(false);
      // the old token only lives on for the grace period after the new one's first use
      const [old] = await env.cloud.query<{ expires_at: Date }>(
        'SELECT expires_at FROM device_tokens WHERE token_hash = $1',
        [createHash('sha256').update(first, 'utf8').digest('hex')],
      );
      expect(old?.expires_at.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 1000);

      // Back on the real clock the stored rotation time lies ahead (as after a clock jump back):
      // counted as old, so a tiny configured age rotates again.
      expect((await k.sync({ tokenMaxAgeMs: 1, pushOnly: true })).ok).toBe(true);
      expect(k.credentials()?.token).not.toBe(creds?.token);
    } finally {
      k.close();
    }
  }, 120_000);
});
