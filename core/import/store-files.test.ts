import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDemoStore, demoStore } from '../../test/support/temp';
import { DataKey } from '../crypto/data-key';
import { openStaffName } from '../staff/staff-names';
import { ImportError, importStoreFolder } from './importer';
import { allStoreFiles } from './store-files';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
const key = DataKey.generate();
const count = (table: string) =>
  (db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const dataLines = (file: string) =>
  readFileSync(join(demoStore, file), 'utf8').trim().split('\n').length - 1;
const totalChanges = () => (db.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

function importError(folder: string): ImportError {
  try {
    importStoreFolder(db, folder, allStoreFiles, { key });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('import unexpectedly succeeded');
}

describe('allStoreFiles', () => {
  it('imports every file of the demo store, every row', () => {
    const reports = importStoreFolder(db, demoStore, allStoreFiles, { key });
    expect(reports.map((r) => r.file)).toEqual(allStoreFiles.map((s) => s.file));
    for (const spec of allStoreFiles) expect(count(spec.table)).toBe(dataLines(spec.file));
    expect(reports.every((r) => r.changed === r.rows)).toBe(true);
    // Identical lines of one transaction are kept as separate lines, numbered in file order.
    const lines = db.raw
      .prepare(
        "SELECT line_no FROM history_transactions WHERE txn_id = 'X0001240' ORDER BY line_no",
      )
      .all() as { line_no: number }[];
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.map((l) => l.line_no)).toEqual(lines.map((_, i) => i + 1));
    expect(count("history_tryons WHERE outcome = 'size-swap'")).toBeGreaterThan(0);
    // The export's reasons (too_small, …) arrive in the kiosk's own names; empty means none.
    expect(
      count("history_tryons WHERE outcome = 'size-swap' AND reason = 'too-small'"),
    ).toBeGreaterThan(0);
    expect(
      count("history_tryons WHERE outcome = 'rejected' AND reason = 'colour'"),
    ).toBeGreaterThan(0);
    expect(count("history_tryons WHERE outcome = 'liked' AND reason IS NOT NULL")).toBe(0);
  });

  it('imports an older try-on export without the reason column', () => {
    const store = copyDemoStore(db.dir);
    const file = join(store, 'history', 'tryons.csv');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${lines.map((l) => l.split(',').slice(0, 6).join(',')).join('\n')}\n`);
    importStoreFolder(db, store, allStoreFiles, { key });
    expect(count('history_tryons')).toBe(lines.length - 1);
    expect(count('history_tryons WHERE reason IS NOT NULL')).toBe(0);
  });

  it('changes nothing when the same folder is imported twice (members and staff included)', () => {
    importStoreFolder(db, demoStore, allStoreFiles, { key });
    const staffBefore = db.raw.prepare('SELECT * FROM staff ORDER BY staff_id').all();
    const membersBefore = db.raw.prepare('SELECT * FROM members ORDER BY member_id').all();
    const before = totalChanges();
    const reports = importStoreFolder(db, demoStore, allStoreFiles, { key });
    expect(reports.map((r) => r.changed)).toEqual(allStoreFiles.map(() => 0));
    expect(totalChanges()).toBe(before);
    expect(db.raw.prepare('SELECT * FROM staff ORDER BY staff_id').all()).toEqual(staffBefore);
    expect(db.raw.prepare('SELECT * FROM members ORDER BY member_id').all()).toEqual(membersBefore);
  });

  it('rewrites a member whose personal data changed, and only that member', () => {
    importStoreFolder(db, demoStore, allStoreFiles, { key });
    const store = copyDemoStore(db.dir);
    const file = join(store, 'members.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace(',赵萍,', ',赵平,'));
    const reports = importStoreFolder(db, store, allStoreFiles, { key });
    expect(reports.find((r) => r.file === 'members.csv')?.changed).toBe(1);
    expect(reports.filter((r) => r.changed > 0)).toHaveLength(1);
  });

  it('rehashes a staff PIN only when the PIN changed', () => {
    importStoreFolder(db, demoStore, allStoreFiles, { key });
    const pinOf = (id: string) =>
      db.raw.prepare('SELECT pin_hash FROM staff WHERE staff_id = ?').get(id) as {
        pin_hash: Buffer;
      };
    const before = pinOf('E1001').pin_hash;
    const store = copyDemoStore(db.dir);
    const file = join(store, 'staff.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('BADGE-1001,2468', 'BADGE-1001,1111'));
    const reports = importStoreFolder(db, store, allStoreFiles, { key });
    expect(reports.find((r) => r.file === 'staff.csv')?.changed).toBe(1);
    expect(pinOf('E1001').pin_hash.equals(before)).toBe(false);
  });

  it('stores no staff name, PIN or badge in clear', () => {
    importStoreFolder(db, demoStore, allStoreFiles, { key });
    const row = db.raw.prepare("SELECT * FROM staff WHERE staff_id = 'E1001'").get() as Record<
      string,
      unknown
    >;
    const values = Object.values(row).map((v) =>
      Buffer.isBuffer(v) ? v.toString('latin1') : String(v),
    );
    expect(values.join('|')).not.toMatch(/2468|BADGE-1001|周婷/);
    const sealed = row.name_enc;
    expect(Buffer.isBuffer(sealed) && openStaffName(key, 'E1001', sealed)).toBe('周婷');
    expect(row.pin_params).toBe('scrypt:N=16384,r=8,p=1,len=32');
  });

  it('refuses to import members or staff without the data key', () => {
    expect(() => importStoreFolder(db, demoStore, allStoreFiles)).toThrow(/needs the data key/);
    expect(count('stores')).toBe(0);
  });

  it('reports bad member, coupon, tier and history rows with file, line and field', () => {
    const store = copyDemoStore(db.dir);
    const append = (file: string, line: string) =>
      writeFileSync(join(store, file), `${readFileSync(join(store, file), 'utf8')}${line}\n`);
    append(
      'members.csv',
      'M999999,6280000000000017,MBR1.ABCDEFGHIJKL,某,175****5849,F,regular,1,13-01,S001,1,1,2022-01-01',
    );
    append('coupons.csv', 'BAD,坏,Bad,percent,120,0,2026-05-01,2026-01-01,regular,1');
    append('tiers.csv', 'tin,锡,Tin,5.555,1,0');
    append('history/tryons.csv', 'T9,,S001,yesterday,DRE001-WHT-XS,maybe,ugly');
    const problems = importError(store).problems;
    const at = (file: string) => dataLines(file) + 2;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'members.csv', line: at('members.csv'), field: 'card_no' }),
        expect.objectContaining({
          file: 'members.csv',
          line: at('members.csv'),
          field: 'birthday',
        }),
        expect.objectContaining({
          file: 'coupons.csv',
          line: at('coupons.csv'),
          field: 'valid_to',
        }),
        expect.objectContaining({ file: 'coupons.csv', line: at('coupons.csv'), field: 'value' }),
        expect.objectContaining({
          file: 'tiers.csv',
          line: at('tiers.csv'),
          field: 'discount_pct',
        }),
        expect.objectContaining({ file: 'history/tryons.csv', field: 'ts' }),
        expect.objectContaining({ file: 'history/tryons.csv', field: 'outcome' }),
        expect.objectContaining({ file: 'history/tryons.csv', field: 'reason' }),
      ]),
    );
    expect(count('members')).toBe(0);
  });

  it('reports a member of an unknown tier or a duplicate card by line, and writes nothing', () => {
    const store = copyDemoStore(db.dir);
    const file = join(store, 'members.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      `${text}M999998,6280000000000016,MBR1.ZZZZZZZZZZZZZZZZ,某某,175****0000,F,regular,1,01-01,S001,1,1,2022-01-01\n` +
        'M999999,6280000000099992,MBR1.YYYYYYYYYYYYYYYY,某某,175****0000,F,diamond,1,01-01,S001,1,1,2022-01-01\n',
    );
    const problems = importError(store).problems;
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['members.csv', dataLines('members.csv') + 2],
      ['members.csv', dataLines('members.csv') + 3],
    ]);
    expect(problems[0]?.message).toMatch(/UNIQUE/);
    expect(problems[1]?.message).toMatch(/FOREIGN KEY/);
    expect(count('stores')).toBe(0);
  });

  it('imports a store folder without history', () => {
    const store = copyDemoStore(db.dir);
    rmSync(join(store, 'history'), { recursive: true });
    const reports = importStoreFolder(db, store, allStoreFiles, { key });
    expect(reports.map((r) => r.file)).not.toContain('history/tryons.csv');
    expect(count('members')).toBe(dataLines('members.csv'));
    expect(count('history_tryons')).toBe(0);
  });
});
