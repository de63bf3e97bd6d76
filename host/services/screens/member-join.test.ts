/** Joining at the kiosk, on the checkout screen: the new member is signed in at once. */
import { describe, expect, it } from 'vitest';
import { identifyMember } from '../../../core/members';
import { readOnly } from '../../../core/store/db';
import { scanBytes, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db, key } = demo;

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
