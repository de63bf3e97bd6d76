import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode } from './index';
import { gs1CheckDigit } from './gtin';

const partitionBits = [
  [40, 12, 4, 1],
  [37, 11, 7, 2],
  [34, 10, 10, 3],
  [30, 9, 14, 4],
  [27, 8, 17, 5],
  [24, 7, 20, 6],
  [20, 6, 24, 7],
] as const;

/** Independent SGTIN encoder (BigInt) following the TDS layout, to round-trip the decoder. */
function encodeSgtin(
  scheme: 96 | 198,
  filter: number,
  company: string,
  item: string,
  serial: string,
): string {
  const p = partitionBits.findIndex(([, cd]) => cd === company.length);
  const [cBits, , iBits] = partitionBits[p] ?? [0, 0, 0];
  let v = BigInt(scheme === 96 ? 0x30 : 0x36);
  const push = (value: bigint, bits: number) => {
    v = (v << BigInt(bits)) | value;
  };
  push(BigInt(filter), 3);
  push(BigInt(p), 3);
  push(BigInt(company), cBits);
  push(BigInt(item), iBits);
  if (scheme === 96) push(BigInt(serial), 38);
  else {
    for (let i = 0; i < 20; i++) push(BigInt(serial.charCodeAt(i) || 0), 7);
    push(0n, 2); // pad 198 bits to 200 (50 hex digits)
  }
  return v
    .toString(16)
    .toUpperCase()
    .padStart(scheme === 96 ? 24 : 50, '0');
}

describe('SGTIN-96', () => {
  it('decodes the Tag Data Standard example', () => {
    expect(decode('3074257BF7194E4000001A85')).toEqual({
      ok: true,
      kind: 'epc',
      scheme: 'sgtin-96',
      filter: 3,
      gtin: '80614141123458',
      serial: '6789',
      uri: 'urn:epc:id:sgtin:0614141.812345.6789',
    });
    expect(encodeSgtin(96, 3, '0614141', '812345', '6789')).toBe('3074257BF7194E4000001A85');
  });
  it('accepts lower case, an EPC: prefix and spaces between groups', () => {
    for (const form of [
      '3074257bf7194e4000001a85',
      'EPC:3074257BF7194E4000001A85',
      '3074 257B F719 4E40 0000 1A85',
      ']X03074257BF7194E4000001A85',
    ]) {
      expect(decode(form)).toMatchObject({ ok: true, uri: 'urn:epc:id:sgtin:0614141.812345.6789' });
    }
  });
  it('decodes all seven partitions', () => {
    for (const [, companyDigits, , itemDigits] of partitionBits) {
      const company = '9'.repeat(companyDigits);
      const item = `8${'7'.repeat(itemDigits - 1)}`;
      const gtin13 = `8${company}${item.slice(1)}`;
      const result = decode(encodeSgtin(96, 1, company, item, '274877906943'));
      expect(result).toEqual({
        ok: true,
        kind: 'epc',
        scheme: 'sgtin-96',
        filter: 1,
        gtin: `${gtin13}${gs1CheckDigit(gtin13)}`,
        serial: '274877906943',
        uri: `urn:epc:id:sgtin:${company}.${item}.274877906943`,
      });
    }
  });
  it('round-trips random SGTIN-96 values (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 7 }),
        fc.bigInt({ min: 0n, max: (1n << 38n) - 1n }),
        fc.nat(),
        (p, filter, serial, seed) => {
          const [, cd, , id] = partitionBits[p] ?? [0, 6, 0, 7];
          const company = String(seed % 10 ** Math.min(cd, 9)).padStart(cd, '0');
          const item = String((seed * 7) % 10 ** Math.min(id, 7)).padStart(id, '0');
          const result = decode(encodeSgtin(96, filter, company, item, serial.toString()));
          expect(result).toMatchObject({
            ok: true,
            filter,
            serial: serial.toString(),
            uri: `urn:epc:id:sgtin:${company}.${item}.${serial}`,
          });
        },
      ),
    );
  });
  it('rejects partition 7 and company prefixes beyond their digits', () => {
    const v = (BigInt('0x3074257BF7194E4000001A85') & ~(7n << 82n)) | (7n << 82n);
    expect(decode(v.toString(16))).toMatchObject({ ok: false, error: { code: 'bad-epc' } });
    const tooBig = encodeSgtin(96, 0, '9999999', '1', '1').replace(/^30/, '30');
    const overflow = BigInt(`0x${tooBig}`) | (((1n << 24n) - 1n) << 58n); // company bits all ones > 9999999
    expect(decode(overflow.toString(16))).toMatchObject({ ok: false, error: { code: 'bad-epc' } });
  });
  it('reports other EPC headers as unsupported-epc', () => {
    expect(decode('3114257BF7194E4000001A85')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-epc' },
    });
    expect(decode('E28011606000020D6A8F1234')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-epc' },
    });
    expect(decode('EPC:3074257B')).toMatchObject({ ok: false, error: { code: 'bad-length' } });
  });
});

describe('SGTIN-198', () => {
  it('decodes published SGTIN-198 vectors (TDS 2.x example data, 13-word reader form)', () => {
    expect(decode('3666C4409047E159B2C2BF100000000000000000000000000000')).toEqual({
      ok: true,
      kind: 'epc',
      scheme: 'sgtin-198',
      filter: 3,
      gtin: '09506000134352',
      serial: '32a/b',
      uri: 'urn:epc:id:sgtin:95060001343.05.32a%2Fb',
    });
    expect(decode('36300001DB011169E5E5A70EC000000000000000000000000000')).toMatchObject({
      ok: true,
      filter: 1,
      serial: 'Serial',
      uri: 'urn:epc:id:sgtin:00000950.01093.Serial',
    });
    // The same tag reported as 50 hex digits (198 bits padded to 200).
    expect(decode('3666C4409047E159B2C2BF1000000000000000000000000000')).toMatchObject({
      ok: true,
      serial: '32a/b',
    });
  });
  it('decodes an alphanumeric serial with TDS URI escaping', () => {
    const hex = encodeSgtin(198, 3, '0614141', '812345', '32a/b"%&<>?');
    expect(hex).toHaveLength(50);
    expect(decode(hex)).toEqual({
      ok: true,
      kind: 'epc',
      scheme: 'sgtin-198',
      filter: 3,
      gtin: '80614141123458',
      serial: '32a/b"%&<>?',
      uri: 'urn:epc:id:sgtin:0614141.812345.32a%2Fb%22%25%26%3C%3E%3F',
    });
  });
  it('reads a full 20-character serial and a 1-character one', () => {
    expect(decode(encodeSgtin(198, 0, '0614141', '812345', 'ABCDEFGHIJ0123456789'))).toMatchObject({
      serial: 'ABCDEFGHIJ0123456789',
    });
    expect(decode(encodeSgtin(198, 0, '0614141', '812345', 'Z'))).toMatchObject({ serial: 'Z' });
  });
  it('rejects characters outside CSET 82, data after the padding, and an empty serial', () => {
    expect(decode(encodeSgtin(198, 0, '0614141', '812345', 'A B'))).toMatchObject({
      ok: false,
      error: { code: 'bad-epc' },
    });
    expect(decode(encodeSgtin(198, 0, '0614141', '812345', 'A\x00B'))).toMatchObject({
      ok: false,
      error: { code: 'bad-epc' },
    });
    expect(decode(encodeSgtin(198, 0, '0614141', '812345', ''))).toMatchObject({
      ok: false,
      error: { code: 'bad-epc' },
    });
  });
  it('rejects a 198-bit header in 96 bits and vice versa', () => {
    expect(decode(`EPC:36${'0'.repeat(22)}`)).toMatchObject({
      ok: false,
      error: { code: 'bad-length' },
    });
    expect(decode(`EPC:30${'0'.repeat(48)}`)).toMatchObject({
      ok: false,
      error: { code: 'bad-length' },
    });
  });
});
