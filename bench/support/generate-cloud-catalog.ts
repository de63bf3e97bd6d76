/**
 * A generated catalog in the cloud database, published to the `catalog` stream: `rows` rows of
 * which one in twenty is a style (product) and the rest its variants, with valid 14-digit GTINs.
 */
import type { Queryable } from '../../cloud/db/db';
import { publish } from '../../cloud/streams/projections';

export async function generateCloudCatalog(tx: Queryable, rows: number): Promise<void> {
  const styles = Math.max(1, Math.round(rows / 20));
  const variants = rows - styles;
  await tx.query(`INSERT INTO products SELECT 'B' || i, '款' || i, 'Style ' || i, 'dress', 'F',
    'casual|summer', '2026SS', 19900, 'top' FROM generate_series(1, ${styles}) i`);
  await tx.query(`INSERT INTO variants SELECT 'B' || (i % ${styles} + 1) || '-' || i,
    'B' || (i % ${styles} + 1), lpad((8000000000000 + i)::text, 14, '0'), 'C' || (i % 7), '色',
    'Colour', 'M', 19900 FROM generate_series(1, ${variants}) i`);
  await publish(tx, 'product', "style_id LIKE 'B%'");
  await publish(tx, 'variant', "sku LIKE 'B%'");
}
