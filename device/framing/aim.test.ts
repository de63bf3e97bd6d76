import { describe, expect, it } from 'vitest';
import { splitAim } from './aim';
import { latin1, toBytes } from './bytes';

describe('splitAim', () => {
  it.each([
    [']E06970001000016', ']E0', 'EAN-13/UPC-A/UPC-E', '6970001000016'],
    [']E496385074', ']E4', 'EAN-8', '96385074'],
    [']C1010961234567890310000123', ']C1', 'GS1-128', '010961234567890310000123'],
    [']C0ABC-123', ']C0', 'Code 128', 'ABC-123'],
    [']A0BADGE1001', ']A0', 'Code 39', 'BADGE1001'],
    [
      ']d2010961234567890321ABC\x1d10LOT',
      ']d2',
      'GS1 DataMatrix',
      '010961234567890321ABC\x1d10LOT',
    ],
    [']d1hello', ']d1', 'DataMatrix', 'hello'],
    [']Q1https://example.com', ']Q1', 'QR', 'https://example.com'],
    [']Q3010961234567890', ']Q3', 'GS1 QR', '010961234567890'],
    [']I012345678901231', ']I0', 'ITF', '12345678901231'],
    [']I1123', ']I1', 'ITF', '123'],
    [']e00109612345678903', ']e0', 'GS1 DataBar', '0109612345678903'],
    [']L2xyz', ']L2', 'MicroPDF417', 'xyz'],
    [']H1xyz', ']H1', 'Code 11', 'xyz'],
  ])('%s', (input, aim, symbology, data) => {
    const split = splitAim(toBytes(input));
    expect(split.aim).toBe(aim);
    expect(split.symbology).toBe(symbology);
    expect(latin1(split.data)).toBe(data);
  });

  it('names no symbology for an unknown code character but still splits', () => {
    expect(splitAim(toBytes(']Y0abc'))).toMatchObject({ aim: ']Y0', symbology: null });
  });

  it.each(['6970001000016', ']', ']E', ']0A123', '] 0x', ']E-1', ''])(
    'leaves %j whole',
    (input) => {
      const split = splitAim(toBytes(input));
      expect(split.aim).toBeNull();
      expect(latin1(split.data)).toBe(input);
    },
  );

  it('returns a copy of the data', () => {
    const bytes = toBytes(']E0123');
    splitAim(bytes).data[0] = 0;
    expect(bytes[3]).toBe(0x31);
  });
});
