import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, enrollDevice, env, push, startCloud, type Cloud } from './harness';

const jpeg = (bytes: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);
const attach = (photoId: string, body: Buffer | string, memberId = 'M000015') => ({
  photoId,
  memberId,
  jpeg: typeof body === 'string' ? body : body.toString('base64'),
  takenAt: '2026-11-20T09:00:00Z',
});

describe.each(DB_KINDS)('attachPhoto on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  it('stores the JPEG on the member once per photo id, and refuses what is not a usable photo', async () => {
    const dev = await enrollDevice(cloud);
    const photo = jpeg(2 * 1024 * 1024);
    const res = await push(cloud, dev, '1', [
      env(1, 'attachPhoto', attach('PH-1', photo)),
      env(2, 'attachPhoto', attach('PH-1', photo)), // the same photo under another key
      env(3, 'attachPhoto', attach('PH-2', Buffer.from('GIF89a-not-a-jpeg'))),
      env(4, 'attachPhoto', attach('PH-3', jpeg(1000), 'M-nobody')),
      env(5, 'attachPhoto', attach('PH-4', 'A'.repeat(4 * 1024 * 1024 + 4))),
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results as {
      status: string;
      result?: unknown;
      error?: { code: string };
    }[];
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual([
      'applied',
      'applied',
      'invalid-args',
      'member-not-found',
      'invalid-args',
    ]);
    expect(results[0]?.result).toMatchObject({
      photoId: 'PH-1',
      memberId: 'M000015',
      bytes: photo.length,
    });
    const { rows } = await cloud.db.query<{
      photo_id: string;
      member_id: string;
      n: number;
      same: boolean;
    }>(
      `SELECT photo_id, member_id, length(jpeg)::int AS n, jpeg = decode($1, 'base64') AS same
       FROM member_photos ORDER BY photo_id`,
      [photo.toString('base64')],
    );
    expect(rows).toEqual([{ photo_id: 'PH-1', member_id: 'M000015', n: photo.length, same: true }]);
  });
});
