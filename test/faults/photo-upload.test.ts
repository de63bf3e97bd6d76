/**
 * "Send this photo to my account": the JPEG (encrypted at rest on the kiosk) reaches the member's
 * account in the cloud through `attachPhoto`, at most two photos per request, and the kiosk's copy
 * is deleted once the cloud has stored it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../core/outbox/outbox';
import { savePhoto } from '../../core/sessions';

import { check } from './support/checker';

import { enrolledKiosk } from './support/in-process';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();
const dir = env.newDir('kiosk-photo-');

const jpeg = (bytes: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);

describe('photo upload', () => {
  it('sends the bytes on request, stores them on the member, and deletes the local copy', async () => {
    const k = await enrolledKiosk(dir, env.cloud);
    try {
      expect((await k.sync()).ok).toBe(true); // members of S001 cached
      const now = new Date();
      k.db
        .prepare(
          `INSERT INTO sessions (session_id, kind, store_id, member_id, started_at, last_activity_at)
           VALUES ('V-1', 'mirror', 'S001', NULL, ?, ?)`,
        )
        .run(now.toISOString(), now.toISOString());
      const images = [jpeg(2_900_000), jpeg(1_500_000), jpeg(800_000)];
      const ids = images.map((image) => {
        const saved = savePhoto(k.db, k.key, { sessionId: 'V-1', image, consentedAt: now, now });
        if (!saved.ok) throw new Error(saved.error.message);
        return saved.value.photoId;
      });
      // As photo-actions.send does it: mark the photo, queue the upload (a reference only).
      k.db.transaction(() => {
        for (const [i, photoId] of ids.entries()) {
          k.db
            .prepare('UPDATE photos SET send_requested_at = ?, member_id = ? WHERE photo_id = ?')
            .run(now.toISOString(), 'M000013', photoId);
          enqueue(k.db, {
            name: 'attachPhoto',
            version: 1,
            idempotencyKey: `attachPhoto:${photoId}`,
            args: { photoId, memberId: 'M000013', takenAt: now.toISOString() },
            hlc: `${String(now.getTime()).padStart(18, '0')}-000${i}-kiosk`,
          });
        }
      });
      const outboxBytes = k.db
        .prepare<[], { n: number }>(
          "SELECT sum(length(args)) AS n FROM outbox WHERE mutation = 'attachPhoto'",
        )
        .get()?.n;
      expect(outboxBytes).toBeLessThan(1000); // the outbox holds no copy of the photos

      expect(await k.sync({ pushOnly: true })).toMatchObject({ ok: true, pushed: 3 });
      const stored = await env.cloud.query<{ photo_id: string; member_id: string; sha256: string }>(
        'SELECT photo_id, member_id, sha256 FROM member_photos WHERE photo_id = ANY($1::text[]) ORDER BY taken_at, photo_id',
        [ids],
      );
      expect(new Map(stored.map((s) => [s.photo_id, s.sha256]))).toEqual(
        new Map(
          ids.map((id, i) => [
            id,
            createHash('sha256')
              .update(images[i] as Buffer)
              .digest('hex'),
          ]),
        ),
      );
      expect(stored.every((s) => s.member_id === 'M000013')).toBe(true);
      expect(k.db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 0 });
      expect(await check(env.cloud, [k.db])).toEqual([]);
    } finally {
      k.close();
    }
  }, 120_000);
});
