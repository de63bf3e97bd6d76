/**
 * Where the media cache keeps its files: `<dir>/<first two hex digits>/<hash>` for an image and
 * `<hash>.<size>.webp` beside it for its sizes. Paths are built from a checked 64-hex hash only,
 * so no name from outside ever reaches the file system. Writes are atomic (temporary file, then
 * rename): a crash leaves the old state or the new one, never half a picture.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA_HASH, type MediaSize } from '../rules/media/types';

export class MediaStoreError extends Error {
  constructor(
    readonly code: 'disk-full' | 'io-error' | 'bad-hash',
    message: string,
  ) {
    super(message);
  }
}

function checkedHash(hash: string): string {
  if (!MEDIA_HASH.test(hash)) throw new MediaStoreError('bad-hash', 'not a content hash');
  return hash;
}

export function blobPath(dir: string, hash: string): string {
  const h = checkedHash(hash);
  return join(dir, h.slice(0, 2), h);
}

export function variantPath(dir: string, hash: string, size: MediaSize): string {
  return `${blobPath(dir, hash)}.${size}.webp`;
}

export const errnoCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** Folders made already (one per first two hex digits: at most 256), so each write is one open. */
const madeDirs = new Set<string>();

function writeThenRename(path: string, tmp: string, bytes: Uint8Array): void {
  const parent = join(path, '..');
  if (!madeDirs.has(parent)) {
    mkdirSync(parent, { recursive: true });
    madeDirs.add(parent);
  }
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Writes a file atomically; a full disk is a typed `disk-full`, any other failure `io-error`. */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    try {
      writeThenRename(path, tmp, bytes);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      madeDirs.delete(join(path, '..')); // the folder went away under us: make it again
      writeThenRename(path, tmp, bytes);
    }
  } catch (error) {
    rmSync(tmp, { force: true });
    const code = errnoCode(error);
    throw new MediaStoreError(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'io-error',
      `cannot write a media file: ${code ?? 'unknown error'}`,
    );
  }
}

/** Removes an image and its sizes from disk (missing files are fine). */
export function removeBlobFiles(dir: string, hash: string): void {
  rmSync(blobPath(dir, hash), { force: true });
  rmSync(variantPath(dir, hash, 'thumb'), { force: true });
  rmSync(variantPath(dir, hash, 'screen'), { force: true });
}
