/** The kiosk's media cache in its data directory, sized and scoped by the kiosk config. */
import { join } from 'node:path';
import { createMediaCache, type MediaCache } from '../../core/media/media-cache';
import type { WritableDB } from '../../core/store/db';

export function openMediaCache(
  db: WritableDB,
  dataDir: string,
  config: { storeId: string; mediaCacheMB: number },
): MediaCache {
  return createMediaCache({
    db,
    dir: join(dataDir, 'media'),
    limitBytes: config.mediaCacheMB * 1024 * 1024,
    storeId: config.storeId,
  });
}
