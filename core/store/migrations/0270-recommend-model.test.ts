import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan } from './test-support';

describe('0270-recommend-model', () => {
  it('replaces the affinity tables with the model tables, keeping history and settings', () => {
    const db = databaseAt(250);
    db.exec(`INSERT INTO history_tryons VALUES ('T1', 1, 'M1', 'S001', 't', 'A-BLK-M', 'liked', NULL);
      INSERT INTO style_affinity VALUES ('A', 'B', 1, 0, 1);
      INSERT INTO settings VALUES ('recommend.affinity', '{}'), ('other', 'kept');`);
    migrateTo(db, 270);
    expect(db.raw.prepare('SELECT count(*) AS n FROM history_tryons').get()).toEqual({ n: 1 });
    expect(db.raw.prepare('SELECT key FROM settings').all()).toEqual([{ key: 'other' }]);
    expect(() => db.exec('SELECT * FROM style_affinity')).toThrow(/no such table/);

    db.exec(`INSERT INTO recommend_model VALUES (1, 'm1', 'local', '{}', 't', 10)`);
    expect(() =>
      db.exec(`INSERT INTO recommend_model VALUES (2, 'm2', 'local', '{}', 't', 10)`),
    ).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE recommend_model SET source = 'elsewhere' WHERE id = 1`)).toThrow(
      /CHECK/,
    );
    expect(() => db.exec(`INSERT INTO recommend_items VALUES ('A', 0.5, 'not json')`)).toThrow(
      /CHECK/,
    );
    expect(() => db.exec(`INSERT INTO recommend_items VALUES ('A', -1, '{}')`)).toThrow(/CHECK/);
    db.exec(`INSERT INTO recommend_members VALUES ('M1', '{"picks":[]}')`);
    expect(() => db.exec(`INSERT INTO model_stream_rows VALUES ('', '{}')`)).toThrow(/CHECK/);
    expect(
      queryPlan(
        db,
        'SELECT style_id FROM recommend_items ORDER BY popularity DESC, style_id LIMIT 5',
      ),
    ).toMatch(/recommend_items_popular/);
  });
});
