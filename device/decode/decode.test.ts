import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, decodeErrorCodes, decodeResultSchema, type DecodeResult } from './index';

const GS = '\x1d';

function valid(result: DecodeResult): DecodeResult {
  const parsed = decodeResultSchema.safeParse(result);
  if (!parsed.success)
    throw new Error(`schema mismatch: ${JSON.stringify(result)} ${parsed.error.message}`);
  return result;
}

describe('input handling', () => {
  it('reports empty input, also after trimming scanner suffixes', () => {
    for (const input of ['', '\r\n', '  \t', new Uint8Array(0), ']E0']) {
      expect(decode(input)).toMatchObject({ ok: false, error: { code: 'empty' } });
    }
  });
  it('limits input to 4096 bytes, counting UTF-8 bytes of strings', () => {
    expect(decode('1'.repeat(4097))).toMatchObject({ ok: false, error: { code: 'too-long' } });
    expect(decode(new Uint8Array(4097))).toMatchObject({ ok: false, error: { code: 'too-long' } });
    expect(decode('中'.repeat(1366))).toMatchObject({ ok: false, error: { code: 'too-long' } });
    expect(decode('中'.repeat(1365))).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(decode('1'.repeat(4096))).not.toMatchObject({ error: { code: 'too-long' } });
  });
  it('survives invalid UTF-8, NUL and control characters', () => {
    expect(decode(new Uint8Array([0xff, 0xfe, 0x36, 0x39]))).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(decode(new Uint8Array([0xc3]))).toMatchObject({ ok: false });
    expect(decode('6970001000016\x00')).toMatchObject({
      ok: false,
      error: { code: 'bad-character' },
    });
    expect(decode('\x04\x02')).toMatchObject({ ok: false, error: { code: 'bad-character' } });
    expect(decode(42 as unknown as string)).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(decode(null as unknown as string)).toMatchObject({ ok: false });
    const badOptions = { memberBin: 628000, symbologyHint: 7 } as unknown as { memberBin: string };
    expect(decode(';6280000000000016=2912?', badOptions)).toMatchObject({
      ok: true,
      member: false,
    });
    expect(decode('6970001000016', null as unknown as undefined)).toMatchObject({ ok: true });
  });
  it('decodes raw bytes exactly like the same text, GS included', () => {
    const text = `]C10109520123456788${'10ABC'}${GS}17261231`;
    expect(decode(new TextEncoder().encode(text))).toEqual(decode(text));
  });
  it('reports unknown text and unknown AIM content as unknown-format', () => {
    expect(decode('hello world')).toMatchObject({ ok: false, error: { code: 'unknown-format' } });
    expect(decode(']A0SKU-123')).toMatchObject({ ok: false, error: { code: 'unknown-format' } });
    expect(decode('123456789')).toMatchObject({ ok: false, error: { code: 'unknown-format' } });
  });
});

describe('order of recognition', () => {
  it('reads content inside generic AIM identifiers and names their symbology', () => {
    expect(decode(']C06970001000016')).toMatchObject({
      ok: true,
      kind: 'gtin',
      symbology: 'Code 128',
    });
    expect(decode(']Q1BADGE-1001')).toEqual({ ok: true, kind: 'staff-badge', badge: 'BADGE-1001' });
    expect(decode(']Q1133456789012345678')).toMatchObject({
      kind: 'payment-code',
      provider: 'wechat',
    });
  });
  it('takes 14 digits as a GTIN-14 but 16+ digits starting 01 as an element string', () => {
    expect(decode('09520123456788')).toMatchObject({ kind: 'gtin', symbology: 'GTIN-14' });
    expect(decode('0109520123456788')).toMatchObject({ kind: 'gs1' });
  });
  it('takes an 18-digit payment prefix as a payment code, other 18 digits as GS1 or unknown', () => {
    expect(decode('103456789012345678')).toMatchObject({ kind: 'payment-code' });
    expect(decode('200123456789012345')).toMatchObject({ ok: false });
    expect(decode('990123456789012345')).toMatchObject({
      ok: true,
      kind: 'gs1',
      ais: { '99': '0123456789012345' },
    });
  });
  it('takes 24 digits starting 30 as an EPC and card sentinels before anything else', () => {
    expect(decode('301234567890123456789012')).toMatchObject({ kind: 'epc' });
    expect(decode(';6280000000000016=2912?')).toMatchObject({ kind: 'card' });
  });
  it('has a strict result schema: an extra field such as a full card number fails it', () => {
    const bank = decode(';4111111111111111=2912?');
    expect(decodeResultSchema.safeParse(bank).success).toBe(true);
    expect(decodeResultSchema.safeParse({ ...bank, number: '4111111111111111' }).success).toBe(
      false,
    );
    expect(
      decodeResultSchema.safeParse({ ok: false, error: { code: 'oops', message: 'x' } }).success,
    ).toBe(false);
  });
  it('exports a closed list of error codes that results use', () => {
    expect(decodeErrorCodes).toContain('bad-check-digit');
    expect(new Set(decodeErrorCodes).size).toBe(decodeErrorCodes.length);
  });
});

const interestingHeads = [
  '',
  ']C1',
  ']E0',
  ']E3',
  ']E4',
  ']d2',
  ']Q3',
  ']Q1',
  ']I1',
  ']e0',
  'MBR1.',
  'BADGE-',
  '%B',
  ';',
  'EPC:',
  '(01)',
  '01',
  '00',
  '(',
  GS,
  'https://id.gs1.org/01/',
  'http://x/414/',
  '30',
  '36',
  '13',
  'https://a/01/09520123456788?',
];
const tailChars = fc.constantFrom(
  ...'0123456789ABCDEFabcdef^=?/%()&#;:. -_'.split(''),
  GS,
  '\x00',
  '\r',
  '\n',
  'é',
  '中',
);

describe('properties', () => {
  it('never throws on arbitrary bytes and always matches the result schema', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        valid(decode(bytes));
      }),
      { numRuns: 3000 },
    );
  });
  it('never throws on arbitrary strings and options', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.option(fc.string({ maxLength: 5 })),
        fc.option(fc.string({ maxLength: 8 })),
        (text, hint, bin) => {
          const options = {
            ...(hint !== null && { symbologyHint: hint }),
            ...(bin !== null && { memberBin: bin }),
          };
          valid(decode(text, options));
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('never throws on near-miss inputs built from each format’s prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...interestingHeads),
        fc.array(tailChars, { maxLength: 60 }),
        fc.constantFrom(undefined, ']E0', ']E3', ']C1', ']Q1', ']I1', ']E1'),
        (head, tail, symbologyHint) => {
          const text = head + tail.join('');
          valid(decode(text));
          valid(decode(new TextEncoder().encode(text), symbologyHint ? { symbologyHint } : {}));
        },
      ),
      { numRuns: 5000 },
    );
  });
  it('accepts every valid random GTIN-13 and rejects every other check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{11}$/), (body) => {
        const results = Array.from({ length: 10 }, (_, d) => decode(`${body}${d}`));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      }),
    );
  });
  it('messages of failures are plain English and never contain 6+ digit runs of the input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9;=%B^?]{6,40}$/), (text) => {
        const result = decode(text);
        if (result.ok) return;
        expect(result.error.message).toMatch(/^[\x20-\x7e]+$/);
        expect(result.error.message).not.toMatch(/\d{6}/);
      }),
    );
  });
});

describe('performance', () => {
  it('decodes 100k EAN-13 scans (bytes) in well under a second', () => {
    const bytes = new TextEncoder().encode('6970001000016\r\n');
    decode(bytes);
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) decode(bytes);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(1000);
  });
});
