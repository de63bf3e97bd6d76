import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { DataKey, InvalidKeyError } from './data-key';
import { decryptField, DecryptError, encryptField, lookupHash } from './field-crypto';
import { fileKeyStore, KeyStoreError, type KeySealer } from './key-store';
import { hashPin, verifyPin, verifyPinSync } from './pin-hash';

const key = DataKey.generate();
const aad = { table: 'members', column: 'name_enc', rowId: 'M000001' };

describe('encryptField / decryptField', () => {
  it('round-trips Chinese text and never shows it in the ciphertext', () => {
    const sealed = encryptField(key, '赵萍', aad);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + Buffer.byteLength('赵萍') + 16);
    expect(sealed.includes(Buffer.from('赵萍'))).toBe(false);
    expect(decryptField(key, sealed, aad)).toBe('赵萍');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptField(key, 'x', aad).equals(encryptField(key, 'x', aad))).toBe(false);
  });

  it('refuses a tampered ciphertext, tag or version with a typed error', () => {
    const sealed = encryptField(key, '赵萍', aad);
    for (const index of [0, 5, 14, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[index] = (bad[index] ?? 0) ^ 0x01;
      expect(() => decryptField(key, bad, aad)).toThrow(DecryptError);
    }
    expect(() => decryptField(key, sealed.subarray(0, 20), aad)).toThrow(DecryptError);
  });

  it('refuses a ciphertext moved to another row or column, or opened with another key', () => {
    const sealed = encryptField(key, '赵萍', aad);
    expect(() => decryptField(key, sealed, { ...aad, rowId: 'M000002' })).toThrow(DecryptError);
    expect(() => decryptField(key, sealed, { ...aad, column: 'phone_enc' })).toThrow(DecryptError);
    expect(() => decryptField(DataKey.generate(), sealed, aad)).toThrow(DecryptError);
    try {
      decryptField(key, sealed, { ...aad, rowId: 'M000002' });
    } catch (error) {
      expect((error as DecryptError).code).toBe('decrypt-failed');
    }
  });
});

describe('lookupHash', () => {
  it('is deterministic per key and kind, and differs across keys and kinds', () => {
    const a = lookupHash(key, 'card', '6280000000000016');
    expect(a.equals(lookupHash(key, 'card', '6280000000000016'))).toBe(true);
    expect(a.equals(lookupHash(key, 'qr', '6280000000000016'))).toBe(false);
    expect(a.equals(lookupHash(DataKey.generate(), 'card', '6280000000000016'))).toBe(false);
    expect(a.length).toBe(32);
  });
});

describe('DataKey', () => {
  it('accepts exactly 32 bytes and never serialises its material', () => {
    expect(() => DataKey.fromBytes(Buffer.alloc(16))).toThrow(InvalidKeyError);
    const copy = DataKey.fromBytes(key.exportBytes());
    expect(copy.subKey('lookup-hmac').equals(key.subKey('lookup-hmac'))).toBe(true);
    expect(key.subKey('lookup-hmac').equals(key.subKey('field-encryption'))).toBe(false);
    expect(JSON.stringify({ key })).toBe('{"key":"[DataKey]"}');
  });
});

describe('fileKeyStore', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('creates the key file 0600 in a 0700 folder and reads the same key back', () => {
    const store = fileKeyStore(dir.path);
    const first = store.loadOrCreate();
    expect(store.path).toBe(join(dir.path, 'keys', 'data.key'));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir.path, 'keys')).mode & 0o777).toBe(0o700);
    const again = fileKeyStore(dir.path).loadOrCreate();
    expect(again.exportBytes().equals(first.exportBytes())).toBe(true);
  });

  it('refuses a key file readable by group or others', () => {
    const store = fileKeyStore(dir.path);
    store.loadOrCreate();
    chmodSync(store.path, 0o644);
    expect(() => store.loadOrCreate()).toThrow(KeyStoreError);
    try {
      store.loadOrCreate();
    } catch (error) {
      expect((error as KeyStoreError).code).toBe('key-file-insecure');
    }
  });

  it('refuses a corrupt file and a file sealed by another sealer, rather than making a new key', () => {
    mkdirSync(join(dir.path, 'keys'), { mode: 0o700 });
    const path = join(dir.path, 'keys', 'data.key');
    writeFileSync(path, 'garbage', { mode: 0o600 });
    expect(() => fileKeyStore(dir.path).loadOrCreate()).toThrow(/not a kiosk key file/);
    expect(readFileSync(path, 'utf8')).toBe('garbage');

    const other = tempDir();
    try {
      fileKeyStore(other.path).loadOrCreate();
      const xor: KeySealer = {
        id: 'test-xor',
        seal: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
        unseal: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
      };
      expect(() => fileKeyStore(other.path, xor).loadOrCreate()).toThrow(/sealed by "file"/);
    } finally {
      other.remove();
    }
  });

  it('stores the key sealed when given a sealer (as Electron safeStorage will)', () => {
    const xor: KeySealer = {
      id: 'test-xor',
      seal: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
      unseal: (b) => Buffer.from(b.map((x) => x ^ 0x5a)),
    };
    const store = fileKeyStore(dir.path, xor);
    const created = store.loadOrCreate();
    expect(readFileSync(store.path).includes(created.exportBytes())).toBe(false);
    expect(store.loadOrCreate().exportBytes().equals(created.exportBytes())).toBe(true);
  });
});

describe('PIN hashing', () => {
  it('verifies the right PIN only, sync and async, with a fresh salt each time', async () => {
    const stored = hashPin(key, '2468');
    expect(stored.params).toBe('scrypt:N=16384,r=8,p=1,len=32');
    expect(verifyPinSync(key, '2468', stored)).toBe(true);
    expect(verifyPinSync(key, '2469', stored)).toBe(false);
    expect(await verifyPin(key, '2468', stored)).toBe(true);
    expect(await verifyPin(key, '0000', stored)).toBe(false);
    expect(hashPin(key, '2468').hash.equals(stored.hash)).toBe(false);
    // Peppered with the data key: the hash is useless without it.
    expect(verifyPinSync(DataKey.generate(), '2468', stored)).toBe(false);
  });

  it('refuses unknown or absurd parameters instead of running them', () => {
    const stored = hashPin(key, '2468');
    expect(verifyPinSync(key, '2468', { ...stored, params: 'bcrypt:10' })).toBe(false);
    expect(
      verifyPinSync(key, '2468', { ...stored, params: 'scrypt:N=1073741824,r=8,p=1,len=32' }),
    ).toBe(false);
  });
});
