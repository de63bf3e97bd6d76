/**
 * `kiosk import` of a whole store folder: the CSV files and, when the folder has an images.csv,
 * the product images it names (image-files.ts), all or nothing. Images written to the media
 * folder by a refused import are removed again.
 *
 * With `chunked`, the folder is applied in chunks that survive an interruption and resume
 * (chunked-import.ts); without it, in one transaction.
 */
import type { DataKey } from '../crypto/data-key';
import type { MediaCache } from '../media/media-cache';
import type { WritableDB } from '../store/db';
import { importStoreFolderChunked, type ChunkedImportOptions } from './chunked-import';
import { checkImageFiles, imageFiles } from './image-files';
import { importStoreFolder, type FileReport } from './importer';
import { allStoreFiles } from './store-files';

export interface StoreImportOptions {
  key: DataKey;
  media: MediaCache;
  chunked?: Omit<ChunkedImportOptions, 'key' | 'fingerprintExtra'>;
}

export async function importStore(
  db: WritableDB,
  dir: string,
  options: StoreImportOptions,
): Promise<FileReport[]> {
  const { media, key, chunked } = options;
  const checks = await checkImageFiles(dir, media);
  try {
    const specs = [...allStoreFiles, ...imageFiles(checks, media)];
    // The images' own bytes belong to the folder's fingerprint as much as the CSV files do.
    const images = [...checks.results].map(([file, r]) => `${file}=${r.ok ? r.value.hash : '!'}`);
    const reports = chunked
      ? (
          await importStoreFolderChunked(db, dir, specs, {
            ...chunked,
            key,
            fingerprintExtra: images.sort().join('\n'),
          })
        ).reports
      : importStoreFolder(db, dir, specs, { key });
    media.enforceLimit();
    return reports;
  } finally {
    media.discardUnindexed(checks.staged);
    media.recount(); // a refused import indexed nothing after all
  }
}
