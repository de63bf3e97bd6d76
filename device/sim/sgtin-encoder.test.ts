import { describe, expect, it } from 'vitest';
import { decode } from '../decode';
import { encodeSgtin96 } from './sgtin-encoder';

describe('encodeSgtin96', () => {
  it('reproduces the Tag Data Standard example', () => {
    expect(
      encodeSgtin96({ gtin: '80614141123458', serial: 6789, companyPrefixLength: 7, filter: 3 }),
    ).toBe('3074257BF7194E4000001A85');
  });

  it('round-trips a demo-store GTIN through the decoder for every prefix length', () => {
    for (let length = 6; length <= 12; length++) {
      const epc = encodeSgtin96({ gtin: '6970001000016', serial: 42, companyPrefixLength: length });
      expect(decode(epc)).toMatchObject({
        ok: true,
        kind: 'epc',
        gtin: '06970001000016',
        serial: '42',
      });
    }
  });
});
