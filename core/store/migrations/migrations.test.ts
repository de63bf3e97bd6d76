import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/temp';
import { openDatabase, type WritableDB } from '../db';
import {
  assertOrdered,
  currentVersion,
  DatabaseFromFutureError,
  migrate,
  migrations,
} from './index';

let dir: ReturnType<typeof tempDir>;
let db: WritableDB;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

describe('migration runner', () => {
  it('migrates a new database to the latest version and records it in user_version', () => {
    const applied = migrate(db);
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(currentVersion(db)).toBe(migrations.at(-1)?.version);
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a database from the future', () => {
    migrate(db);
    db.raw.pragma('user_version = 9990');
    expect(() => migrate(db)).toThrow(DatabaseFromFutureError);
  });

  it('refuses a migration list that does not increase', () => {
    expect(() =>
      assertOrdered([
        { version: 20, name: 'b', up: () => undefined },
        { version: 10, name: 'a', up: () => undefined },
      ]),
    ).toThrow(/not after/);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    migrate(db);
    const before = currentVersion(db);
    const broken = {
      version: before + 10,
      name: 'broken',
      up: (d: WritableDB) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table'),
    };
    expect(() => migrate(db, undefined, [...migrations, broken])).toThrow();
    expect(currentVersion(db)).toBe(before);
    expect(
      db.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(),
    ).toBeUndefined();
  });

  it('creates the database file readable by its owner only, with secure delete', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(db.file).mode & 0o777).toBe(0o600);
    expect(db.raw.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('runs with WAL, foreign keys and synchronous=FULL', () => {
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('0010-catalog', () => {
  it('creates the catalog tables with a unique 14-digit gtin and an index for style look-ups', () => {
    migrate(db, 10);
    db.exec(`INSERT INTO products VALUES ('S1','裙','Dress','dress','F','','SS26',100,'full')`);
    const insert = db.prepare('INSERT INTO variants VALUES (?,?,?,?,?,?,?,?)');
    insert.run('S1-A', 'S1', '06970001000016', 'WHT', '白', 'White', 'M', 100);
    expect(() =>
      insert.run('S1-B', 'S1', '06970001000016', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/UNIQUE/);
    expect(() => insert.run('S1-C', 'S1', '123', 'WHT', '白', 'White', 'L', 100)).toThrow(/CHECK/);
    expect(() =>
      insert.run('S1-D', 'NOPE', '06970001000023', 'WHT', '白', 'White', 'L', 100),
    ).toThrow(/FOREIGN KEY/);
    const plan = db.raw
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM variants WHERE style_id = 'S1'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/variants_style/);
  });
});

const plan = (sql: string) =>
  (db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
    .map((p) => p.detail)
    .join(' | ');
const seedCatalog = () => {
  db.exec(`INSERT INTO stores VALUES ('S001','店','Store','Shanghai','Asia/Shanghai')`);
  db.exec(`INSERT INTO products VALUES ('S1','裙','Dress','dress','F','','SS26',100,'full')`);
};

describe('0020-reference', () => {
  it('adds channels, tiers and coupons; a coupon needs a known tier and a valid kind and range', () => {
    migrate(db, 10);
    seedCatalog();
    migrate(db, 20);
    expect(db.raw.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 1 });
    db.exec(`INSERT INTO channels VALUES ('ONLINE','官方商城','Online store')`);
    db.exec(`INSERT INTO tiers VALUES ('gold','金卡','Gold',5,2,8000)`);
    expect(() => db.exec(`INSERT INTO tiers VALUES ('x','x','x',101,1,0)`)).toThrow(/CHECK/);
    const coupon = db.prepare('INSERT INTO coupons VALUES (?,?,?,?,?,?,?,?,?,?)');
    coupon.run('G', '券', 'C', 'percent', 10, 0, '2026-01-01', '2026-12-31', 'gold', 0);
    expect(() =>
      coupon.run('H', '券', 'C', 'percent', 10, 0, '2026-01-01', '2026-12-31', 'tin', 0),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      coupon.run('I', '券', 'C', 'bogo', 10, 0, '2026-01-01', '2026-12-31', 'gold', 0),
    ).toThrow(/CHECK/);
    expect(() =>
      coupon.run('J', '券', 'C', 'amount', 10, 0, '2026-12-31', '2026-01-01', 'gold', 0),
    ).toThrow(/CHECK/);
  });
});

describe('0030-members', () => {
  it('stores members with encrypted columns and unique look-up hashes; an erased row holds no personal data', () => {
    migrate(db, 20);
    seedCatalog();
    db.exec(`INSERT INTO tiers VALUES ('regular','会员','Member',0,1,0)`);
    migrate(db, 30);
    const insert = db.prepare(
      `INSERT INTO members (member_id, card_hash, qr_hash, phone_last4_hash, name_enc, tier, home_store)
       VALUES (?, ?, ?, ?, ?, 'regular', 'S001')`,
    );
    insert.run('M1', Buffer.of(1), Buffer.of(2), Buffer.of(3), Buffer.of(9));
    insert.run('M2', Buffer.of(4), Buffer.of(5), Buffer.of(3), Buffer.of(9));
    expect(() => insert.run('M3', Buffer.of(1), Buffer.of(6), null, null)).toThrow(/UNIQUE/);
    expect(() => db.exec(`UPDATE members SET erased_at = 't' WHERE member_id = 'M1'`)).toThrow(
      /CHECK/,
    );
    db.exec(`UPDATE members SET erased_at = 't', card_hash = NULL, qr_hash = NULL,
      phone_last4_hash = NULL, name_enc = NULL WHERE member_id = 'M1'`);
    expect(plan("SELECT * FROM members WHERE phone_last4_hash = x'03'")).toMatch(
      /members_phone_last4/,
    );
    expect(plan("SELECT * FROM members WHERE card_hash = x'04'")).toMatch(
      /sqlite_autoindex_members/,
    );
  });
});

describe('0040-staff', () => {
  it('adds staff with a unique badge hash, a known role and store, and a lockout counter', () => {
    migrate(db, 30);
    seedCatalog();
    migrate(db, 40);
    const insert = db.prepare(
      `INSERT INTO staff (staff_id, name, role, badge_hash, store_id, pin_hash, pin_salt, pin_params)
       VALUES (?, '周婷', ?, ?, ?, x'00', x'00', 'scrypt:N=16384,r=8,p=1,len=32')`,
    );
    insert.run('E1', 'associate', Buffer.of(1), 'S001');
    expect(db.raw.prepare('SELECT failed_attempts, locked_until FROM staff').get()).toEqual({
      failed_attempts: 0,
      locked_until: null,
    });
    expect(() => insert.run('E2', 'associate', Buffer.of(1), 'S001')).toThrow(/UNIQUE/);
    expect(() => insert.run('E3', 'owner', Buffer.of(3), 'S001')).toThrow(/CHECK/);
    expect(() => insert.run('E4', 'associate', Buffer.of(4), 'S999')).toThrow(/FOREIGN KEY/);
  });
});

describe('0050-sessions', () => {
  it('adds sessions, try-ons (cascading), preferences, photos, audit and settings', () => {
    migrate(db, 40);
    seedCatalog();
    migrate(db, 50);
    db.exec(`INSERT INTO sessions (session_id, kind, store_id, started_at, last_activity_at)
      VALUES ('s1', 'mirror', 'S001', 't0', 't0')`);
    const tryon = db.prepare('INSERT INTO tryons VALUES (?, ?, ?, ?, ?, ?)');
    tryon.run('t1', 's1', 'S1-A', 'size-swap', 'too-small', 't1');
    expect(() => tryon.run('t2', 's1', 'S1-A', 'maybe', null, 't1')).toThrow(/CHECK/);
    expect(() => tryon.run('t3', 's1', 'S1-A', 'liked', 'ugly', 't1')).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE sessions SET ended_at = 't2' WHERE session_id = 's1'`)).toThrow(
      /CHECK/,
    );
    expect(() =>
      db.exec(`INSERT INTO audit (at, actor, action, detail) VALUES ('t','a','b','{')`),
    ).toThrow(/CHECK/);
    expect(
      plan("SELECT * FROM sessions WHERE ended_at IS NULL AND last_activity_at < 'x'"),
    ).toMatch(/sessions_open/);
    expect(plan("SELECT * FROM photos WHERE sent_at IS NULL AND created_at < 'x'")).toMatch(
      /photos_unsent/,
    );
    db.exec(`DELETE FROM sessions WHERE session_id = 's1'`);
    expect(db.raw.prepare('SELECT count(*) AS n FROM tryons').get()).toEqual({ n: 0 });
  });
});

describe('0060-sales', () => {
  it('adds sales, lines and payments; the points ledger refuses UPDATE and DELETE', () => {
    migrate(db, 50);
    seedCatalog();
    migrate(db, 60);
    db.exec(
      `INSERT INTO sales VALUES ('x1', NULL, 'S001', NULL, NULL, 'completed', 100, 0, 100, 't')`,
    );
    db.exec(`INSERT INTO sale_lines VALUES ('x1', 1, 'S1-A', 1, 100, 0, 100)`);
    db.exec(`INSERT INTO payments VALUES ('p1', 'x1', 'wechat', 100, 'wx-ref', 'captured', 't')`);
    expect(() =>
      db.exec(`INSERT INTO payments VALUES ('p2', 'x1', 'bitcoin', 100, NULL, 'captured', 't')`),
    ).toThrow(/CHECK/);
    const columns = (db.raw.prepare('PRAGMA table_info(payments)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns.some((c) => /card|pan/i.test(c))).toBe(false);
    db.exec(`INSERT INTO points_ledger VALUES ('e1', 'M1', 'x1', 100, 'earn', 't')`);
    expect(() => db.exec(`UPDATE points_ledger SET delta = 1000`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM points_ledger`)).toThrow(/append-only/);
    expect(plan("SELECT sum(delta) FROM points_ledger WHERE member_id = 'M1'")).toMatch(
      /points_ledger_member/,
    );
  });
});

describe('0070-outbox', () => {
  it('adds the outbox with a unique idempotency key and a unique (device, epoch, seq)', () => {
    migrate(db, 60);
    seedCatalog();
    migrate(db, 70);
    const insert = db.prepare(
      `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc, created_at)
       VALUES ('d', 1, ?, ?, 'logTryOn', 1, ?, 'h', 't')`,
    );
    insert.run(1, 'k1', '{}');
    expect(db.raw.prepare('SELECT state, attempts FROM outbox').get()).toEqual({
      state: 'pending',
      attempts: 0,
    });
    expect(() => insert.run(2, 'k1', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 'k2', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run(3, 'k3', '{nope')).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE outbox SET state = 'lost'`)).toThrow(/CHECK/);
    expect(plan("SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= 't'")).toMatch(
      /outbox_due/,
    );
    db.exec(`INSERT INTO sync_cursors VALUES ('catalog', 'c1', 't')`);
  });
});

describe('0080-history', () => {
  it('adds past sales and try-ons keyed by (id, line) with indexes for co-occurrence by sku', () => {
    migrate(db, 70);
    seedCatalog();
    migrate(db, 80);
    const txn = db.prepare('INSERT INTO history_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    txn.run('X1', 1, null, 'S001', 'store', 't', 'S1-A', 1, 100);
    txn.run('X1', 2, null, 'S001', 'store', 't', 'S1-A', 1, 100);
    expect(() => txn.run('X1', 2, null, 'S001', 'store', 't', 'S1-B', 1, 100)).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(() => txn.run('X2', 1, null, 'S001', 'mall', 't', 'S1-B', 1, 100)).toThrow(/CHECK/);
    db.exec(`INSERT INTO history_tryons VALUES ('T1', 1, 'M1', 'S001', 't', 'S1-A', 'size-swap')`);
    const coTryOn = `SELECT b.sku, count(*) FROM history_tryons a
      JOIN history_tryons b ON b.session_id = a.session_id AND b.sku <> a.sku
      WHERE a.sku = 'S1-A' GROUP BY b.sku`;
    expect(plan(coTryOn)).toMatch(/history_tryons_sku/);
    const coBought = `SELECT b.sku FROM history_transactions a
      JOIN history_transactions b ON b.txn_id = a.txn_id WHERE a.sku = 'S1-A'`;
    expect(plan(coBought)).toMatch(/history_transactions_sku/);
    expect(plan("SELECT * FROM history_tryons WHERE member_id = 'M1'")).toMatch(
      /history_tryons_member/,
    );
  });
});

describe('0100-print-jobs', () => {
  it('keeps one row per job id with a valid JSON record', () => {
    migrate(db, 90);
    migrate(db, 100);
    const insert = db.prepare('INSERT INTO print_jobs VALUES (?, ?, ?, ?)');
    insert.run('receipt-1', 'printed', '{"jobId":"receipt-1"}', 1);
    expect(() => insert.run('receipt-1', 'printed', '{}', 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('receipt-2', 'lost', '{}', 2)).toThrow(/CHECK/);
    expect(() => insert.run('receipt-3', 'queued', 'not json', 2)).toThrow(/CHECK/);
  });
});
