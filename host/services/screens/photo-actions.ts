/**
 * The optional try-on photo at the mirror: only after the shopper consents on a screen of its own;
 * stored only encrypted (core/sessions `savePhoto`); sent to the member account only when the
 * signed-in shopper asks (a `recordConsent` of kind 'photo' and an `attachPhoto` in the outbox,
 * the photo marked to send); every photo not asked for is deleted when the visit ends.
 */
import { maxPhotoJpegBytes } from '../../../bridge/areas/mirror';
import type { SessionView } from '../../../bridge/views';
import {
  deleteUnsentPhotos,
  discardPhoto,
  requestPhotoSend,
  savePhoto,
} from '../../../core/sessions';
import type { DataKey } from '../../../core/crypto/data-key';
import type { WritableDB } from '../../../core/store/db';
import type { Visit } from './visit';

/** JPEG bytes from base64, or null for anything else (a photo is never anything but a JPEG). */
export function jpegFromBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 4 || bytes.length > maxPhotoJpegBytes) return null;
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? bytes : null;
}

export interface PhotoActionDeps {
  visit: Visit;
  db: WritableDB;
  key: DataKey;
  role: SessionView['role'];
  now(): Date;
  stamp(): string;
  changed(): SessionView;
}

export function createPhotoActions(deps: PhotoActionDeps) {
  const { visit, db } = deps;
  const mirrorVisit = () => deps.role === 'mirror' && visit.state.sessionId !== null;

  return {
    /** The consent screen's answer; a "no" also deletes any photo not asked to be sent. */
    consent(granted: boolean): SessionView {
      visit.touch();
      const sessionId = visit.state.sessionId;
      if (!mirrorVisit() || !sessionId) return deps.changed();
      visit.setPhotoConsent(granted ? deps.now() : null);
      if (!granted) {
        deleteUnsentPhotos(db, sessionId);
        visit.keepPhotosToSend();
      }
      return deps.changed();
    },
    take(imageBase64: string): SessionView {
      visit.begin();
      const { sessionId, photoConsentAt: consentedAt } = visit.state;
      const image = jpegFromBase64(imageBase64);
      if (!mirrorVisit() || !sessionId || !consentedAt || !image) {
        visit.notify('invalid');
        return deps.changed();
      }
      const saved = savePhoto(db, deps.key, { sessionId, image, consentedAt, now: deps.now() });
      if (saved.ok) visit.addPhoto(saved.value.photoId);
      else visit.notify('invalid');
      return deps.changed();
    },
    /** "Send to my account": needs the member signed in; the upload itself is the sync's job. */
    send(photoId: string): SessionView {
      visit.touch();
      const { photos, member, sessionId } = visit.state;
      const photo = photos.find((p) => p.photoId === photoId);
      if (!photo || photo.send || !sessionId) return deps.changed();
      if (!member) {
        visit.notify('needs-member');
        return deps.changed();
      }
      requestPhotoSend(db, {
        photoId,
        sessionId,
        memberId: member.memberId,
        now: deps.now(),
        hlc: deps.stamp,
      });
      visit.markPhotoSending(photoId);
      return deps.changed();
    },
    discard(photoId: string): SessionView {
      visit.touch();
      const photo = visit.state.photos.find((p) => p.photoId === photoId);
      if (photo && !photo.send) {
        discardPhoto(db, photoId);
        visit.removePhoto(photoId);
      }
      return deps.changed();
    },
  };
}
