/**
 * Seals the kiosk's data key with Electron's safeStorage (DPAPI on Windows, the keyring on Linux),
 * so the key file alone is useless off this PC. Where safeStorage has no OS backend, the host keeps
 * its 0600 key file instead of pretending to seal.
 */
import type { KeySealer } from '../host/app';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export function safeStorageSealer(safeStorage: SafeStorageLike): KeySealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    id: 'electron-safe-storage',
    seal: (bytes) => safeStorage.encryptString(bytes.toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
