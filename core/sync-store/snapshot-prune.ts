/**
 * The end of a snapshot: rows the cloud no longer lists (the snapshot's keys are in
 * `sync_snapshot_keys`) are deleted, or for staff disabled. Inside the page's transaction.
 */
import { CLOUD_PIN_PREFIX } from '../staff/cloud-pin';
import type { WritableDB } from '../store/db';

export function pruneStock(db: WritableDB): void {
  db.exec(`DELETE FROM stock WHERE (sku || '@' || location_id) NOT IN
      (SELECT key FROM sync_snapshot_keys WHERE stream = 'stock')`);
}

export function pruneCoupons(db: WritableDB): void {
  db.exec(
    `DELETE FROM coupons WHERE code NOT IN (SELECT key FROM sync_snapshot_keys WHERE stream = 'coupons')`,
  );
}

/** Styles and colours the cloud no longer lists lose their image. */
export function pruneCatalogMedia(db: WritableDB): void {
  db.exec(`DELETE FROM catalog_media WHERE (style_id || '/' || color_code) NOT IN
    (SELECT key FROM sync_snapshot_keys WHERE stream = 'media')`);
}

/** Staged model rows the snapshot no longer has are dropped. */
export function pruneModelRows(db: WritableDB): void {
  db.exec(`DELETE FROM model_stream_rows WHERE key NOT IN
    (SELECT key FROM sync_snapshot_keys WHERE stream = 'model')`);
}

/** Cloud staff the cloud no longer lists are disabled (staff imported locally are not touched). */
export function pruneCloudStaff(db: WritableDB): void {
  db.prepare(
    `UPDATE staff SET disabled_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE disabled_at IS NULL AND pin_params LIKE ? AND
       'staff:' || staff_id NOT IN (SELECT key FROM sync_snapshot_keys WHERE stream = 'config')`,
  ).run(`${CLOUD_PIN_PREFIX}%`);
}
