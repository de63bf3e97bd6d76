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
import type { ScreenCore } from './screen-service';

/** JPEG bytes from base64, or null for anything else (a photo is never anything but a JPEG). */
export function jpegFromBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 4 || bytes.length > maxPhotoJpegBytes) return null;
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? bytes : null;
}

export function createPhotoActions(core: ScreenCore) {
  const { db, config, key } = core.options;
  const mirrorVisit = () => config.role === 'mirror' && core.visit.sessionId !== null;

  return {
    /** The consent screen's answer; a "no" also deletes any photo not asked to be sent. */
    consent(granted: boolean): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      if (!mirrorVisit()) return core.changed();
      core.visit.photoConsentAt = granted ? core.now() : null;
      if (!granted) deleteUnsent(core.visit.sessionId);
      return core.changed();
    },
    take(imageBase64: string): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      core.visit.notice = null;
      const sessionId = core.visit.sessionId;
      const consentedAt = core.visit.photoConsentAt;
      const image = jpegFromBase64(imageBase64);
      if (!mirrorVisit() || !sessionId || !consentedAt || !image) {
        core.notify('invalid');
        return core.changed();
      }
      const saved = savePhoto(db, key, { sessionId, image, consentedAt, now: core.now() });
      if (saved.ok) core.visit.photos.push({ photoId: saved.value.photoId, send: false });
      else core.notify('invalid');
      return core.changed();
    },
    /** "Send to my account": needs the member signed in; the upload itself is the sync's job. */
    send(photoId: string): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      const photo = core.visit.photos.find((p) => p.photoId === photoId);
      const member = core.visit.member;
      if (!photo || photo.send) return core.changed();
      if (!member) {
        core.notify('needs-member');
        return core.changed();
      }
      const sessionId = core.visit.sessionId;
      if (!sessionId) return core.changed();
      requestPhotoSend(db, {
        photoId,
        sessionId,
        memberId: member.memberId,
        now: core.now(),
        hlc: core.stamp,
      });
      photo.send = true;
      return core.changed();
    },
    discard(photoId: string): SessionView {
      core.visit.lastActivityMs = core.now().getTime();
      const photo = core.visit.photos.find((p) => p.photoId === photoId);
      if (photo && !photo.send) {
        discardPhoto(db, photoId);
        core.visit.photos = core.visit.photos.filter((p) => p !== photo);
      }
      return core.changed();
    },
    /** At the end of a visit: photos nobody asked to send are gone. */
    wipe(sessionId: string | null): void {
      deleteUnsent(sessionId);
    },
  };

  function deleteUnsent(sessionId: string | null): void {
    if (!sessionId) return;
    deleteUnsentPhotos(db, sessionId);
    core.visit.photos = core.visit.photos.filter((p) => p.send);
  }
}
