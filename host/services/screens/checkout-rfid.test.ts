/** The garments' RFID tags become the self-checkout's basket: each tag counts once. */
import { describe, expect, it } from 'vitest';
import { encodeSgtin96 } from '../../../device/sim/sgtin-encoder';
import { useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();

const DRESS = '6970001000016';
const TAG_A = encodeSgtin96({ gtin: DRESS, serial: 1001 });
const TAG_B = encodeSgtin96({ gtin: DRESS, serial: 1002 });
const NOT_SOLD_HERE = encodeSgtin96({ gtin: '4006381333931', serial: 1 });

describe('RFID basket at the self-checkout', () => {
  it('adds one line per tag, a second tag of the same garment as quantity 2, a re-read never', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(TAG_A);
    s.rfidEnter(TAG_A); // the same tag read again after leaving the field
    s.rfidLeave(TAG_A);
    s.rfidEnter(TAG_A);
    expect(s.current().cart?.lines).toMatchObject([{ sku: expect.any(String), qty: 1 }]);
    s.rfidEnter(TAG_B);
    expect(s.current().cart?.lines[0]?.qty).toBe(2);
    expect(s.current().cart?.totalCents).toBe(2 * 78900);
  });

  it('forgets the tags with the visit, so the next shopper starts empty', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(TAG_A);
    s.end();
    expect(s.current().cart).toBeNull();
    s.rfidEnter(TAG_A);
    expect(s.current().cart?.lines[0]?.qty).toBe(1);
  });

  it('ignores a tag of a garment this store does not know, and a tag with no GTIN', () => {
    const { s } = demo.service('checkout');
    s.rfidEnter(NOT_SOLD_HERE);
    s.rfidEnter('E2801160600002054CC2096F'); // a tag whose EPC is not an SGTIN
    expect(s.current().cart).toBeNull();
  });
});
