/**
 * Where the data key lives: `<dataDir>/keys/data.key`, in a 0700 folder, the file 0600, holding the
 * key sealed by a `KeySealer`. The web shell's sealer is the identity (the file mode is the
 * protection); the Electron shell passes a sealer backed by safeStorage (OS keychain / DPAPI), so a
 * copied key file is useless on another machine. The file records which sealer wrote it, so a key
 * is never silently replaced by a new one when the shell changes.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DataKey } from './data-key';

/** Seals the key bytes for storage; `unseal(seal(b))` must give `b` back. */
export interface KeySealer {
  /** Stable name written into the key file, e.g. 'file' or 'electron-safe-storage'. */
  readonly id: string;
  seal(bytes: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

export interface KeyStore {
  readonly path: string;
  /** The kiosk's data key: read from the key file, or created (once, exclusively) when absent. */
  loadOrCreate(): DataKey;
}

export type KeyStoreErrorCode = 'key-file-insecure' | 'key-file-corrupt' | 'key-sealer-mismatch';

export class KeyStoreError extends Error {
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The web shell's sealer: the key is stored as is, protected by the 0600 file mode. */
export const fileModeSealer: KeySealer = {
  id: 'file',
  seal: (bytes) => Buffer.from(bytes),
  unseal: (sealed) => Buffer.from(sealed),
};

const MAGIC = Buffer.from('SKDK1\n', 'latin1');

function encode(sealerId: string, sealed: Buffer): Buffer {
  const id = Buffer.from(`${sealerId}\n`, 'utf8');
  return Buffer.concat([MAGIC, id, sealed]);
}

function decode(path: string, bytes: Buffer): { sealerId: string; sealed: Buffer } {
  const corrupt = () => new KeyStoreError('key-file-corrupt', `${path} is not a kiosk key file`);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt();
  const end = bytes.indexOf(0x0a, MAGIC.length);
  if (end < 0) throw corrupt();
  return {
    sealerId: bytes.subarray(MAGIC.length, end).toString('utf8'),
    sealed: bytes.subarray(end + 1),
  };
}

export function fileKeyStore(dataDir: string, sealer: KeySealer = fileModeSealer): KeyStore {
  const dir = join(dataDir, 'keys');
  const path = join(dir, 'data.key');

  const read = (): DataKey => {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0)
      throw new KeyStoreError(
        'key-file-insecure',
        `${path} has mode ${mode.toString(8)}; it must not be readable by group or others (chmod 600)`,
      );
    const { sealerId, sealed } = decode(path, readFileSync(path));
    if (sealerId !== sealer.id)
      throw new KeyStoreError(
        'key-sealer-mismatch',
        `${path} was sealed by "${sealerId}", this shell unseals with "${sealer.id}"`,
      );
    try {
      return DataKey.fromBytes(sealer.unseal(sealed));
    } catch (error) {
      throw new KeyStoreError(
        'key-file-corrupt',
        `${path} could not be unsealed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const create = (): DataKey | null => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = DataKey.generate();
    let fd: number;
    try {
      // 'wx': two processes starting at once cannot both create a key; the loser reads the winner's.
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw error;
    }
    try {
      writeSync(fd, encode(sealer.id, sealer.seal(key.exportBytes())));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return key;
  };

  return {
    path,
    loadOrCreate() {
      let exists = true;
      try {
        statSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        exists = false;
      }
      return (exists ? null : create()) ?? read();
    },
  };
}
