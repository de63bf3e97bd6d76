import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { DataKey } from '../crypto/data-key';

import { markPhotoSent, readPhoto, savePhoto } from './photos';
import { purgeRetention } from './retention';
import { endSession, startSession } from './sessions';
import { openTestDb, type TestDb } from '../../test/support/db';

const key = DataKey.generate();
const t0 = new Date('2026-11-24T08:00:00.000Z');
let db: TestDb;
beforeEach(() => (db = openTestDb()));
afterEach(() => db.close());

it('stores a consented photo encrypted, reads it back, and keeps it once sent', () => {
  const image = Buffer.concat([
    Buffer.from('\xff\xd8JPEG-MARKER-1234', 'latin1'),
    Buffer.alloc(100, 7),
  ]);
  const session = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
  const saved = savePhoto(db, key, {
    sessionId: session.sessionId,
    image,
    consentedAt: t0,
    now: t0,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  expect(readPhoto(db, key, saved.value.photoId)?.equals(image)).toBe(true);
  expect(readPhoto(db, DataKey.generate(), saved.value.photoId)).toBeNull();
  db.raw.pragma('wal_checkpoint(TRUNCATE)');
  expect(readFileSync(db.file).includes(Buffer.from('JPEG-MARKER-1234'))).toBe(false);

  expect(markPhotoSent(db, saved.value.photoId, t0)).toBe(true);
  expect(markPhotoSent(db, saved.value.photoId, t0)).toBe(false);
  const later = new Date(t0.getTime() + 48 * 3_600_000);
  expect(purgeRetention(db, later, { anonymousSessionDays: 30, unsentPhotoHours: 24 }).photos).toBe(
    0,
  );
});

it('refuses a photo for an ended session or one that is too large', () => {
  const session = startSession(db, { kind: 'mirror', storeId: 'S001', now: t0 });
  expect(
    savePhoto(db, key, {
      sessionId: session.sessionId,
      image: Buffer.alloc(9 * 1024 * 1024),
      consentedAt: t0,
      now: t0,
    }),
  ).toMatchObject({ ok: false, error: { code: 'too-large' } });
  endSession(db, session.sessionId, t0);
  expect(
    savePhoto(db, key, {
      sessionId: session.sessionId,
      image: Buffer.of(1),
      consentedAt: t0,
      now: t0,
    }),
  ).toMatchObject({ ok: false, error: { code: 'session-ended' } });
  expect(db.raw.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 0 });
});
