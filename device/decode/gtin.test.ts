import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decode } from './index';
import { expandUpcE, gs1CheckDigit, hasValidCheckDigit } from './gtin';

/** Independent UPC-A check digit: 3 × odd positions + even positions, counted from the left. */
function upcACheck(eleven: string): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(eleven[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

describe('GS1 check digit', () => {
  it.each(['09520123456788', '00614141123452', '4012345000009', '96385074', '036000291452'])(
    'accepts %s',
    (code) => {
      expect(hasValidCheckDigit(code)).toBe(true);
    },
  );
  it('rejects every wrong last digit of a valid GTIN', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 8) continue;
      expect(hasValidCheckDigit(`0952012345678${d}`)).toBe(false);
    }
    expect(gs1CheckDigit('0952012345678')).toBe(8);
  });
});

describe('EAN-13 / EAN-8 / UPC-A / GTIN-14', () => {
  it('decodes the issue example', () => {
    expect(decode('6970001000016')).toEqual({
      ok: true,
      kind: 'gtin',
      symbology: 'EAN-13',
      gtin: '06970001000016',
    });
  });
  it('pads every length to 14 digits and names the symbology', () => {
    expect(decode('96385074')).toMatchObject({
      ok: true,
      symbology: 'EAN-8',
      gtin: '00000096385074',
    });
    expect(decode('036000291452')).toMatchObject({
      ok: true,
      symbology: 'UPC-A',
      gtin: '00036000291452',
    });
    expect(decode('10614141123459')).toMatchObject({
      ok: true,
      symbology: 'GTIN-14',
      gtin: '10614141123459',
    });
  });
  it('rejects a wrong check digit with bad-check-digit', () => {
    expect(decode('6970001000017')).toMatchObject({
      ok: false,
      error: { code: 'bad-check-digit' },
    });
    expect(decode('036000291453')).toMatchObject({ ok: false, error: { code: 'bad-check-digit' } });
  });
  it('accepts AIM prefixes: ]E0 EAN-13 and UPC-A, ]E4 EAN-8, ]I1 ITF-14', () => {
    expect(decode(']E06970001000016')).toMatchObject({
      ok: true,
      symbology: 'EAN-13',
      gtin: '06970001000016',
    });
    expect(decode(']E00036000291452')).toMatchObject({
      ok: true,
      symbology: 'UPC-A',
      gtin: '00036000291452',
    });
    expect(decode(']E496385074')).toMatchObject({
      ok: true,
      symbology: 'EAN-8',
      gtin: '00000096385074',
    });
    expect(decode(']I110614141123459')).toMatchObject({
      ok: true,
      symbology: 'ITF-14',
      gtin: '10614141123459',
    });
    expect(decode(']E496385075')).toMatchObject({ ok: false, error: { code: 'bad-check-digit' } });
    expect(decode(']E4963850')).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decode(']E0697000100001A')).toMatchObject({
      ok: false,
      error: { code: 'bad-character' },
    });
  });
  it('uses a symbologyHint when the transport stripped the AIM identifier', () => {
    expect(decode('04252614', { symbologyHint: ']E0' })).toMatchObject({
      symbology: 'UPC-E',
      gtin: '00042100005264',
    });
    expect(decode('96385074', { symbologyHint: ']E4' })).toMatchObject({ symbology: 'EAN-8' });
    expect(decode('6970001000016', { symbologyHint: 'junk' })).toMatchObject({
      ok: true,
      symbology: 'EAN-13',
    });
  });
  it('reads ]E3 main symbol + add-on and ]E1/]E2 add-ons alone', () => {
    expect(decode(']E369700010000161234'.slice(0, 18) + '5')).toMatchObject({ ok: false });
    expect(decode(']E3697000100001612345')).toEqual({
      ok: true,
      kind: 'gtin',
      symbology: 'EAN-13',
      gtin: '06970001000016',
      addOn: '12345',
    });
    expect(decode(']E3697000100001612')).toMatchObject({
      ok: true,
      gtin: '06970001000016',
      addOn: '12',
    });
    expect(decode(']E30425261412')).toMatchObject({
      ok: true,
      symbology: 'UPC-E',
      gtin: '00042100005264',
      addOn: '12',
    });
    expect(decode(']E112')).toEqual({ ok: true, kind: 'add-on', symbology: 'EAN-2', addOn: '12' });
    expect(decode(']E252495')).toEqual({
      ok: true,
      kind: 'add-on',
      symbology: 'EAN-5',
      addOn: '52495',
    });
    expect(decode(']E1123')).toMatchObject({ ok: false, error: { code: 'bad-length' } });
  });
});

describe('UPC-E', () => {
  it('expands the textbook example 0425261 to 042100005264 (with and without check digit)', () => {
    expect(decode('0425261')).toEqual({
      ok: true,
      kind: 'gtin',
      symbology: 'UPC-E',
      gtin: '00042100005264',
    });
    expect(decode(']E004252614')).toMatchObject({ symbology: 'UPC-E', gtin: '00042100005264' });
    expect(decode(']E00425261')).toMatchObject({ symbology: 'UPC-E', gtin: '00042100005264' });
    expect(decode('01234565')).toMatchObject({ symbology: 'UPC-E', gtin: '00012345000065' });
  });
  // One case per last data digit: 0-2 manufacturer ends X00, 3 → XX00 item 000XX, 4 → XXX0, 5-9 → 0000X.
  const expansions: [string, string][] = [
    ['123450', '12000 00345'],
    ['123451', '12100 00345'],
    ['123452', '12200 00345'],
    ['123453', '12300 00045'],
    ['123454', '12340 00005'],
    ['123455', '12345 00005'],
    ['123456', '12345 00006'],
    ['123457', '12345 00007'],
    ['123458', '12345 00008'],
    ['123459', '12345 00009'],
  ];
  it.each(expansions)('expands %s for number systems 0 and 1', (six, body) => {
    for (const ns of ['0', '1']) {
      const eleven = ns + body.replace(' ', '');
      expect(expandUpcE(ns, six)).toBe(eleven);
      const check = upcACheck(eleven);
      expect(decode(`]E0${ns}${six}${check}`)).toEqual({
        ok: true,
        kind: 'gtin',
        symbology: 'UPC-E',
        gtin: `00${eleven}${check}`,
      });
      expect(decode(`]E0${ns}${six}${(check + 1) % 10}`)).toMatchObject({
        ok: false,
        error: { code: 'bad-check-digit' },
      });
    }
  });
  it('refuses number systems other than 0 and 1', () => {
    expect(decode(']E021234565')).toMatchObject({ ok: false, error: { code: 'bad-character' } });
  });
  it('reads a bare 8-digit code starting 0/1 as UPC-E when valid as such, else as EAN-8', () => {
    // 01234565 is valid both ways: UPC-E wins without an AIM identifier, ]E4 forces EAN-8.
    expect(hasValidCheckDigit('01234565')).toBe(true);
    expect(decode('01234565')).toMatchObject({ symbology: 'UPC-E', gtin: '00012345000065' });
    expect(decode(']E401234565')).toMatchObject({ symbology: 'EAN-8', gtin: '00000001234565' });
    // 00000017 is a valid EAN-8 but not a valid UPC-E (that would end in 0).
    expect(decode('00000017')).toMatchObject({ symbology: 'EAN-8', gtin: '00000000000017' });
    expect(decode('96385074')).toMatchObject({ symbology: 'EAN-8' });
    expect(decode('01234566')).toMatchObject({ ok: false, error: { code: 'bad-check-digit' } });
  });
});

describe('demo-store variants', () => {
  const csv = readFileSync(
    fileURLToPath(new URL('../../fixtures/demo-store/variants.csv', import.meta.url)),
    'utf8',
  );
  const header = csv.split('\n')[0]?.split(',') ?? [];
  const column = header.indexOf('gtin');
  const gtins = csv
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[column] ?? '');
  it('has the GTIN column and rows', () => {
    expect(column).toBeGreaterThanOrEqual(0);
    expect(gtins.length).toBeGreaterThan(2000);
  });
  it('decodes every variant GTIN, bare and as raw bytes with a scanner suffix, to its 14-digit form', () => {
    const encoder = new TextEncoder();
    for (const gtin of gtins) {
      const expected = gtin.padStart(14, '0');
      const bare = decode(gtin);
      expect(bare).toMatchObject({ ok: true, kind: 'gtin', gtin: expected });
      expect(decode(encoder.encode(`]E0${gtin}\r\n`))).toMatchObject({ ok: true, gtin: expected });
      expect(decode(expected)).toMatchObject({ ok: true, gtin: expected });
    }
  });
});
