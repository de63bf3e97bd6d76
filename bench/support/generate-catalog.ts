/**
 * A generated catalog of any size with valid GTIN-13s, for benchmarks: styles of 20 variants
 * (4 colours × 5 sizes), stock in three stores.
 */
import type { WritableDB } from '../../core/store/db';

export function gtin13(serial: number): string {
  const body = `69${String(serial).padStart(10, '0')}`;
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight)
    sum += Number(body[i]) * weight;
  return body + String((10 - (sum % 10)) % 10);
}

const colors = [
  ['BLK', '黑色', 'Black'],
  ['WHT', '白色', 'White'],
  ['NAV', '藏青', 'Navy'],
  ['BEI', '米色', 'Beige'],
] as const;
const sizes = ['XS', 'S', 'M', 'L', 'XL'] as const;

export function generateCatalog(
  db: WritableDB,
  variants: number,
): { gtins: (i: number) => string } {
  const styles = Math.ceil(variants / 20);
  const product = db.prepare('INSERT INTO products VALUES (?,?,?,?,?,?,?,?,?)');
  const variant = db.prepare('INSERT INTO variants VALUES (?,?,?,?,?,?,?,?)');
  const stock = db.prepare('INSERT INTO stock VALUES (?,?,?)');
  db.transaction(() => {
    let n = 0;
    for (let s = 0; s < styles && n < variants; s++) {
      const styleId = `G${String(s).padStart(7, '0')}`;
      product.run(
        styleId,
        `款式${s}`,
        `Style ${s}`,
        'tops',
        s % 2 ? 'F' : 'M',
        'basic',
        'AW26',
        19900,
        'top',
      );
      for (let c = 0; c < colors.length && n < variants; c++) {
        for (let z = 0; z < sizes.length && n < variants; z++, n++) {
          const [code, zh, en] = colors[c] ?? colors[0];
          const sku = `${styleId}-${code}-${sizes[z]}`;
          variant.run(sku, styleId, `0${gtin13(n)}`, code, zh, en, sizes[z] ?? 'M', 19900);
          if (n % 3 === 0) stock.run(sku, 'S001', n % 7);
        }
      }
    }
  });
  return { gtins: (i) => gtin13(i) };
}
