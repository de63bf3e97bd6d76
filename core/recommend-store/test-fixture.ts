/**
 * A tiny hand-made store for the recommender tests, so every expected rank can be worked out by
 * hand. Styles (slot, gender): TOP1 (top, F), TOP2 (top, U), BOT1 (bottom, U), BOT2 (bottom, M),
 * SHO1 (shoes, U), BAG1 (accessory, U), BAG2 (accessory, U, only in another store), OUT1 (outer, U).
 */
import type { WritableDB } from '../store/db';

const styles: Array<[string, string, string, 'F' | 'M' | 'U', string]> = [
  ['TOP1', '真丝衬衫', 'Silk shirt', 'F', 'top'],
  ['TOP2', '基础T恤', 'Basic tee', 'U', 'top'],
  ['BOT1', '直筒牛仔裤', 'Straight jeans', 'U', 'bottom'],
  ['BOT2', '工装裤', 'Cargo trousers', 'M', 'bottom'],
  ['SHO1', '小白鞋', 'White sneakers', 'U', 'shoes'],
  ['BAG1', '托特包', 'Tote bag', 'U', 'accessory'],
  ['BAG2', '腰包', 'Belt bag', 'U', 'accessory'],
  ['OUT1', '风衣', 'Trench coat', 'U', 'outer'],
];
const tags: Record<string, string> = {
  TOP1: 'business',
  BOT1: 'business|minimalist',
  OUT1: 'business',
};

export function seedSmallStore(db: WritableDB): void {
  db.transaction(() => {
    db.exec(`INSERT INTO stores VALUES ('S001','一店','Store 1','Shanghai','Asia/Shanghai'),
      ('S002','二店','Store 2','Beijing','Asia/Shanghai');
      INSERT INTO tiers VALUES ('regular','普通','Regular',0,1,0);`);
    const product = db.prepare('INSERT INTO products VALUES (?,?,?,?,?,?,?,?,?)');
    const variant = db.prepare('INSERT INTO variants VALUES (?,?,?,?,?,?,?,?)');
    const stock = db.prepare('INSERT INTO stock VALUES (?,?,?)');
    let gtin = 1;
    for (const [id, zh, en, gender, slot] of styles) {
      product.run(id, zh, en, slot, gender, tags[id] ?? 'street', 'AW26', 10000, slot);
      for (const [color, czh, cen] of [
        ['BLK', '黑色', 'Black'],
        ['WHT', '白色', 'White'],
      ] as const) {
        for (const size of ['M', 'S', 'L']) {
          const sku = `${id}-${color}-${size}`;
          variant.run(
            sku,
            id,
            `0697000${String(gtin++).padStart(7, '0')}`,
            color,
            czh,
            cen,
            size,
            10000,
          );
          if (id === 'BAG2') stock.run(sku, 'S002', 4);
          else if (id === 'SHO1') stock.run(sku, 'ONLINE', 2);
          else if (color === 'BLK') {
            stock.run(sku, 'S001', size === 'L' ? 0 : 3);
            stock.run(sku, 'S002', 5);
            stock.run(sku, 'ONLINE', -1);
          }
        }
      }
    }
    // M1: consenting woman; M2: no consent; M3: consenting, erased.
    db.exec(`INSERT INTO members (member_id, gender, tier, consent_profile, joined_on)
      VALUES ('M1','F','regular',1,'2025-01-01'), ('M2','F','regular',0,'2025-01-01');
      INSERT INTO members (member_id, gender, tier, consent_profile, erased_at)
      VALUES ('M3', NULL, 'regular', 1, '2026-05-01T00:00:00Z');`);
    const sale = db.prepare('INSERT INTO history_transactions VALUES (?,?,?,?,?,?,?,?,?)');
    const tryon = db.prepare(
      'INSERT INTO history_tryons (session_id, line_no, member_id, store_id, ts, sku, outcome) VALUES (?,?,?,?,?,?,?)',
    );
    let n = 0;
    const buy = (member: string | null, ts: string, ...skus: string[]) => {
      const id = `X${++n}`;
      skus.forEach((sku, i) => sale.run(id, i + 1, member, 'S001', 'store', ts, sku, 1, 10000));
    };
    const tryOn = (member: string | null, ts: string, outcome: string, ...skus: string[]) => {
      const id = `T${++n}`;
      skus.forEach((sku, i) => tryon.run(id, i + 1, member, 'S001', ts, sku, outcome));
    };
    const early = '2026-03-01T10:00:00+08:00';
    // TOP1 goes with BOT1 (3 sales), BAG1 (2 sales), BOT2 (2 sales, but for men), SHO1 (1 sale),
    // BAG2 (4 sales, but out of stock here and online), OUT1 (tried together twice).
    for (let i = 0; i < 3; i++) buy(null, early, 'TOP1-BLK-M', 'BOT1-BLK-M');
    for (let i = 0; i < 2; i++) buy(null, early, 'TOP1-BLK-M', 'BAG1-BLK-M');
    for (let i = 0; i < 2; i++) buy(null, early, 'TOP1-BLK-M', 'BOT2-BLK-M');
    buy(null, early, 'TOP1-WHT-S', 'SHO1-WHT-S');
    for (let i = 0; i < 4; i++) buy(null, early, 'TOP1-BLK-M', 'BAG2-BLK-M');
    for (let i = 0; i < 2; i++) tryOn(null, early, 'liked', 'TOP1-BLK-M', 'OUT1-BLK-M');
    tryOn(null, early, 'rejected', 'TOP1-BLK-M', 'TOP2-BLK-M');
    // Late history, after 2026-09-01: TOP2 with BAG1 many times.
    for (let i = 0; i < 5; i++) buy(null, '2026-09-10T10:00:00+08:00', 'TOP2-BLK-M', 'BAG1-BLK-M');
    // M1 bought a TOP1 in S and liked an OUT1; M2 (no consent) has history too.
    buy('M1', '2026-04-01T10:00:00+08:00', 'TOP1-BLK-S');
    tryOn('M1', '2026-04-02T10:00:00+08:00', 'liked', 'OUT1-BLK-M');
    buy('M2', '2026-04-01T10:00:00+08:00', 'TOP1-BLK-M', 'BOT1-BLK-M');
  });
}
