import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DataKey } from '../crypto/data-key';
import { allStoreFiles } from '../import/store-files';
import { historyFiles } from '../import/history-files';

import { preferencesOf, setPreference } from './preferences';
import { purgeRetention } from './retention';
import { endSession, expireIdle, getSession, identify, startSession } from './sessions';
import { recordTryOn } from './tryons';
import { openTestDb, count, type TestDb } from '../../test/support/db';

const key = DataKey.generate();
const t0 = new Date('2026-11-24T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const hlc = (n: number) => `${String(1764000000000 + n).padStart(18, '0')}-0000-kiosk-1`;
let db: TestDb;
let consenting = '';
let notConsenting = '';
const outbox = () =>
  (
    db.raw.prepare('SELECT mutation, args, seq FROM outbox ORDER BY seq').all() as {
      mutation: string;
      args: string;
      seq: number;
    }[]
  ).map((r) => ({ ...r, args: JSON.parse(r.args) as Record<string, unknown> }));

beforeEach(() => {
  db = openTestDb({ key, seed: { files: allStoreFiles.filter((s) => !historyFiles.includes(s)) } });
  const pick = (flag: number) =>
    String(
      db.raw
        .prepare('SELECT member_id FROM members WHERE consent_profile = ? LIMIT 1')
        .pluck()
        .get(flag),
    );
  consenting = pick(1);
  notConsenting = pick(0);
});
afterEach(() => db.close());

describe('sessions', () => {
  it('start anonymous, identify a member, end; refusals are typed', () => {
    const session = db.transaction(() =>
      startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 }),
    );
    expect(session).toMatchObject({ kind: 'mirror', memberId: null, endedAt: null });
    expect(identify(db, session.sessionId, 'M404', at(1))).toMatchObject({
      ok: false,
      error: { code: 'unknown-member' },
    });
    expect(identify(db, 'nope', consenting, at(1))).toMatchObject({
      ok: false,
      error: { code: 'unknown-session' },
    });
    expect(identify(db, session.sessionId, consenting, at(2))).toMatchObject({
      ok: true,
      value: { memberId: consenting },
    });
    expect(endSession(db, session.sessionId, at(3))).toMatchObject({
      ok: true,
      value: { endReason: 'ended' },
    });
    expect(endSession(db, session.sessionId, at(4))).toMatchObject({
      ok: false,
      error: { code: 'session-ended' },
    });
    expect(getSession(db, session.sessionId)).toMatchObject({
      memberId: consenting,
      endedAt: at(3).toISOString(),
    });
  });

  it('refuses an unknown session kind at the database', () => {
    expect(() =>
      startSession(db, { kind: 'kiosk' as unknown as 'mirror', storeId: 'S001', now: t0 }),
    ).toThrow(/CHECK/);
  });

  it('expires sessions idle for the given time, and only those', () => {
    const idle = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
    const busy = startSession(db, { kind: 'checkout', storeId: 'S001', now: t0 });
    recordTryOn(db, {
      sessionId: busy.sessionId,
      sku: 'DRE001-WHT-XS',
      outcome: 'liked',
      now: at(90_000),
      hlc: hlc(1),
    });
    expect(expireIdle(db, at(120_000), 120_000)).toEqual([idle.sessionId]);
    expect(getSession(db, idle.sessionId)).toMatchObject({
      endReason: 'idle',
      endedAt: at(120_000).toISOString(),
    });
    expect(expireIdle(db, at(120_000), 120_000)).toEqual([]);
    expect(
      recordTryOn(db, {
        sessionId: idle.sessionId,
        sku: 'X',
        outcome: 'liked',
        now: at(130_000),
        hlc: hlc(2),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'session-ended' },
    });
  });
});

describe('recordTryOn', () => {
  it('writes the try-on and its logTryOn outbox row together; anonymous sessions name no member', () => {
    const session = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
    const result = recordTryOn(db, {
      sessionId: session.sessionId,
      sku: 'DRE001-WHT-XS',
      outcome: 'size-swap',
      reason: 'too-small',
      now: at(1000),
      hlc: hlc(1),
    });
    expect(result).toMatchObject({
      ok: true,
      value: { outcome: 'size-swap', reason: 'too-small' },
    });
    expect(outbox()).toEqual([
      expect.objectContaining({
        mutation: 'logTryOn',
        seq: 1,
        args: expect.objectContaining({ sku: 'DRE001-WHT-XS', memberId: null, storeId: 'S001' }),
      }),
    ]);
    expect(getSession(db, session.sessionId)?.lastActivityAt).toBe(at(1000).toISOString());
  });

  it('names the member only when the member consented to a profile', () => {
    for (const member of [consenting, notConsenting]) {
      const s = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
      identify(db, s.sessionId, member, t0);
      recordTryOn(db, {
        sessionId: s.sessionId,
        sku: 'DRE001-WHT-XS',
        outcome: 'liked',
        now: t0,
        hlc: hlc(1),
      });
    }
    expect(outbox().map((r) => r.args.memberId)).toEqual([consenting, null]);
  });

  it('writes nothing when the outcome is not one of the four (the outbox row rolls back too)', () => {
    const s = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
    expect(() =>
      recordTryOn(db, {
        sessionId: s.sessionId,
        sku: 'X',
        outcome: 'maybe' as unknown as 'liked',
        now: t0,
        hlc: hlc(1),
      }),
    ).toThrow(/CHECK/);
    expect(count(db, 'SELECT count(*) AS n FROM tryons')).toBe(0);
    expect(outbox()).toEqual([]);
  });
});

describe('setPreference', () => {
  it('last writer wins by HLC; an older stamp is ignored and not queued', () => {
    const base = { memberId: consenting, key: 'size.top', now: t0 };
    expect(setPreference(db, { ...base, value: 'M', hlc: hlc(2) })).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(setPreference(db, { ...base, value: 'S', hlc: hlc(1) })).toEqual({
      ok: true,
      value: { applied: false },
    });
    expect(preferencesOf(db, consenting)).toEqual({ 'size.top': 'M' });
    expect(setPreference(db, { ...base, value: 'L', hlc: hlc(3) })).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(preferencesOf(db, consenting)).toEqual({ 'size.top': 'L' });
    expect(outbox().map((r) => [r.mutation, r.args.value])).toEqual([
      ['setPreference', 'M'],
      ['setPreference', 'L'],
    ]);
  });

  it('refuses a member without profile consent, an unknown member and a bad key', () => {
    const base = { value: ['minimalist'], hlc: hlc(1), now: t0 };
    expect(
      setPreference(db, { ...base, memberId: notConsenting, key: 'styles.liked' }),
    ).toMatchObject({ error: { code: 'no-consent' } });
    expect(setPreference(db, { ...base, memberId: 'M404', key: 'styles.liked' })).toMatchObject({
      error: { code: 'unknown-member' },
    });
    expect(setPreference(db, { ...base, memberId: consenting, key: 'DROP TABLE' })).toMatchObject({
      error: { code: 'invalid-key' },
    });
    expect(count(db, 'SELECT count(*) AS n FROM preferences')).toBe(0);
    expect(outbox()).toEqual([]);
  });
});

describe('purgeRetention', () => {
  it('deletes old anonymous sessions with their try-ons and old unsent photos, nothing else', () => {
    const day = 86_400_000;
    const oldAnon = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
    recordTryOn(db, {
      sessionId: oldAnon.sessionId,
      sku: 'A',
      outcome: 'liked',
      now: t0,
      hlc: hlc(1),
    });
    endSession(db, oldAnon.sessionId, t0);
    const oldMember = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
    identify(db, oldMember.sessionId, consenting, t0);
    const newAnon = startSession(db, { kind: 'mirror', storeId: 'S001', now: at(29 * day) });
    // An anonymous visit's photo, consented at t0: made at `createdAt`, sent, asked to be sent.
    const photo = (
      id: string,
      createdAt: Date,
      sentAt: Date | null,
      sendRequestedAt: Date | null,
    ) =>
      db
        .prepare('INSERT INTO photos VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(
          id,
          newAnon.sessionId,
          null,
          Buffer.of(1),
          t0.toISOString(),
          createdAt.toISOString(),
          sentAt?.toISOString() ?? null,
          sendRequestedAt?.toISOString() ?? null,
        );
    photo('p-old', t0, null, null);
    photo('p-sent', t0, t0, null);
    photo('p-new', at(30 * day - 3_600_000), null, null);

    // Asked to be sent to the member's account: kept until its upload, however old.
    photo('p-queued', t0, null, t0);

    const report = purgeRetention(db, at(30 * day), {
      anonymousSessionDays: 7,
      unsentPhotoHours: 24,
    });
    expect(report).toEqual({ sessions: 1, tryons: 1, photos: 1 });
    expect(getSession(db, oldAnon.sessionId)).toBeNull();
    expect(getSession(db, oldMember.sessionId)).not.toBeNull();
    expect(getSession(db, newAnon.sessionId)).not.toBeNull();
    expect(
      (
        db.raw.prepare('SELECT photo_id FROM photos ORDER BY photo_id').all() as {
          photo_id: string;
        }[]
      ).map((p) => p.photo_id),
    ).toEqual(['p-new', 'p-queued', 'p-sent']);
    expect(
      purgeRetention(db, at(30 * day), { anonymousSessionDays: 7, unsentPhotoHours: 24 }),
    ).toEqual({
      sessions: 0,
      tryons: 0,
      photos: 0,
    });
    // The try-on already reached the outbox: purging local rows does not unsend it.
    expect(outbox()).toHaveLength(1);
  });
});
