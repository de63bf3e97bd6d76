/**
 * The data key protecting member personal data at rest: 32 random bytes, never stored in clear
 * beside the database (see key-store.ts). Purpose-specific sub-keys are derived with HKDF so the
 * encryption key, the look-up HMAC key and the PIN pepper are independent of one another.
 */
import { hkdfSync, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export class InvalidKeyError extends Error {
  readonly code = 'invalid-key';
}

export type KeyPurpose = 'field-encryption' | 'lookup-hmac' | 'pin-pepper';

export class DataKey {
  readonly #material: Buffer;
  readonly #derived = new Map<KeyPurpose, Buffer>();

  private constructor(material: Buffer) {
    this.#material = material;
  }

  /** A fresh random key (for a new kiosk). */
  static generate(): DataKey {
    return new DataKey(randomBytes(DATA_KEY_BYTES));
  }

  /** Wraps key bytes read back from a key store; refuses anything but exactly 32 bytes. */
  static fromBytes(bytes: Uint8Array): DataKey {
    if (bytes.length !== DATA_KEY_BYTES)
      throw new InvalidKeyError(`a data key is ${DATA_KEY_BYTES} bytes, got ${bytes.length}`);
    return new DataKey(Buffer.from(bytes));
  }

  /** The raw bytes, only for sealing into a key store. */
  exportBytes(): Buffer {
    return Buffer.from(this.#material);
  }

  /** A 32-byte sub-key for one purpose; stable for the life of the key. */
  subKey(purpose: KeyPurpose): Buffer {
    let key = this.#derived.get(purpose);
    if (!key) {
      key = Buffer.from(
        hkdfSync('sha256', this.#material, Buffer.alloc(0), `seed-kiosk/${purpose}/v1`, 32),
      );
      this.#derived.set(purpose, key);
    }
    return key;
  }

  /** Keeps key bytes out of logs and JSON. */
  toJSON(): string {
    return '[DataKey]';
  }
}
