import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEMBER_TOKEN_RANDOM_BYTES, memberTokenFromBytes } from '../../sync/protocol/member-token';
import { decode } from './index';

function column(file: string, name: string): string[] {
  const csv = readFileSync(
    fileURLToPath(new URL(`../../fixtures/demo-store/${file}`, import.meta.url)),
    'utf8',
  );
  const lines = csv.split('\n').filter(Boolean);
  const index = (lines[0] ?? '').split(',').indexOf(name);
  return lines.slice(1).map((line) => line.split(',')[index] ?? '');
}

describe('member QR tokens', () => {
  it('decodes every demo-store qr_token, also from a QR AIM id and in lower case', () => {
    const tokens = column('members.csv', 'qr_token');
    expect(tokens).toHaveLength(300);
    for (const token of tokens) {
      expect(decode(token)).toEqual({ ok: true, kind: 'member', token });
      expect(decode(`]Q1${token}\r`)).toEqual({ ok: true, kind: 'member', token });
      expect(decode(token.toLowerCase())).toEqual({ ok: true, kind: 'member', token });
    }
  });
  it('rejects wrong lengths and characters outside the alphabet', () => {
    expect(decode('MBR1.B5Q9K45ZVTGZFD7K7T4')).toMatchObject({
      ok: false,
      error: { code: 'bad-length' },
    });
    expect(decode('MBR1.B5Q9K45ZVTGZFD7K7T4O')).toMatchObject({
      ok: false,
      error: { code: 'bad-character' },
    });
    expect(decode('MBR1.B5Q9K45ZVTGZFD7K7T4-')).toMatchObject({
      ok: false,
      error: { code: 'bad-character' },
    });
  });
});

describe('member QR tokens the cloud issues', () => {
  it('decodes every token of the one format (sync/protocol/member-token.ts)', () => {
    for (let i = 0; i < 200; i++) {
      const token = memberTokenFromBytes(randomBytes(MEMBER_TOKEN_RANDOM_BYTES));
      expect(decode(token)).toEqual({ ok: true, kind: 'member', token });
    }
  });
});

describe('staff badges', () => {
  it('decodes every demo-store badge and 4..8 digit numbers', () => {
    for (const badge of column('staff.csv', 'badge_no'))
      expect(decode(badge)).toEqual({ ok: true, kind: 'staff-badge', badge });
    expect(decode('badge-12345678')).toEqual({
      ok: true,
      kind: 'staff-badge',
      badge: 'BADGE-12345678',
    });
  });
  it('rejects other lengths and non-digits', () => {
    expect(decode('BADGE-123')).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decode('BADGE-123456789')).toMatchObject({ ok: false, error: { code: 'bad-length' } });
    expect(decode('BADGE-12A4')).toMatchObject({ ok: false, error: { code: 'bad-character' } });
  });
});

describe('payment codes', () => {
  it('maps 18-digit prefixes 10-15 to WeChat and 25-30 to Alipay', () => {
    for (const prefix of ['10', '11', '12', '13', '14', '15']) {
      expect(decode(`${prefix}3456789012345678`)).toMatchObject({
        ok: true,
        kind: 'payment-code',
        provider: 'wechat',
      });
    }
    for (const prefix of ['25', '26', '27', '28', '29', '30']) {
      expect(decode(`${prefix}3456789012345678`)).toEqual({
        ok: true,
        kind: 'payment-code',
        provider: 'alipay',
        code: `${prefix}3456789012345678`,
      });
    }
  });
  it('does not take other prefixes or lengths for payment codes', () => {
    expect(decode('163456789012345678')).not.toMatchObject({ kind: 'payment-code' });
    expect(decode('243456789012345678')).not.toMatchObject({ kind: 'payment-code' });
    expect(decode('13345678901234567')).not.toMatchObject({ kind: 'payment-code' });
    expect(decode('1334567890123456789')).not.toMatchObject({ kind: 'payment-code' });
  });
  it('keeps an explicit GS1-128 reading of AI 10 over the payment rule', () => {
    expect(decode(']C1103456789012345678')).toMatchObject({
      ok: true,
      kind: 'gs1',
      ais: { '10': '3456789012345678' },
    });
  });
});
