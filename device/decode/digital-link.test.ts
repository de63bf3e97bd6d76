import { describe, expect, it } from 'vitest';
import { decode } from './index';

describe('GS1 Digital Link', () => {
  it('decodes the issue example with a percent-encoded slash and a query date', () => {
    expect(decode('https://id.gs1.org/01/09520123456788/10/ABC%2F123?17=201225')).toEqual({
      ok: true,
      kind: 'digital-link',
      gtin: '09520123456788',
      ais: { '01': '09520123456788', '10': 'ABC/123', '17': '201225' },
    });
  });
  it('reads the Digital Link standard examples on any domain, with a publisher path prefix', () => {
    expect(decode('https://id.gs1.org/01/09520123456788')).toMatchObject({
      ok: true,
      gtin: '09520123456788',
    });
    expect(
      decode('https://example.com/01/09520123456788/22/2A/10/ABC123/21/456?17=211231'),
    ).toMatchObject({
      ok: true,
      ais: { '01': '09520123456788', '22': '2A', '10': 'ABC123', '21': '456', '17': '211231' },
    });
    expect(
      decode(
        'https://brand.example.cn/shop/scan/01/09520123456788/21/12345?3103=000195&linkType=gs1:pip#top',
      ),
    ).toEqual({
      ok: true,
      kind: 'digital-link',
      gtin: '09520123456788',
      ais: { '01': '09520123456788', '21': '12345', '3103': '000195' },
    });
    expect(decode('HTTP://EXAMPLE.COM/01/09520123456788')).toMatchObject({
      ok: true,
      kind: 'digital-link',
    });
  });
  it('pads GTIN-8/12/13 path values to 14 digits', () => {
    expect(decode('https://example.com/01/9520123456788')).toMatchObject({
      ok: true,
      gtin: '09520123456788',
    });
    expect(decode('https://example.com/01/96385074')).toMatchObject({
      ok: true,
      gtin: '00000096385074',
    });
  });
  it('accepts other primary keys and the 1.1 short names', () => {
    expect(decode('https://id.gs1.org/00/106141412345678908')).toEqual({
      ok: true,
      kind: 'digital-link',
      ais: { '00': '106141412345678908' },
    });
    expect(decode('https://id.gs1.org/414/9520123456788/254/32a%2Fb')).toMatchObject({
      ok: true,
      ais: { '414': '9520123456788', '254': '32a/b' },
    });
    expect(decode('https://example.com/gtin/09520123456788/lot/ABC1/ser/9')).toMatchObject({
      ok: true,
      ais: { '01': '09520123456788', '10': 'ABC1', '21': '9' },
    });
  });
  it('carries the AIM symbology when the QR scanner sent one', () => {
    expect(decode(']Q1https://id.gs1.org/01/09520123456788')).toMatchObject({
      ok: true,
      kind: 'digital-link',
      symbology: 'QR',
    });
  });
  it('validates check digits, dates and characters as element strings do', () => {
    expect(decode('https://id.gs1.org/01/09520123456789')).toMatchObject({
      ok: false,
      error: { code: 'bad-check-digit' },
    });
    expect(decode('https://id.gs1.org/01/09520123456788?17=201332')).toMatchObject({
      ok: false,
      error: { code: 'bad-date' },
    });
    expect(decode('https://id.gs1.org/01/09520123456788/10/A%23B')).toMatchObject({
      ok: false,
      error: { code: 'bad-character' },
    });
    expect(decode('https://id.gs1.org/01/09520123456788/10/A%ZZ')).toMatchObject({
      ok: false,
      error: { code: 'bad-uri' },
    });
  });
  it('rejects qualifiers out of order or not allowed for the key, and repeated AIs', () => {
    expect(decode('https://id.gs1.org/01/09520123456788/21/1/10/2')).toMatchObject({
      ok: false,
      error: { code: 'bad-ai' },
    });
    expect(decode('https://id.gs1.org/00/106141412345678908/10/2')).toMatchObject({
      ok: false,
      error: { code: 'bad-ai' },
    });
    expect(decode('https://id.gs1.org/01/09520123456788/10/A?10=B')).toMatchObject({
      ok: false,
      error: { code: 'bad-ai' },
    });
  });
  it('calls a web address without GS1 keys unknown, and a broken one bad-uri', () => {
    expect(decode('https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(decode('https://example.com/products/123?17=201225')).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(decode('https://exa mple.com/01/09520123456788')).toMatchObject({
      ok: false,
      error: { code: 'bad-uri' },
    });
  });
});
