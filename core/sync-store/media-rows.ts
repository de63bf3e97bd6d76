/** What image each style and colour shows (`catalog_media`), as the `media` stream lists it. */
import type { WritableDB } from '../store/db';

export interface PulledMedia {
  styleId: string;
  colorCode: string;
  hash: string;
  type: string;
  bytes: number;
  altZh: string;
  altEn: string;
}

export function deleteCatalogMedia(db: WritableDB, styleId: string, colorCode: string): void {
  db.prepare('DELETE FROM catalog_media WHERE style_id = ? AND color_code = ?').run(
    styleId,
    colorCode,
  );
}

export function upsertCatalogMedia(db: WritableDB, m: PulledMedia): void {
  db.prepare(
    `INSERT INTO catalog_media (style_id, color_code, hash, type, bytes, alt_zh, alt_en)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (style_id, color_code) DO UPDATE SET hash = excluded.hash, type = excluded.type,
       bytes = excluded.bytes, alt_zh = excluded.alt_zh, alt_en = excluded.alt_en`,
  ).run(m.styleId, m.colorCode, m.hash, m.type, m.bytes, m.altZh, m.altEn);
}
