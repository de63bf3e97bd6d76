import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../../../test/support/temp';
import { createCatalog } from '../../../core/catalog/lookup';
import { DataKey } from '../../../core/crypto/data-key';
import { importStoreFolder } from '../../../core/import/importer';
import { allStoreFiles } from '../../../core/import/store-files';
import { identifyMember } from '../../../core/members';
import { parse } from '../../../core/outbox/outbox';
import { openPersonalArgs } from '../../../core/outbox/personal-args';
import { openDatabase, readOnly, type WritableDB } from '../../../core/store/db';
import { migrate } from '../../../core/store/migrations';
import { parseConfig } from '../../config';
import { createLogger } from '../../log';
import { joinMember, normalisePhone } from './member-join';
import { createScreenService } from './screen-service';

const key = DataKey.generate();
const dir = tempDir();
let db: WritableDB;
const ctx = () => ({
  storeId: 'S001',
  now: new Date('2026-11-24T08:00:00Z'),
  hlc: '0000000000001:0000:dev',
});

beforeAll(() => {
  db = openDatabase(join(dir.path, 'kiosk.db'));
  migrate(db);
  importStoreFolder(db, demoStore, allStoreFiles, { key });
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('normalisePhone', () => {
  it('accepts mainland mobiles with or without +86 and spaces, refuses the rest', () => {
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('13800138000')).toBe('13800138000');
    expect(normalisePhone('12800138000')).toBeNull();
    expect(normalisePhone('1380013800')).toBeNull();
    expect(normalisePhone('abc')).toBeNull();
  });
});

describe('joinMember', () => {
  it('creates a provisional member with a sealed phone and a registerMember outbox entry', () => {
    const result = joinMember(
      db,
      key,
      { phone: '13912345678', consentProfile: true, consentMarketing: false },
      ctx(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.member).toMatchObject({
      tier: 'regular',
      points: 0,
      phone: '13912345678',
      consentProfile: true,
      consentMarketing: false,
    });
    expect(result.member.memberId).toMatch(/^PRV-/);
    const row = db.raw
      .prepare('SELECT phone_enc FROM members WHERE member_id = ?')
      .get(result.member.memberId) as { phone_enc: Buffer };
    expect(row.phone_enc.toString('latin1')).not.toContain('13912345678');
    const outboxRow: unknown = db.raw
      .prepare("SELECT * FROM outbox WHERE mutation = 'registerMember' AND idempotency_key = ?")
      .get(`registerMember:${result.member.memberId}`);
    const entry = parse(outboxRow);
    if (!entry.ok) throw new Error(entry.error.message);
    // At rest the phone and name are sealed; only the push opens them.
    expect(entry.value.args).toEqual({
      provisionalId: result.member.memberId,
      gender: null,
      birthday: null,
      consentProfile: true,
      consentMarketing: false,
    });
    expect(JSON.stringify(outboxRow)).not.toContain('13912345678');
    expect(openPersonalArgs(key, entry.value)).toEqual({
      ok: true,
      args: {
        provisionalId: result.member.memberId,
        name: '会员5678',
        phone: '13912345678',
        gender: null,
        birthday: null,
        consentProfile: true,
        consentMarketing: false,
      },
    });
  });

  it('refuses a bad phone and a phone already a member (full or masked in the cache)', () => {
    const outbox = () =>
      (db.raw.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const before = outbox();
    expect(
      joinMember(db, key, { phone: '123', consentProfile: false, consentMarketing: false }, ctx()),
    ).toEqual({ ok: false, code: 'invalid-phone' });
    expect(
      joinMember(
        db,
        key,
        { phone: '13912345678', consentProfile: false, consentMarketing: false },
        ctx(),
      ),
    ).toEqual({ ok: false, code: 'already-member' });
    // M000001's cached phone is 175****5849
    expect(
      joinMember(
        db,
        key,
        { phone: '17500005849', consentProfile: false, consentMarketing: false },
        ctx(),
      ),
    ).toEqual({ ok: false, code: 'already-member' });
    expect(outbox()).toBe(before);
  });
});

describe('joining at the checkout', () => {
  it('signs the new member in and offers the welcome coupon', () => {
    const s = createScreenService({
      config: parseConfig({ storeId: 'S001', role: 'checkout' }),
      db,
      catalog: createCatalog(readOnly(db), 'S001'),
      key,
      log: createLogger(null, 'silent'),
      emit: () => undefined,
      now: () => new Date('2026-11-24T08:00:00Z'),
    });
    s.handleScan(new TextEncoder().encode('6970001000016'));
    const view = s.join({ phone: '13600001111', consentProfile: false, consentMarketing: true });
    expect(view.notice?.key).toBe('member-joined');
    expect(view.member).toMatchObject({ tier: 'regular', points: 0 });
    expect(view.cart?.coupons.map((c) => c.code)).toContain('WELCOME50');
    expect(
      s.join({ phone: '13600002222', consentProfile: false, consentMarketing: false }).member
        ?.displayName,
    ).toBe(view.member?.displayName);
    s.end();
    expect(
      s.join({ phone: '13600001111', consentProfile: false, consentMarketing: false }).notice?.key,
    ).toBe('member-exists');
    const signedIn = identifyMember(readOnly(db), key, {
      kind: 'phone-last4',
      last4: '1111',
      confirmedByStaffId: 'S-none',
    });
    expect(signedIn.ok).toBe(false);
    s.close();
  });
});
