/**
 * `kiosk import` of a whole store folder: the CSV files and, when the folder has an images.csv,
 * the product images it names (image-files.ts), all or nothing. Images written to the media
 * folder by a refused import are removed again.
 */
import type { DataKey } from '../crypto/data-key';
import type { MediaCache } from '../media/media-cache';
import type { WritableDB } from '../store/db';
import { checkImageFiles, imageFiles } from './image-files';
import { importStoreFolder, type FileReport } from './importer';
import { allStoreFiles } from './store-files';

export interface StoreImportOptions {
  key: DataKey;
  media: MediaCache;
}

export async function importStore(
  db: WritableDB,
  dir: string,
  options: StoreImportOptions,
): Promise<FileReport[]> {
  const { media } = options;
  const checks = await checkImageFiles(dir, media);
  try {
    const specs = [...allStoreFiles, ...imageFiles(checks, media)];
    const reports = importStoreFolder(db, dir, specs, { key: options.key });
    media.enforceLimit();
    return reports;
  } finally {
    media.discardUnindexed(checks.staged);
    media.recount(); // a refused import indexed nothing after all
  }
}
