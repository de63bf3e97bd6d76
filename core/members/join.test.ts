import { afterAll, describe, expect, it } from 'vitest';
import { count, openDemoDb } from '../../test/support/db';
import { parse } from '../outbox/outbox';
import { openPersonalArgs } from '../outbox/personal-args';
import { joinMember, normalisePhone } from './join';

const db = openDemoDb();
const { key } = db;
afterAll(() => db.close());
const ctx = () => ({
  storeId: 'S001',
  now: new Date('2026-11-24T08:00:00Z'),
  hlc: '0000000000001:0000:dev',
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
    expect(result.value).toMatchObject({
      tier: 'regular',
      points: 0,
      phone: '13912345678',
      consentProfile: true,
      consentMarketing: false,
    });
    expect(result.value.memberId).toMatch(/^PRV-/);
    const row = db.raw
      .prepare('SELECT phone_enc FROM members WHERE member_id = ?')
      .get(result.value.memberId) as { phone_enc: Buffer };
    expect(row.phone_enc.toString('latin1')).not.toContain('13912345678');
    const outboxRow: unknown = db.raw
      .prepare("SELECT * FROM outbox WHERE mutation = 'registerMember' AND idempotency_key = ?")
      .get(`registerMember:${result.value.memberId}`);
    const entry = parse(outboxRow);
    if (!entry.ok) throw new Error(entry.error.message);
    // At rest the phone and name are sealed; only the push opens them.
    expect(entry.value.args).toEqual({
      provisionalId: result.value.memberId,
      gender: null,
      birthday: null,
      consentProfile: true,
      consentMarketing: false,
    });
    expect(JSON.stringify(outboxRow)).not.toContain('13912345678');
    expect(openPersonalArgs(key, entry.value)).toEqual({
      ok: true,
      value: {
        provisionalId: result.value.memberId,
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
    const outbox = () => count(db, 'SELECT count(*) FROM outbox');
    const before = outbox();
    expect(
      joinMember(db, key, { phone: '123', consentProfile: false, consentMarketing: false }, ctx()),
    ).toMatchObject({ ok: false, error: { code: 'invalid-phone' } });
    expect(
      joinMember(
        db,
        key,
        { phone: '13912345678', consentProfile: false, consentMarketing: false },
        ctx(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'already-member' } });
    // M000001's cached phone is 175****5849
    expect(
      joinMember(
        db,
        key,
        { phone: '17500005849', consentProfile: false, consentMarketing: false },
        ctx(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'already-member' } });
    expect(outbox()).toBe(before);
  });
});
