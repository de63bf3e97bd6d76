/** Migration 80: shared rate-limit counters and server secrets, the same for every instance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPresenceSecret } from '../auth/presence';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';
import { hit, isOver } from '../http/rate-limit';

describe('cloud migration 80 (rate limits and server secrets)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(db);
  });
  afterAll(async () => db.close());

  it('counts hits per bucket and window, and clears windows a day old', async () => {
    const rule = { name: 'r', limit: 2, windowMs: 60_000 };
    const at = new Date('2026-11-20T10:00:30Z');
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push(await hit(db, 'dev_a', [rule], at));
    expect(verdicts).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterS: 30 },
    ]);
    expect(await isOver(db, 'dev_a', rule, at)).toEqual({ allowed: false, retryAfterS: 30 });
    expect(await isOver(db, 'dev_b', rule, at)).toEqual({ allowed: true });
    const nextDay = new Date(at.getTime() + 25 * 3600_000);
    expect(await hit(db, 'dev_b', [rule], nextDay)).toEqual({ allowed: true });
    const { rows } = await db.query<{ bucket: string }>('SELECT bucket FROM rate_limits');
    expect(rows).toEqual([{ bucket: 'r:dev_b' }]);
  });

  it('generates the presence secret once: concurrent instances read the same', async () => {
    const secrets = await Promise.all([1, 2, 3].map(() => loadPresenceSecret(db)));
    expect(new Set(secrets.map((s) => s.toString('hex'))).size).toBe(1);
    expect(secrets[0]?.length).toBeGreaterThanOrEqual(32);
    expect((await loadPresenceSecret(db, 'given')).toString()).toBe('given');
  });
});
