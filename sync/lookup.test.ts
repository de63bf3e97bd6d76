import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardHash, qrHash } from '../core/members/pii';
import { openPresence, presenceFor } from '../core/members/presence';
import { createCloudClient } from './cloud-client';
import type { HttpClient } from './http-client';
import { lookupMemberOnline } from './lookup';
import type { LookedUpMember, MemberLookupRequest } from './protocol';
import { pullStream } from './pull';
import { CONFIG_ROWS, page, scriptedCloud, testKiosk } from './test-support';

const CARD = '6280000000000016';
const QR = 'MBR1.B5Q9K45ZVTGZFD7K7T48';
const TICKET = `pt1.${'e30'.padEnd(24, 'A')}.${'M'.repeat(43)}`;
const NOW = new Date('2026-11-24T08:00:00.000Z');
const visitor: LookedUpMember = {
  memberId: 'M1',
  name: '赵萍',
  phoneMasked: '175****5849',
  gender: 'F',
  tier: 'regular',
  points: 470,
  birthday: '09-11',
  homeStore: 'S003',
  consentProfile: true,
  consentMarketing: false,
  consentPhoto: false,
  joinedOn: '2022-10-07',
  erased: false,
};

let k: ReturnType<typeof testKiosk>;
beforeEach(async () => {
  k = testKiosk();
  const config = scriptedCloud({ pull: (s) => ({ ok: true, value: page(s, CONFIG_ROWS) }) });
  await pullStream({ db: k.db, key: k.key, client: config, token: 't', now: () => NOW }, 'config');
});
afterEach(() => k.remove());

/** The real cloud client over an HTTP stub that answers `body` and records what was asked. */
function clientAnswering(body: unknown) {
  const asked: { method: string; path: string; body?: unknown }[] = [];
  const http: HttpClient = {
    baseUrl: 'http://127.0.0.1/',
    request: (req) => {
      asked.push({ method: req.method, path: req.path, body: req.body });
      return Promise.resolve({ ok: true, value: body });
    },
    requestBytes: () => Promise.reject(new Error('not used by a look-up')),
    close: () => undefined,
  };
  return { client: createCloudClient(http), asked };
}

const ask = (client: ReturnType<typeof clientAnswering>['client'], by: MemberLookupRequest) =>
  lookupMemberOnline({ db: k.db, key: k.key, client, token: 't', now: () => NOW }, by);

const row = () =>
  k.db
    .prepare<
      [],
      { card_hash: Buffer | null; qr_hash: Buffer | null; presence_expires_at: string | null }
    >("SELECT card_hash, qr_hash, presence_expires_at FROM members WHERE member_id = 'M1'")
    .get();

describe('lookupMemberOnline', () => {
  it('asks by POST body, caches the member with the presented credential and a sealed ticket', async () => {
    // A hostile or broken answer: an expiry years away and credentials of somebody else.
    const answer = {
      member: { ...visitor, cardNo: '6280000000099992', qrToken: 'MBR1.ZZZZZZZZZZZZZZZZZZZZ' },
      presence: { ticket: TICKET, expiresAt: '2199-01-01T00:00:00Z' },
    };
    const { client, asked } = clientAnswering(answer);
    const found = await ask(client, { qrToken: QR });
    expect(found).toMatchObject({ ok: true, value: { cached: true, member: { points: 470 } } });
    expect(found.ok && found.value && 'qrToken' in found.value.member).toBe(false);
    expect(asked).toEqual([{ method: 'POST', path: '/v1/members/lookup', body: { qrToken: QR } }]);

    // the hash of what was presented here, never what the answer claimed
    expect(row()?.qr_hash).toEqual(qrHash(k.key, QR));
    expect(row()?.card_hash).toBeNull();
    // the ticket: sealed (not in clear), valid 12 h at most whatever the answer said
    expect(row()?.presence_expires_at).toBe('2026-11-24T20:00:00.000Z');
    const sealed = presenceFor(k.db, 'M1', NOW);
    expect(sealed?.includes(Buffer.from(TICKET))).toBe(false);
    expect(openPresence(k.key, 'M1', sealed ?? Buffer.alloc(0))).toBe(TICKET);
    expect(presenceFor(k.db, 'M1', new Date('2026-11-24T20:00:01Z'))).toBeNull();

    // a later look-up by card adds the card and keeps the QR hash
    await ask(clientAnswering(answer).client, { cardNo: CARD });
    expect(row()?.card_hash).toEqual(cardHash(k.key, CARD));
    expect(row()?.qr_hash).toEqual(qrHash(k.key, QR));
  });

  it('answers null for an unknown member, and for what cannot be a credential without asking', async () => {
    const cloud = scriptedCloud();
    const asked: unknown[] = [];
    cloud.lookupMember = (_t, by) => (asked.push(by), Promise.resolve({ ok: true, value: null }));
    const deps = { db: k.db, key: k.key, client: cloud, token: 't' };
    expect(await lookupMemberOnline(deps, { cardNo: CARD })).toEqual({ ok: true, value: null });
    expect(await lookupMemberOnline(deps, { qrToken: 'MBR1.NOTCACHED0000000001' })).toEqual({
      ok: true,
      value: null,
    });
    expect(asked).toEqual([{ cardNo: CARD }]);
  });

  it('refuses an answer without a valid ticket as a bad answer, caching nothing', async () => {
    const { client } = clientAnswering({
      member: visitor,
      presence: { ticket: 'x', expiresAt: '' },
    });
    const found = await ask(client, { cardNo: CARD });
    expect(found).toMatchObject({
      ok: false,
      error: { kind: 'bad-answer', message: expect.stringMatching(/protocol: ✖ .*→ at presence/) },
    });
    expect(row()).toBeUndefined();
  });
});
