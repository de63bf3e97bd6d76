import { describe, expect, it } from 'vitest';
import { readPhoto } from '../../../core/sessions';

import { useDemoScreens, scanBytes } from './screen-test-support';
import { jpegFromBase64 } from './photo-actions';

const demo = useDemoScreens();
const { db } = demo;

const bytes = scanBytes;
const mirror = () => demo.service('mirror').s;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('SECRET-PIXELS')]);
const photoCount = () => demo.count('SELECT count(*) FROM photos');

describe('try-on photos', () => {
  it('accepts only JPEG bytes', () => {
    expect(jpegFromBase64(jpeg.toString('base64'))).toEqual(jpeg);
    expect(jpegFromBase64(Buffer.from('GIF89a').toString('base64'))).toBeNull();
    expect(jpegFromBase64('not base64!')).toBeNull();
  });

  it('needs consent, stores encrypted, sends only on request, and wipes the rest at the end', () => {
    const s = mirror();
    s.handleScan(bytes('6970001000016'));
    const before = photoCount();
    expect(s.photos.take(jpeg.toString('base64')).notice?.key).toBe('invalid'); // no consent yet
    expect(photoCount()).toBe(before);
    expect(s.photos.consent(true).photo.consented).toBe(true);
    const first = s.photos.take(jpeg.toString('base64')).photo.photos[0]!;
    const second = s.photos.take(jpeg.toString('base64')).photo.photos[1]!;
    expect(photoCount()).toBe(before + 2);
    const stored = db.raw
      .prepare('SELECT image_enc FROM photos WHERE photo_id = ?')
      .get(first.photoId) as { image_enc: Buffer };
    expect(stored.image_enc.toString('latin1')).not.toContain('SECRET');
    expect(readPhoto(db, demo.key, first.photoId)).toEqual(jpeg);

    expect(s.photos.send(first.photoId).notice?.key).toBe('needs-member');
    s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP'));
    expect(s.photos.send(first.photoId).photo.photos[0]).toEqual({
      photoId: first.photoId,
      send: true,
    });
    expect(
      db.raw
        .prepare(
          "SELECT count(*) AS n FROM outbox WHERE mutation = 'recordConsent' AND args LIKE '%photo%'",
        )
        .get(),
    ).toEqual({ n: 1 });
    // the upload itself: a reference to the photo (its bytes are attached when the row is sent)
    const attach = db.raw
      .prepare("SELECT idempotency_key AS key, args FROM outbox WHERE mutation = 'attachPhoto'")
      .all() as { key: string; args: string }[];
    expect(attach.map((a) => a.key)).toEqual([`attachPhoto:${first.photoId}`]);
    expect(JSON.parse(attach[0]?.args ?? '{}')).toMatchObject({ photoId: first.photoId });
    expect(attach[0]?.args).not.toContain('jpeg');
    expect(s.photos.discard(second.photoId).photo.photos).toHaveLength(1);
    s.photos.take(jpeg.toString('base64'));
    s.end();
    expect(photoCount()).toBe(before + 1); // only the one asked to be sent
    expect(readPhoto(db, demo.key, first.photoId)).toEqual(jpeg);
    expect(s.current().photo).toEqual({ consented: false, photos: [] });
    s.close();
  });
});
