import { describe, expect, it } from 'vitest';
import { safeStorageSealer } from './key-sealer';

/** Stands in for safeStorage with a reversible transform, as the OS keychain would. */
const reversible = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
};

describe('safeStorageSealer', () => {
  it('round-trips key bytes and never stores them in clear', () => {
    const sealer = safeStorageSealer(reversible);
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const sealed = sealer?.seal(key) ?? Buffer.alloc(0);
    expect(sealed.includes(key)).toBe(false);
    expect(sealer?.unseal(sealed)).toEqual(key);
    expect(sealer?.id).toBe('electron-safe-storage');
  });

  it('declines when the OS has no keychain, so the host keeps its 0600 key file', () => {
    expect(
      safeStorageSealer({ ...reversible, isEncryptionAvailable: () => false }),
    ).toBeUndefined();
  });
});
