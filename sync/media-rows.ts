/**
 * Rows of the `media` stream → the kiosk's `catalog_media` (what image each style and colour
 * shows). The bytes are not in the stream: the media fetcher (media-fetch.ts) brings the images the
 * catalog names and this kiosk does not have. A row that does not fit the protocol is skipped.
 */
import type { WritableDB } from '../core/store/db';
import { MediaRowSchema, type StreamRow } from './protocol';

/** The stream key of a style and colour. */
export const mediaKey = (styleId: string, colorCode: string) => `${styleId}/${colorCode}`;

export function applyMediaRow(db: WritableDB, row: StreamRow): boolean {
  if (row.op === 'delete' || !row.data) {
    const cut = row.key.indexOf('/');
    db.prepare('DELETE FROM catalog_media WHERE style_id = ? AND color_code = ?').run(
      row.key.slice(0, cut),
      row.key.slice(cut + 1),
    );
    return true;
  }
  const parsed = MediaRowSchema.safeParse(row.data);
  if (!parsed.success) return false;
  const m = parsed.data;
  if (mediaKey(m.styleId, m.colorCode) !== row.key) return false;
  db.prepare(
    `INSERT INTO catalog_media (style_id, color_code, hash, type, bytes, alt_zh, alt_en)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (style_id, color_code) DO UPDATE SET hash = excluded.hash, type = excluded.type,
       bytes = excluded.bytes, alt_zh = excluded.alt_zh, alt_en = excluded.alt_en`,
  ).run(m.styleId, m.colorCode, m.hash, m.type, m.bytes, m.altZh, m.altEn);
  return true;
}

/** End of a media snapshot: styles and colours the cloud no longer lists lose their image. */
export function pruneCatalogMedia(db: WritableDB): void {
  db.exec(`DELETE FROM catalog_media WHERE (style_id || '/' || color_code) NOT IN
    (SELECT key FROM sync_snapshot_keys WHERE stream = 'media')`);
}
