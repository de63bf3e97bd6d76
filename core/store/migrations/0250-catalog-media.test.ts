import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan } from './test-support';

const H = 'a'.repeat(64);

describe('0250-catalog-media', () => {
  it('adds catalog media, the blob index and sizes to a database at 240, with checks and indexes', () => {
    const db = databaseAt(240);
    db.exec(`INSERT INTO stores VALUES ('S001', '店', 'Store', 'SH', 'Asia/Shanghai');
      INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 1, 'full');
      INSERT INTO variants VALUES ('DRE-W-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 1);`);
    migrateTo(db, 250);
    const media = db.prepare('INSERT INTO catalog_media VALUES (?, ?, ?, ?, 10, ?, ?)');
    media.run('DRE', 'W', H, 'image/svg+xml', '白裙', 'White dress');
    expect(() => media.run('DRE', 'B', 'short', 'image/svg+xml', 'a', 'a')).toThrow(/CHECK/);
    expect(() => media.run('DRE', 'B', H, 'text/html', 'a', 'a')).toThrow(/CHECK/);
    expect(() => media.run('DRE', 'W', H, 'image/png', 'a', 'a')).toThrow(/UNIQUE|PRIMARY/);
    db.exec(`INSERT INTO media_blobs (hash, type, bytes, stored_at) VALUES ('${H}', 'image/png', 5, 't');
      INSERT INTO media_variants VALUES ('${H}', 'thumb', 3)`);
    expect(() => db.exec(`INSERT INTO media_variants VALUES ('${H}', 'huge', 3)`)).toThrow(/CHECK/);
    db.exec(`DELETE FROM media_blobs WHERE hash = '${H}'`);
    expect(db.raw.prepare('SELECT count(*) AS n FROM media_variants').get()).toEqual({ n: 0 });
    expect(queryPlan(db, `SELECT * FROM catalog_media WHERE hash = '${H}'`)).toMatch(
      /catalog_media_hash/,
    );
    expect(
      queryPlan(db, `SELECT * FROM variants WHERE style_id = 'DRE' AND color_code = 'W'`),
    ).toMatch(/variants_style_colour/);
  });
});
