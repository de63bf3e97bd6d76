/** The garments' RFID tags become the self-checkout's basket: each tag counts once. */
import { describe, expect, it } from 'vitest';
import { useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();

const DRESS = '6970001000016';
const TAG_A = '3074257BF7194E4000001A85';
const TAG_B = '3074257BF7194E4000001A86';

describe('RFID basket at the self-checkout', () => {
  it('adds one line per tag, a second tag of the same garment as quantity 2, a re-read never', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(TAG_A, DRESS);
    s.rfidEnter(TAG_A, DRESS); // the same tag read again after leaving the field
    s.rfidLeave(TAG_A);
    s.rfidEnter(TAG_A, DRESS);
    expect(s.current().cart?.lines).toMatchObject([{ sku: expect.any(String), qty: 1 }]);
    s.rfidEnter(TAG_B, DRESS);
    expect(s.current().cart?.lines[0]?.qty).toBe(2);
    expect(s.current().cart?.totalCents).toBe(2 * 78900);
  });

  it('forgets the tags with the visit, so the next shopper starts empty', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(TAG_A, DRESS);
    s.end();
    expect(s.current().cart).toBeNull();
    s.rfidEnter(TAG_A, DRESS);
    expect(s.current().cart?.lines[0]?.qty).toBe(1);
  });

  it('ignores a tag of a garment this store does not know, and a tag with no GTIN', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(TAG_A, '4006381333931');
    s.rfidEnter(TAG_B, null);
    expect(s.current().cart).toBeNull();
  });
});
