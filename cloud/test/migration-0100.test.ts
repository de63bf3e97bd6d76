/** Migration 100: catalog media tables, their checks, and the `media` stream's epoch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

describe('cloud migration 100 (catalog media)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(db);
    await db.exec(
      `INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 1, 'full')`,
    );
  });
  afterAll(async () => db.close());

  const blob = (hash: string, bytes: number, data: string) =>
    db.query(
      `INSERT INTO media_blobs (hash, type, bytes, data) VALUES ($1, 'image/png', $2, decode($3, 'hex'))`,
      [hash, bytes, data],
    );

  it('keeps images by a real content hash, with their true size, referenced by existing styles', async () => {
    const h = 'a'.repeat(64);
    await blob(h, 2, 'abcd');
    await expect(blob('b'.repeat(64), 3, 'abcd')).rejects.toThrow(/check/i);
    await expect(blob('not-a-hash', 2, 'abcd')).rejects.toThrow(/check/i);
    await db.query(
      `INSERT INTO catalog_media (style_id, color_code, hash, alt_zh, alt_en) VALUES ('DRE', 'W', $1, 'a', 'a')`,
      [h],
    );
    await expect(
      db.query(
        `INSERT INTO catalog_media (style_id, color_code, hash, alt_zh, alt_en) VALUES ('NOPE', 'W', $1, 'a', 'a')`,
        [h],
      ),
    ).rejects.toThrow(/foreign key/i);
    const { rows } = await db.query<{ epoch: number }>(
      "SELECT epoch FROM stream_epochs WHERE stream = 'media'",
    );
    expect(rows).toEqual([{ epoch: 1 }]);
  });
});
