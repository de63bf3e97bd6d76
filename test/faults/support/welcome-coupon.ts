/**
 * The single-use welcome coupon at the real checkout screen, for the suites that follow it across
 * kiosks: member M000017 (regular, home store S001) buys the ¥299+ dress with WELCOME50 (¥50 off).
 */
import { expect } from 'vitest';
import { checkoutScreen } from './in-process';
import type { Kiosk } from './kiosk';

export const MEMBER = 'M000017';
export const MEMBER_QR = 'MBR1.9NQFWTNQ9DDFJPCKCBYH';
export const COUPON = 'WELCOME50';
const DRESS = '6970001000016';
const bytes = (text: string) => new TextEncoder().encode(text);

/** The coupons the checkout offers the member with the dress in the basket. */
export function offered(k: Kiosk): string[] {
  const s = checkoutScreen(k);
  try {
    s.handleScan(bytes(DRESS));
    return s.handleScan(bytes(MEMBER_QR)).cart?.coupons.map((c) => c.code) ?? [];
  } finally {
    s.close();
  }
}

/** Dress + member + the coupon, paid: the sale and its outbox rows commit locally. */
export async function sellWithCoupon(k: Kiosk): Promise<void> {
  const s = checkoutScreen(k);
  try {
    s.handleScan(bytes(DRESS));
    expect(s.handleScan(bytes(MEMBER_QR)).member).not.toBeNull();
    const cart = s.checkout.toggleCoupon(COUPON, true).cart;
    expect(cart?.coupons.find((c) => c.code === COUPON)?.applied).toBe(true);
    await s.checkout.pay('wechat', '134567890123456789');
    expect(s.current().cart?.payment.state).toBe('paid');
  } finally {
    s.close();
  }
}
