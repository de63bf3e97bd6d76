import { describe, expect, it } from 'vitest';
import { decode } from './index';
import { parseBracketed, parseElementString } from './element-string';

const GS = '\x1d';

describe('GS1 element strings', () => {
  it('decodes the issue example shape from GS1-128 with FNC1 after a variable-length AI', () => {
    expect(decode(`]C1010952012345678817261231${'10ABC'}`)).toEqual({
      ok: true,
      kind: 'gs1',
      symbology: 'GS1-128',
      gtin: '09520123456788',
      ais: { '01': '09520123456788', '17': '261231', '10': 'ABC' },
    });
  });
  it('needs no FNC1 after predefined-length AIs and splits variable ones on GS', () => {
    const data = `]d2010952012345678810ABC-123${GS}21XYZ/9${GS}17261231`;
    expect(decode(data)).toEqual({
      ok: true,
      kind: 'gs1',
      symbology: 'GS1 DataMatrix',
      gtin: '09520123456788',
      ais: { '01': '09520123456788', '10': 'ABC-123', '21': 'XYZ/9', '17': '261231' },
    });
  });
  it('names GS1 QR, GS1 DataBar and tolerates a leading FNC1 transmitted as GS', () => {
    expect(decode(`]Q3${GS}0109520123456788`)).toMatchObject({
      ok: true,
      symbology: 'GS1 QR',
      gtin: '09520123456788',
    });
    expect(decode(']e00109520123456788')).toMatchObject({ ok: true, symbology: 'GS1 DataBar' });
    expect(decode(`${GS}0109520123456788${GS}10LOT1`)).toMatchObject({
      ok: true,
      kind: 'gs1',
      symbology: 'GS1',
      ais: { '10': 'LOT1' },
    });
  });
  it('reads GS1 General Specifications example element strings', () => {
    // SSCC with extension digit 1 (GenSpecs 2.2.1 example) and a logistic unit's count + weight.
    expect(parseElementString('00106141412345678908')).toEqual({ '00': '106141412345678908' });
    expect(parseElementString(`0200614141123452${'37'}20${GS}3102001234`)).toEqual({
      '02': '00614141123452',
      '37': '20',
      '3102': '001234',
    });
    expect(parseElementString('4140614141000005')).toEqual({ '414': '0614141000005' });
    expect(parseElementString(`3922499${GS}3932978012${GS}422156`)).toEqual({
      '3922': '499',
      '3932': '978012',
      '422': '156',
    });
    expect(parseElementString(`401ABC-123${GS}4036614141${GS}420100-0001`)).toMatchObject({
      '401': 'ABC-123',
      '420': '100-0001',
    });
    expect(parseElementString('8200https://example.com/a?b=c')).toEqual({
      '8200': 'https://example.com/a?b=c',
    });
  });
  it('reads every AI the issue lists', () => {
    const sample = [
      '00106141412345678908',
      '0109520123456788',
      '0209520123456788',
      '10ABC',
      '11260101',
      '12260131',
      '13260228',
      '15260300',
      '16261231',
      '17261231',
      '2001',
      '21S1',
      '22CPV',
      '3012',
      '3712',
      '3100000123',
      '3695000042',
      '3901123',
      '3911978123',
      '3921555',
      '39319785',
      '400PO1',
      '401GINC',
      '40295201234567890115',
      '403ROUTE',
      '4109520123456788',
      '4119520123456788',
      '4129520123456788',
      '4139520123456788',
      '4149520123456788',
      '4159520123456788',
      '420POST',
      '421156ABC',
      '422156',
      '8200https://x.example',
    ].join(GS);
    const parsed = parseElementString(sample);
    expect('ok' in parsed).toBe(false);
    expect(Object.keys(parsed)).toHaveLength(35);
  });
  it('rejects bad check digits of AI 00, 01, 02 and 410-415', () => {
    for (const bad of [
      '00106141412345678909',
      '0109520123456789',
      '0209520123456780',
      '4109520123456780',
      '4159520123456780',
    ]) {
      expect(decode(`]C1${bad}`)).toMatchObject({ ok: false, error: { code: 'bad-check-digit' } });
    }
  });
  it('validates YYMMDD dates, allowing DD=00 and Feb 29 only in leap years', () => {
    expect(parseElementString('17261200')).toEqual({ '17': '261200' });
    expect(parseElementString('17240229')).toEqual({ '17': '240229' });
    for (const bad of ['17250229', '17261301', '17260001', '17260431', '11261232']) {
      expect(decode(`]C1${bad}`)).toMatchObject({ ok: false, error: { code: 'bad-date' } });
    }
  });
  it('checks CSET 82 characters, lengths and truncation', () => {
    expect(decode(`]C110AB#C`)).toMatchObject({ ok: false, error: { code: 'bad-character' } });
    expect(decode(`]C110AB C`)).toMatchObject({ ok: false, error: { code: 'bad-character' } });
    expect(decode(`]C110${'A'.repeat(21)}`)).toMatchObject({
      ok: false,
      error: { code: 'bad-length' },
    });
    expect(decode(`]C1010952012345678`)).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decode(`]C10109520123456788${GS}10`)).toMatchObject({
      ok: false,
      error: { code: 'truncated' },
    });
    expect(decode(`]C1422156789`)).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decode(`]C13102${'12345'}`)).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decode(`]C13912ABC123`)).toMatchObject({ ok: false, error: { code: 'bad-character' } });
    expect(decode(`]C13912000123`)).toMatchObject({ ok: false, error: { code: 'bad-ai' } });
  });
  it('rejects unknown AIs and an AI repeated with another value', () => {
    expect(decode(']C10409520123456788')).toMatchObject({ ok: false, error: { code: 'bad-ai' } });
    expect(decode(`]C110A${GS}10B`)).toMatchObject({ ok: false, error: { code: 'bad-ai' } });
    expect(decode(`]C110A${GS}10A`)).toMatchObject({ ok: true, ais: { '10': 'A' } });
  });
  it('reads a bare 16+ digit string starting 01 as an element string, not a GTIN', () => {
    expect(decode('0109520123456788')).toMatchObject({
      ok: true,
      kind: 'gs1',
      symbology: 'GS1',
      gtin: '09520123456788',
    });
    expect(decode('010952012345678817261231')).toMatchObject({
      ok: true,
      kind: 'gs1',
      ais: { '17': '261231' },
    });
    expect(decode('0109520123456789')).toMatchObject({
      ok: false,
      error: { code: 'bad-check-digit' },
    });
    expect(decode('5555555555555555')).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
  });
});

describe('bracketed human-readable form', () => {
  it('reads (01)(17)(10) and a value that contains a parenthesis', () => {
    expect(parseBracketed('(01)09520123456788(17)201225(10)ABC')).toEqual({
      '01': '09520123456788',
      '17': '201225',
      '10': 'ABC',
    });
    expect(decode('(01)09520123456788(21)A(B)')).toMatchObject({
      ok: true,
      kind: 'gs1',
      ais: { '21': 'A(B)' },
    });
  });
  it('validates bracketed values like encoded ones', () => {
    expect(decode('(01)09520123456789')).toMatchObject({
      ok: false,
      error: { code: 'bad-check-digit' },
    });
    expect(decode('(17)201332')).toMatchObject({ ok: false, error: { code: 'bad-date' } });
    expect(decode('(9999)X')).toMatchObject({ ok: false, error: { code: 'bad-ai' } });
    expect(decode('(01)')).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });
});
