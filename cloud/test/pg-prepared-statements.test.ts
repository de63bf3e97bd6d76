/**
 * A `prepareStatements` transaction sends its parameterised statements as named prepared
 * statements, kept by the connection (cloud/db/pg-db.ts, issue 15): the push's statements are
 * parsed and planned once per connection instead of at every call. The PostgreSQL cases read
 * `pg_prepared_statements` on a pool of one connection, so what a transaction left is what the
 * next one finds.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../app';
import type { Db, Queryable } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgDb } from '../db/pg-db';
import { statementNames } from '../db/pg-statement-names';
import { loadDemoStore } from '../demo/load-demo-store';
import { ADMIN, DEMO_DIR, enrollDevice, env, push, tryOnArgs, type Cloud } from './harness';

const URL = process.env.DATABASE_URL;
if (!URL)
  console.warn(
    '\n*** cloud/test/pg-prepared-statements.test.ts: the PostgreSQL cases SKIPPED (no DATABASE_URL) ***\n',
  );

describe('statement names', () => {
  it('name a text the same way every time, and in every instance', () => {
    const a = statementNames();
    const b = statementNames();
    const sql = 'SELECT $1::int';
    expect(a.nameFor(sql)).toMatch(/^kiosk_[0-9a-f]{24}$/);
    expect(a.nameFor(sql)).toBe(a.nameFor(sql));
    expect(b.nameFor(sql)).toBe(a.nameFor(sql));
    expect(a.nameFor('SELECT $1::text')).not.toBe(a.nameFor(sql));
  });

  it('stop naming new texts at the cap, and keep the names already given', () => {
    const names = statementNames(2);
    const first = names.nameFor('SELECT $1::int AS a');
    expect(names.nameFor('SELECT $1::int AS b')).toBeDefined();
    expect(names.nameFor('SELECT $1::int AS c')).toBeUndefined();
    expect(names.nameFor('SELECT $1::int AS a')).toBe(first);
    expect(names.size).toBe(2);
  });
});

const preparedTexts = async (q: Queryable): Promise<string[]> =>
  (
    await q.query<{ statement: string }>(
      "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'kiosk\\_%' ORDER BY statement",
    )
  ).rows.map((r) => r.statement);

describe.skipIf(!URL)('prepared statements on PostgreSQL', () => {
  let db: Db;
  const schema = `t_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    db = await createPgDb({ connectionString: URL ?? '', schema, max: 1 });
    await db.exec('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    await db.close();
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it('prepare a transaction’s parameterised statements once on the connection, and give the same rows', async () => {
    const insert = 'INSERT INTO items (id, label) VALUES ($1, $2) RETURNING label';
    const read = 'SELECT label FROM items WHERE id = $1';
    const labels = await db.transaction(
      async (tx) => {
        const out: string[] = [];
        for (let id = 1; id <= 3; id++) {
          const { rows } = await tx.query<{ label: string }>(insert, [id, `item ${id}`]);
          out.push(rows[0]?.label ?? '');
        }
        for (let id = 1; id <= 3; id++) {
          const { rows } = await tx.query<{ label: string }>(read, [id]);
          out.push(rows[0]?.label ?? '');
        }
        return out;
      },
      { prepareStatements: true },
    );
    expect(labels).toEqual(['item 1', 'item 2', 'item 3', 'item 1', 'item 2', 'item 3']);
    // the next transaction finds them on the (only) connection: one each, whatever the calls
    const kept = await db.transaction(async (tx) => preparedTexts(tx));
    expect(kept).toEqual([insert, read].sort());
  });

  it('prepare nothing without the option, nor a statement without parameters', async () => {
    const before = await db.transaction(async (tx) => preparedTexts(tx));
    await db.transaction(async (tx) => {
      await tx.query('SELECT label FROM items WHERE id > $1 ORDER BY id', [0]);
    });
    await db.transaction(
      async (tx) => {
        await tx.query('SELECT count(*) FROM items');
      },
      { prepareStatements: true },
    );
    await db.query('SELECT label FROM items WHERE id < $1', [9]);
    expect(await db.transaction(async (tx) => preparedTexts(tx))).toEqual(before);
  });

  it('roll back a failed prepared statement’s transaction and keep serving the statement', async () => {
    const insert = 'INSERT INTO items (id, label) VALUES ($1, $2) RETURNING label';
    const duplicate = db.transaction(async (tx) => tx.query(insert, [1, 'again']), {
      prepareStatements: true,
    });
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
    const { rows } = await db.transaction(async (tx) => tx.query(insert, [4, 'item 4']), {
      prepareStatements: true,
    });
    expect(rows).toEqual([{ label: 'item 4' }]);
  });
});

describe.skipIf(!URL)('the push on PostgreSQL', () => {
  let cloud: Cloud;
  const schema = `t_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const db = await createPgDb({ connectionString: URL ?? '', schema, max: 1 });
    await migrate(db);
    await loadDemoStore(db, DEMO_DIR);
    const clock = { ms: Date.parse('2026-11-20T10:00:00Z') };
    const app = await buildCloudApp({ db, adminToken: ADMIN, now: () => new Date(clock.ms) });
    cloud = {
      db,
      app,
      clock,
      pgSchema: schema,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  }, 120_000);

  afterAll(async () => {
    await cloud.close();
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it('send its statements prepared, and apply the mutations as before', async () => {
    const dev = await enrollDevice(cloud);
    const res = await push(cloud, dev, '1', [
      env(1, 'logTryOn', tryOnArgs('PREP-T1')),
      env(2, 'logTryOn', tryOnArgs('PREP-T2')),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    const kept = await cloud.db.transaction(async (tx) => preparedTexts(tx));
    expect(kept.some((s) => s.includes('INSERT INTO mutations'))).toBe(true);
    expect(kept.some((s) => s.includes('INSERT INTO tryons'))).toBe(true);
  });
});
