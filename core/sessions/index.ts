export {
  endSession,
  expireIdle,
  getSession,
  identify,
  SESSION_KINDS,
  startSession,
  type Session,
  type SessionKind,
  type SessionRefusal,
  type SessionResult,
  type StartSessionInput,
} from './sessions';
export {
  recordTryOn,
  TRYON_OUTCOMES,
  TRYON_REASONS,
  type TryOn,
  type TryOnInput,
  type TryOnOutcome,
  type TryOnReason,
} from './tryons';
export {
  preferencesOf,
  setPreference,
  type PreferenceInput,
  type PreferenceResult,
  type PreferenceValue,
} from './preferences';
export { purgeRetention, type PurgeReport, type RetentionPolicy } from './retention';
export { markPhotoSent, readPhoto, savePhoto, type PhotoInput } from './photos';
export {
  deleteUnsentPhotos,
  discardPhoto,
  requestPhotoSend,
  type PhotoSendInput,
} from './photo-sending';
