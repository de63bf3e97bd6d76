import { describe, expect, it } from 'vitest';

import { identifyMember } from '../../../core/members';
import { readOnly } from '../../../core/store/db';

import { joinMember, normalisePhone } from './member-join';

import { scanBytes, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db, key } = demo;
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
    const entry = db.raw
      .prepare("SELECT args FROM outbox WHERE mutation = 'registerMember' AND idempotency_key = ?")
      .get(`registerMember:${result.member.memberId}`) as { args: string };
    expect(JSON.parse(entry.args)).toMatchObject({
      provisionalId: result.member.memberId,
      phone: '13912345678',
      consentProfile: true,
      consentMarketing: false,
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
    const { s } = demo.service('checkout');
    s.handleScan(scanBytes('6970001000016'));
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
