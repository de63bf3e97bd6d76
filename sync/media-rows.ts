/**
 * Rows of the `media` stream → the kiosk's `catalog_media` (what image each style and colour
 * shows). The bytes are not in the stream: the media fetcher (media-fetch.ts) brings the images the
 * catalog names and this kiosk does not have. A row that does not fit the protocol is skipped.
 */
import type { WritableDB } from '../core/store/db';
import { deleteCatalogMedia, upsertCatalogMedia } from '../core/sync-store/media-rows';
import { MediaRowSchema, type StreamRow } from './protocol';

/** The stream key of a style and colour. */
export const mediaKey = (styleId: string, colorCode: string) => `${styleId}/${colorCode}`;

export function applyMediaRow(db: WritableDB, row: StreamRow): boolean {
  if (row.op === 'delete' || !row.data) {
    const cut = row.key.indexOf('/');
    if (cut < 0) return false; // not a style/colour key: nothing of ours to delete
    deleteCatalogMedia(db, row.key.slice(0, cut), row.key.slice(cut + 1));
    return true;
  }
  const parsed = MediaRowSchema.safeParse(row.data);
  if (!parsed.success) return false;
  if (mediaKey(parsed.data.styleId, parsed.data.colorCode) !== row.key) return false;
  upsertCatalogMedia(db, parsed.data);
  return true;
}
