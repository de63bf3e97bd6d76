import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from './index';
import { luhnValid, maskPan } from './card';

const BANK = '4111111111111111';
const NAME = 'DOE/JOHN';

/** Appends the Luhn check digit to `body`. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

describe('Luhn and masking', () => {
  it('validates known numbers and masks first 6 / last 4', () => {
    expect(luhnValid(BANK)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6280000000000016')).toBe(true);
    expect(maskPan(BANK)).toBe('411111******1111');
    expect(maskPan('6212345678901234567')).toBe('621234*********4567');
  });
});

describe('member cards', () => {
  it('decodes track 2 of the issue example', () => {
    expect(decode(';6280000000000016=2912101?')).toEqual({
      ok: true,
      kind: 'card',
      track: 2,
      member: true,
      number: '6280000000000016',
      expiry: '2912',
    });
  });
  it('reads every demo-store member card from track 2 and from track 1 alone', () => {
    const csv = readFileSync(
      fileURLToPath(new URL('../../fixtures/demo-store/members.csv', import.meta.url)),
      'utf8',
    );
    const cards = csv
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[1] ?? '');
    expect(cards.length).toBe(300);
    for (const card of cards) {
      expect(decode(`;${card}=3012?`)).toMatchObject({
        ok: true,
        member: true,
        number: card,
        track: 2,
      });
      expect(decode(`%B${card}^ZHAO/PING^3012120?`)).toMatchObject({
        ok: true,
        member: true,
        number: card,
        track: 1,
      });
    }
  });
  it('prefers track 2 when both are present, tolerating LRC characters and CR/LF between tracks', () => {
    const swipe = '%B6280000000000016^ZHAO/PING^2912120000000?;\r\n;6280000000000016=2912120?:';
    expect(decode(swipe)).toMatchObject({ ok: true, track: 2, member: true, expiry: '2912' });
    expect(decode('%B6280000000000016^ZHAO/PING^2912120?\n;6280000000000016=29X?')).toMatchObject({
      ok: true,
      track: 1,
    });
  });
  it('honours a custom member BIN, and an unusable one makes every card a bank card', () => {
    expect(decode(`;${BANK}=2912?`, { memberBin: '411111' })).toMatchObject({
      member: true,
      number: BANK,
    });
    expect(decode(';6280000000000016=2912?', { memberBin: '' })).toMatchObject({ member: false });
    expect(decode(';6280000000000016=2912?', { memberBin: '62x' })).toMatchObject({
      member: false,
    });
  });
  it('takes a member BIN of 6 to 8 digits only: a shorter one would show bank cards in full', () => {
    for (const bin of ['4', '41', '41111', '411111111', BANK]) {
      const result = decode(`;${BANK}=2912?`, { memberBin: bin });
      expect(result, bin).toEqual({
        ok: true,
        kind: 'card',
        track: 2,
        member: false,
        maskedNumber: '411111******1111',
      });
      expect(JSON.stringify(result)).not.toContain(BANK);
    }
    for (const bin of ['411111', '4111111', '41111111'])
      expect(decode(`;${BANK}=2912?`, { memberBin: bin }), bin).toMatchObject({ member: true });
  });
});

describe('bank cards never leak', () => {
  it('returns only the masked number', () => {
    expect(decode(`%B${BANK}^${NAME}^2912101000000000?;${BANK}=2912101000000?`)).toEqual({
      ok: true,
      kind: 'card',
      track: 2,
      member: false,
      maskedNumber: '411111******1111',
    });
    expect(decode(`%B${BANK}^${NAME}^2912101?`)).toEqual({
      ok: true,
      kind: 'card',
      track: 1,
      member: false,
      maskedNumber: '411111******1111',
    });
  });
  it('keeps the number and name out of every output, including failures', () => {
    const swipes = [
      `%B${BANK}^${NAME}^2912101?;${BANK}=2912101?`,
      `%B${BANK}^${NAME}^2912101?`,
      `;${BANK}=2912101?`,
      `;${BANK}=2913101?`, // bad month
      `;4111111111111112=2912101?`, // bad Luhn: the near-number must not leak either
      `%B${BANK}^${NAME}^29`, // truncated
      `;${BANK}=2912`,
      `%A${BANK}^${NAME}^2912101?`,
      BANK,
      `]C0${BANK}`,
      `${BANK}\x00`,
    ];
    for (const swipe of swipes) {
      const out = JSON.stringify(decode(swipe));
      expect(out).not.toContain(BANK);
      expect(out).not.toContain('4111111111111112');
      expect(out).not.toContain('DOE');
    }
    expect(decode(`;4111111111111112=2912101?`)).toMatchObject({
      ok: false,
      error: { code: 'bad-card' },
    });
    expect(decode(`%B${BANK}^${NAME}^29`)).toMatchObject({
      ok: false,
      error: { code: 'truncated' },
    });
  });
  it('never leaks a random bank PAN of 12-19 digits (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[3-5]\d{10,17}$/),
        fc.stringMatching(/^[A-Z]{2,10}\/[A-Z]{2,10}$/),
        fc.constantFrom('track1', 'track2', 'both', 'badLuhn'),
        (body, name, shape) => {
          const pan = withLuhn(body);
          const broken = `${pan.slice(0, -1)}${(Number(pan.at(-1)) + 1) % 10}`;
          const swipe =
            shape === 'track1'
              ? `%B${pan}^${name}^3001101?`
              : shape === 'track2'
                ? `;${pan}=3001101?`
                : shape === 'both'
                  ? `%B${pan}^${name}^3001101?;${pan}=3001101?`
                  : `;${broken}=3001101?`;
          const out = JSON.stringify(decode(swipe));
          expect(out).not.toContain(pan);
          expect(out).not.toContain(broken);
          expect(out).not.toContain(name);
        },
      ),
    );
  });
});
