import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStore } from '../../test/support/temp';
import { DataKey } from '../crypto/data-key';
import { parseCsv } from '../import/csv';
import { importStoreFolder } from '../import/importer';
import { allStoreFiles } from '../import/store-files';
import { historyFiles } from '../import/history-files';
import { readOnly } from '../store/db';

import { eraseMember } from './erase';
import { identifyMember, memberById } from './identify';
import { canUseProfile, profileScope } from './member-view';
import { openTestDb, type TestDb } from '../../test/support/db';

const key = DataKey.generate();
const withoutHistory = allStoreFiles.filter((spec) => !historyFiles.includes(spec));
const [header, ...memberRecords] = parseCsv(readFileSync(join(demoStore, 'members.csv'), 'utf8'));
const names = header?.fields ?? [];
const csvMembers = memberRecords.map(
  (r) => Object.fromEntries(names.map((n, i) => [n, r.fields[i] ?? ''])) as Record<string, string>,
);
const first = csvMembers[0] ?? {};
const hlc = '000001764000000000-0000-kiosk-1';

let db: TestDb;

beforeEach(() => (db = openTestDb({ key, seed: { files: withoutHistory } })));
afterEach(() => db.close());

describe('at rest', () => {
  it('a copied database file shows no member name, phone, birthday, card number or QR token', () => {
    importStoreFolder(db, demoStore, historyFiles, { key });
    db = db.reopen(); // closing checkpoints the WAL into the file
    const copy = join(db.dir, 'copied.db');
    copyFileSync(db.file, copy);
    const wal = `${db.file}-wal`;
    const bytes = Buffer.concat([
      readFileSync(copy),
      existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0),
    ]);
    // Names that also occur in a non-member file (a staff name, say) would prove nothing.
    const otherFiles = [
      'staff.csv',
      'products.csv',
      'stores.csv',
      'variants.csv',
      'coupons.csv',
      'tiers.csv',
    ]
      .map((f) => readFileSync(join(demoStore, f), 'utf8'))
      .join('\n');
    const secrets = csvMembers
      .flatMap((m) => [m.name, m.phone_masked, m.card_no, m.qr_token])
      .filter((s): s is string => !!s && !otherFiles.includes(s));
    expect(secrets).toContain('赵萍');
    expect(secrets.length).toBeGreaterThan(1000);
    const found = secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('identifyMember', () => {
  it('finds a member by card number, by magstripe track 2 and track 1, and by QR token', () => {
    const read = readOnly(db);
    for (const input of [
      { kind: 'card' as const, number: first.card_no ?? '' },
      { kind: 'card' as const, number: `;${first.card_no}=2912101?` },
      { kind: 'card' as const, number: `%B${first.card_no}^ZHAO/PING^2912101?` },
      { kind: 'qr' as const, token: first.qr_token ?? '' },
    ]) {
      const result = identifyMember(read, key, input);
      expect(result.ok && result.value).toMatchObject({
        memberId: first.member_id,
        name: first.name,
        phone: first.phone_masked,
        birthday: first.birthday,
        tier: first.tier,
        points: Number(first.points),
        consentProfile: first.consent_profile === '1',
      });
    }
  });

  it('refuses unknown and malformed input with typed codes', () => {
    const read = readOnly(db);
    expect(identifyMember(read, key, { kind: 'card', number: '6280000000099992' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(identifyMember(read, key, { kind: 'card', number: 'abc' })).toMatchObject({
      error: { code: 'invalid-input' },
    });
    expect(identifyMember(read, key, { kind: 'qr', token: 'x' })).toMatchObject({
      error: { code: 'invalid-input' },
    });
  });

  it('finds by phone last-4 only when a known staff member confirms, listing candidates when several match', () => {
    const read = readOnly(db);
    const last4 = (first.phone_masked ?? '').slice(-4);
    expect(
      identifyMember(read, key, { kind: 'phone-last4', last4, confirmedByStaffId: 'NOBODY' }),
    ).toMatchObject({ ok: false, error: { code: 'staff-required' } });
    const expected = csvMembers.filter((m) => m.phone_masked?.endsWith(last4));
    const result = identifyMember(read, key, {
      kind: 'phone-last4',
      last4,
      confirmedByStaffId: 'E1001',
    });
    if (expected.length === 1)
      expect(result).toMatchObject({ ok: true, value: { memberId: first.member_id } });
    const shared = csvMembers.find(
      (m) =>
        csvMembers.filter((o) => o.phone_masked?.slice(-4) === m.phone_masked?.slice(-4)).length >
        1,
    );
    const sharedLast4 = shared?.phone_masked?.slice(-4) ?? '';
    const ambiguous = identifyMember(read, key, {
      kind: 'phone-last4',
      last4: sharedLast4,
      confirmedByStaffId: 'E1001',
    });
    expect(ambiguous).toMatchObject({ ok: false, error: { code: 'ambiguous' } });
    // The candidates by id only (no personal value in an error); each opens by memberById.
    const ids = ambiguous.ok ? [] : z.array(z.string()).parse(ambiguous.error.details?.memberIds);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.map((id) => memberById(read, key, id)?.phone?.slice(-4))).toEqual(
      ids.map(() => sharedLast4),
    );
    expect(
      identifyMember(read, key, {
        kind: 'phone-last4',
        last4: '12a4',
        confirmedByStaffId: 'E1001',
      }),
    ).toMatchObject({
      error: { code: 'invalid-input' },
    });
  });

  it('reports a record whose ciphertext was tampered with as unreadable, without throwing', () => {
    db.raw
      .prepare(
        'UPDATE members SET name_enc = (SELECT name_enc FROM members WHERE member_id = ?) WHERE member_id = ?',
      )
      .run(csvMembers[1]?.member_id, first.member_id);
    expect(
      identifyMember(readOnly(db), key, { kind: 'qr', token: first.qr_token ?? '' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unreadable' },
    });
    expect(
      identifyMember(readOnly(db), DataKey.generate(), { kind: 'qr', token: first.qr_token ?? '' }),
    ).toMatchObject({
      error: { code: 'not-found' },
    });
  });
});

describe('consent gate', () => {
  it('allows profile use only with consent_profile and not after erasure', () => {
    const withConsent = csvMembers.find((m) => m.consent_profile === '1');
    const without = csvMembers.find((m) => m.consent_profile === '0');
    const a = memberById(readOnly(db), key, withConsent?.member_id ?? '');
    const b = memberById(readOnly(db), key, without?.member_id ?? '');
    expect(a && canUseProfile(a)).toBe(true);
    expect(b && canUseProfile(b)).toBe(false);
    expect(profileScope(a)).toBe(withConsent?.member_id);
    expect(profileScope(b)).toBeNull();
    expect(profileScope(null)).toBeNull();
    expect(canUseProfile({ consentProfile: true, erased: true })).toBe(false);
  });
});

describe('eraseMember', () => {
  const id = first.member_id ?? '';
  const now = new Date('2026-11-24T08:00:00.000Z');

  it('removes personal data, unlinks history, sales and sessions, and enqueues exactly one erasure', () => {
    importStoreFolder(db, demoStore, historyFiles, { key });
    db.exec(`INSERT INTO sessions VALUES ('s1','mirror','S001','${id}',NULL,'t','t',NULL,NULL)`);
    db.exec(`INSERT INTO preferences VALUES ('${id}','size.top','"M"','${hlc}')`);
    db.exec(`INSERT INTO photos VALUES ('p1','s1','${id}',x'00','t','t',NULL,NULL)`);
    db.exec(`INSERT INTO sales VALUES ('x1','s1','S001','${id}',NULL,'completed',100,0,100,'t')`);
    const history = db.raw
      .prepare('SELECT count(*) AS n FROM history_tryons WHERE member_id = ?')
      .get(id) as { n: number };
    expect(history.n).toBeGreaterThan(0);

    const result = eraseMember(db, id, now, { hlc, actor: 'E2001' });
    expect(result).toMatchObject({
      ok: true,
      value: { memberId: id, preferences: 1, photos: 1, sessionsUnlinked: 1, salesAnonymised: 1 },
    });
    const row = db.raw.prepare('SELECT * FROM members WHERE member_id = ?').get(id) as Record<
      string,
      unknown
    >;
    for (const column of [
      'name_enc',
      'phone_enc',
      'birthday_enc',
      'card_hash',
      'qr_hash',
      'phone_last4_hash',
      'pii_mac',
      'gender',
    ])
      expect(row[column]).toBeNull();
    expect(row.erased_at).toBe(now.toISOString());
    const count = (sql: string) => (db.raw.prepare(sql).get(id) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM history_tryons WHERE member_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM history_transactions WHERE member_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM sales WHERE member_id = ?')).toBe(0);
    expect(
      count("SELECT count(*) AS n FROM audit WHERE action = 'member.erase' AND subject = ?"),
    ).toBe(1);
    const outbox = db.raw.prepare('SELECT mutation, args FROM outbox').all() as {
      mutation: string;
      args: string;
    }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.mutation).toBe('requestErasure');
    expect(JSON.parse(outbox[0]?.args ?? '{}')).toEqual({
      requestId: `requestErasure:${id}`,
      memberId: id,
      requestedAt: now.toISOString(),
    });
    expect(
      identifyMember(readOnly(db), key, { kind: 'qr', token: first.qr_token ?? '' }),
    ).toMatchObject({
      error: { code: 'not-found' },
    });
  });

  it('stays erased through a second import of the same files', () => {
    eraseMember(db, id, now, { hlc, actor: 'cli' });
    const reports = importStoreFolder(db, demoStore, allStoreFiles, { key });
    expect(reports.find((r) => r.file === 'members.csv')?.changed).toBe(0);
    const count = (sql: string) => (db.raw.prepare(sql).get(id) as { n: number }).n;
    expect(
      count('SELECT count(*) AS n FROM members WHERE member_id = ? AND name_enc IS NULL'),
    ).toBe(1);
    expect(count('SELECT count(*) AS n FROM history_tryons WHERE member_id = ?')).toBe(0);
  });

  it('refuses an unknown or already erased member without a second outbox row', () => {
    expect(eraseMember(db, 'M404', now, { hlc, actor: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-member' },
    });
    eraseMember(db, id, now, { hlc, actor: 'cli' });
    expect(eraseMember(db, id, now, { hlc, actor: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'already-erased' },
    });
    expect((db.raw.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(1);
  });
});
