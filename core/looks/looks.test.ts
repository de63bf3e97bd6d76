/**
 * The look's phone link on the kiosk: one random 22-character token per visit, 7 days, each new
 * set of garments queued as `shareLook` (valid against the protocol) in the same transaction,
 * nothing personal in it; the same garments again queue nothing. (The args are checked against the
 * protocol's ShareLookV1 by host/services/screens/outbox-contract.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { lookLinkOf, lookPageUrl, newLookToken, shareLook } from './looks';

let db: TestDb;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.close());

const now = new Date('2026-12-05T02:00:00Z');
const queued = () =>
  db
    .prepare<[], { args: string }>(
      "SELECT args FROM outbox WHERE mutation = 'shareLook' ORDER BY seq",
    )
    .all()
    .map((r) => JSON.parse(r.args) as Record<string, unknown>);

describe('look links', () => {
  it('makes unguessable tokens', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newLookToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives a visit one link for 7 days and queues each new look', () => {
    const first = shareLook(db, { sessionId: 'S1', skus: ['DRE001-WHT-S'], now, hlc: 'h1' });
    const second = shareLook(db, {
      sessionId: 'S1',
      skus: ['DRE001-WHT-M', 'DRE001-WHT-S'],
      now,
      hlc: 'h2',
    });
    shareLook(db, { sessionId: 'S1', skus: ['DRE001-WHT-M', 'DRE001-WHT-S'], now, hlc: 'h3' });
    expect(second.token).toBe(first.token);
    expect(first.expiresAt).toBe('2026-12-12T02:00:00.000Z');
    expect(lookLinkOf(db, 'S1')).toEqual({ ...second, revision: 2 });
    const looks = queued();
    expect(looks.map((a) => a.revision)).toEqual([1, 2]);
    expect(Object.keys(looks[0] ?? {}).sort()).toEqual(['expiresAt', 'revision', 'skus', 'token']);
    expect(shareLook(db, { sessionId: 'S2', skus: ['X'], now, hlc: 'h4' }).token).not.toBe(
      first.token,
    );
  });

  it('links to the phone page on the cloud, marking the garment', () => {
    expect(
      lookPageUrl('https://cloud.example.com/', 'AbCdEfGhIjKlMnOpQrStUv', 'DRE001-WHT-S'),
    ).toBe('https://cloud.example.com/m/AbCdEfGhIjKlMnOpQrStUv?g=DRE001-WHT-S');
  });
});
