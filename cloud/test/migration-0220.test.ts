/** Migration 220: looks, one per token, only for a known store and device, well-formed tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudDbWithMirror } from './migration-support';
import type { Db } from '../db/db';

describe('cloud migration 220 (looks)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await cloudDbWithMirror(220);
  });
  afterAll(async () => db.close());

  it('keeps one look per well-formed token from a known device', async () => {
    const look = (token: string, device = 'dev_1', revision = 1) =>
      db.query(
        `INSERT INTO looks VALUES ($1, 'S001', $2, $3, '["A"]', now() + interval '7 days', now())`,
        [token, device, revision],
      );
    await look('AbCdEfGhIjKlMnOpQrStUv');
    await expect(look('AbCdEfGhIjKlMnOpQrStUv')).rejects.toThrow();
    await expect(look('short')).rejects.toThrow();
    await expect(look('ZyXwVuTsRqPoNmLkJiHgFe', 'dev_ghost')).rejects.toThrow();
    await expect(look('ZyXwVuTsRqPoNmLkJiHgFe', 'dev_1', 0)).rejects.toThrow();
  });
});
