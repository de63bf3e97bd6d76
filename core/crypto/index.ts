export { DataKey, DATA_KEY_BYTES, InvalidKeyError, type KeyPurpose } from './data-key';
export {
  decryptField,
  DecryptError,
  encryptField,
  lookupHash,
  type FieldAad,
  type LookupKind,
} from './field-crypto';
export {
  fileKeyStore,
  fileModeSealer,
  KeyStoreError,
  type KeySealer,
  type KeyStore,
  type KeyStoreErrorCode,
} from './key-store';
export { hashPin, verifyPin, verifyPinSync, type PinHash } from './pin-hash';
export { checkDataKey, type KeyCheckResult } from './key-check';
