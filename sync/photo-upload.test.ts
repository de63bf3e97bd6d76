import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../core/outbox/outbox';
import { savePhoto } from '../core/sessions';
import { pushOnce } from './push';
import { queue, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
const now = new Date('2026-11-24T09:00:00Z');
const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

beforeEach(() => {
  k = testKiosk();
  k.db.exec(`INSERT INTO sessions (session_id, kind, store_id, started_at, last_activity_at)
    VALUES ('V-1', 'mirror', 'S001', 't', 't')`);
});
afterEach(() => k.remove());

function photoRow(i: number): string {
  const saved = savePhoto(k.db, k.key, { sessionId: 'V-1', image, consentedAt: now, now });
  if (!saved.ok) throw new Error(saved.error.message);
  const photoId = saved.value.photoId;
  k.db.transaction(() =>
    enqueue(k.db, {
      name: 'attachPhoto',
      version: 1,
      idempotencyKey: `attachPhoto:${photoId}`,
      args: { photoId, memberId: 'M1', takenAt: now.toISOString() },
      hlc: `000001764000000000-000${i}-kiosk`,
    }),
  );
  return photoId;
}

describe('attachPhoto rows', () => {
  it('carry the photo bytes on the wire, at most two per request, and the acknowledged copies go', async () => {
    queue(k.db, 1);
    const ids = [photoRow(1), photoRow(2), photoRow(3)];
    queue(k.db, 1);
    const cloud = scriptedCloud({
      push: (req) => ({
        ok: true,
        value: {
          epoch: req.epoch,
          lastSeq: req.mutations.at(-1)?.seq ?? 0,
          results: req.mutations.map((m) => {
            const a = m.args as { photoId?: string };
            return {
              seq: m.seq,
              key: m.key,
              status: 'applied' as const,
              result: a.photoId
                ? { photoId: a.photoId, memberId: 'M1', bytes: 8, sha256: 'x' }
                : null,
            };
          }),
        },
      }),
    });
    const deps = { db: k.db, client: cloud, token: 't', deviceId: 'd', now: () => now, key: k.key };
    while ((await pushOnce(deps)).kind !== 'idle');
    expect(cloud.pushes.map((p) => p.mutations.map((m) => m.name))).toEqual([
      ['logTryOn', 'attachPhoto', 'attachPhoto'],
      ['attachPhoto', 'logTryOn'],
    ]);
    const sent = cloud.pushes.flatMap((p) => p.mutations).filter((m) => m.name === 'attachPhoto');
    expect(sent.map((m) => (m.args as { jpeg: string }).jpeg)).toEqual(
      ids.map(() => image.toString('base64')),
    );
    expect(k.db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 0 });
  });
});
