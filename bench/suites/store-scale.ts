/**
 * The store at chain scale: a generated catalog of 1,000,000 variants (50,000 styles in five outfit
 * slots) and 10,000,000 history rows (40 % sale lines, 60 % try-ons) written in SQL with recursive
 * CTEs, then: barcode look-up median (µs), the kiosk's own model training on that history (a
 * standalone kiosk: core/recommend-store trainLocalModel) and its size, recommendation p95 (ms: a
 * member's picks re-ranked by a visit of two garments, one liked and one "too small", plus complete
 * the look and other sizes), sale commit p99 with its outbox row under synchronous=FULL (ms) and
 * the database size. Scale down with BENCH_VARIANTS and BENCH_HISTORY_ROWS.
 * The database lives in a temp dir that is deleted afterwards.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setCatalogCodeStore } from '../../core/catalog/codes';
import { createCatalog } from '../../core/catalog/lookup';
import { enqueue } from '../../core/outbox/outbox';
import {
  completeTheLook,
  otherSizesAndColours,
  trainLocalModel,
  visitPicks,
} from '../../core/recommend-store';
import { openDatabase, readOnly, type WritableDB } from '../../core/store/db';
import { migrate } from '../../core/store/migrations';
import { openSharedReads } from '../../core/store/shared-reads';
import { tempDir } from '../../test/support/temp';
import { generateCatalog } from '../support/generate-catalog';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'store-scale';

const SLOTS = ['top', 'bottom', 'outer', 'shoes', 'accessory'];

/**
 * Spreads the generated styles over five outfit slots (style n → slot n mod 5) and puts half of
 * the variants in the online warehouse, so "complete the look" has something to complete.
 */
function shapeCatalog(db: WritableDB): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE products SET outfit_slot = json_extract(?, '$[' || (CAST(substr(style_id, 2) AS INTEGER) % 5) || ']')`,
    ).run(JSON.stringify(SLOTS));
    db.exec(`INSERT OR IGNORE INTO stock (sku, location_id, on_hand)
      SELECT sku, 'ONLINE', 1 + rowid % 9 FROM variants WHERE rowid % 2 = 0`);
  });
}

/**
 * History in SQL. Sales have two lines: a style and a partner from the same block of twenty styles
 * (four per slot), picked with a skew so that some pairs are much more common than others.
 * Try-on sessions have three items built the same way. Times run over 2026; 60 % have a member.
 */
function generateHistory(db: WritableDB, rows: number, styles: number): void {
  const saleLines = Math.floor(rows * 0.4);
  const tryons = rows - saleLines;
  const sku = (style: string, salt: string) =>
    `printf('G%07d-%s-%s', ${style},
       json_extract('["BLK","WHT","NAV","BEI"]', '$[' || ((${salt}) % 4) || ']'),
       json_extract('["XS","S","M","L","XL"]', '$[' || ((${salt}) % 5) || ']'))`;
  // Base style of group g: a multiplicative hash, so groups do not walk the catalog in order.
  const base = `((g * 2654435761) % ${styles})`;
  const partner = `((${base} / 20) * 20 + (${base} % 20 + 1 + ((g % 11) * (g % 11) + line * 3) % 19) % 20) % ${styles}`;
  const style = `CASE WHEN line = 1 THEN ${base} ELSE ${partner} END`;
  const ts = `strftime('%Y-%m-%dT%H:%M:%S+08:00', 1767225600 + g * 3, 'unixepoch')`;
  const member = `CASE WHEN g % 5 < 3 THEN printf('M%07d', (g * 40503) % 100000) END`;
  db.transaction(() => {
    // The members behind the history: four in five consented to profiling.
    db.exec(`INSERT OR IGNORE INTO stores VALUES ('S001','一店','Store 1','Shanghai','Asia/Shanghai');
      INSERT OR IGNORE INTO tiers VALUES ('regular','普通','Regular',0,1,0);`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 100000)
       INSERT OR IGNORE INTO members (member_id, gender, tier, home_store, consent_profile)
       SELECT printf('M%07d', i), CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END, 'regular', 'S001',
         CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END FROM n`,
    ).run();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
         r AS (SELECT i / 2 AS g, i % 2 + 1 AS line FROM n)
       INSERT INTO history_transactions (txn_id, line_no, member_id, location_id, channel, ts, sku, qty, unit_price_cents)
       SELECT printf('X%09d', g), line, ${member}, 'S00' || (1 + g % 3), 'store', ${ts},
         ${sku(style, 'g + line')}, 1, 19900
       FROM r`,
    ).run(saleLines);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
         r AS (SELECT i / 3 AS g, i % 3 + 1 AS line FROM n)
       INSERT INTO history_tryons (session_id, line_no, member_id, store_id, ts, sku, outcome)
       SELECT printf('T%09d', g), line, ${member}, 'S00' || (1 + g % 3), ${ts},
         ${sku(style, 'g * 7 + line')},
         json_extract('["liked","rejected","size-swap","bought"]', '$[' || ((g + line) % 4) || ']')
       FROM r`,
    ).run(tryons);
  });
}

function sampleSkus(db: WritableDB, count: number): string[] {
  return (
    db.raw
      .prepare(
        `SELECT sku FROM variants WHERE rowid IN
         (SELECT 1 + abs(random()) % (SELECT max(rowid) FROM variants) FROM variants LIMIT ?)`,
      )
      .all(count) as { sku: string }[]
  ).map((r) => r.sku);
}

function commitSales(db: WritableDB, count: number, skus: readonly string[]): number[] {
  const sale = db.prepare(
    `INSERT INTO sales (sale_id, store_id, status, subtotal_cents, discount_cents, total_cents, created_at)
     VALUES (?, 'S001', 'completed', 39800, 0, 39800, ?)`,
  );
  const line = db.prepare(
    `INSERT INTO sale_lines (sale_id, line_no, sku, qty, unit_price_cents, total_cents) VALUES (?, ?, ?, 1, 19900, 19900)`,
  );
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const saleId = `BENCH-${i}`;
    const now = new Date();
    const lines = [skus[i % skus.length] ?? 'X', skus[(i + 1) % skus.length] ?? 'Y'];
    const t0 = performance.now();
    db.transaction(() => {
      sale.run(saleId, now.toISOString());
      lines.forEach((sku, n) => line.run(saleId, n + 1, sku));
      enqueue(
        db,
        {
          name: 'recordSale',
          version: 1,
          idempotencyKey: `recordSale:${saleId}`,
          args: { saleId, storeId: 'S001', totalCents: 39800, lines },
          hlc: `${String(now.getTime()).padStart(15, '0')}-${String(i).padStart(4, '0')}-bench`,
        },
        now,
      );
    });
    times.push(performance.now() - t0);
  }
  return times;
}

export async function run(): Promise<BenchRow[]> {
  const variants = Number(process.env.BENCH_VARIANTS ?? 1_000_000);
  const historyRows = Number(process.env.BENCH_HISTORY_ROWS ?? 10_000_000);
  const dir = tempDir('kiosk-bench-');
  const file = join(dir.path, 'kiosk.db');
  const db = openDatabase(file);
  const rows: BenchRow[] = [];
  const row = (metric: string, value: number, unit: string, note?: string) =>
    rows.push({ suite: name, metric, value, unit, ...(note ? { note } : {}) });
  try {
    migrate(db);
    setCatalogCodeStore(db, 'S001');
    // A bigger page cache for the bulk load only (the kiosk keeps SQLite's default).
    db.raw.pragma('cache_size = -262144');
    let t = performance.now();
    const { gtins } = generateCatalog(db, variants);
    shapeCatalog(db);
    const styles = Math.ceil(variants / 20);
    row(
      'catalog build (variants)',
      round((performance.now() - t) / 1000, 1),
      's',
      `${variants.toLocaleString('en-US')} variants`,
    );
    t = performance.now();
    generateHistory(db, historyRows, styles);
    row(
      'history generation (SQL)',
      round((performance.now() - t) / 1000, 1),
      's',
      `${historyRows.toLocaleString('en-US')} rows`,
    );
    t = performance.now();
    const cpu = process.cpuUsage();
    const trained = trainLocalModel(db, new Date('2026-12-31T00:00:00Z'));
    const used = process.cpuUsage(cpu);
    if (!trained.trained) throw new Error(`no model: ${trained.reason}`);
    row(
      'kiosk model training (own history)',
      round((performance.now() - t) / 1000, 1),
      's',
      `${trained.events.toLocaleString('en-US')} events, ${trained.members.toLocaleString('en-US')} members, CPU ${round((used.user + used.system) / 1e6, 1)} s`,
    );
    const size = db.raw
      .prepare(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM recommend_items) AS items,
           (SELECT coalesce(sum(length(data)), 0) FROM recommend_members) AS members`,
      )
      .get() as { items: number; members: number };
    row(
      'kiosk model size',
      round((size.items + size.members) / 1e6, 1),
      'MB',
      `items ${round(size.items / 1e6, 1)} MB, members ${round(size.members / 1e6, 1)} MB`,
    );

    db.raw.pragma('cache_size = -2000');
    const read = readOnly(db);
    const shared = openSharedReads(db);
    const catalog = createCatalog(read, 'S001', shared);
    const lookups: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const code = gtins(Math.floor(Math.random() * variants));
      const t0 = performance.now();
      if (!catalog.lookup(code)) throw new Error(`generated GTIN ${code} not found`);
      lookups.push((performance.now() - t0) * 1000);
    }
    shared?.close();
    row('lookup median', round(median(lookups), 2), 'µs');

    const skus = sampleSkus(db, 2_000);
    const recs: number[] = [];
    let proposed = 0;
    let picked = 0;
    const variantOf = db.raw.prepare(
      'SELECT style_id AS styleId, size, color_code AS colour FROM variants WHERE sku = ?',
    );
    for (const [i, sku] of skus.entries()) {
      const other = skus[(i + 1) % skus.length] ?? sku;
      const [a, b] = [variantOf.get(sku), variantOf.get(other)] as {
        styleId: string;
        size: string;
        colour: string;
      }[];
      const t0 = performance.now();
      picked += visitPicks(read, {
        memberId: `M${String((i * 7919) % 100000).padStart(7, '0')}`,
        visit: [
          { ...(a ?? { styleId: '', size: '', colour: '' }), outcome: 'liked', reason: null },
          {
            ...(b ?? { styleId: '', size: '', colour: '' }),
            outcome: 'rejected',
            reason: 'too-small',
          },
        ],
        storeId: 'S001',
        limit: 4,
      }).length;
      proposed += completeTheLook(read, {
        skus: [sku],
        gender: i % 2 ? 'F' : 'M',
        storeId: 'S001',
        limit: 6,
      }).length;
      const others = otherSizesAndColours(read, sku, 'S001');
      recs.push(performance.now() - t0);
      if (!others.ok) throw new Error(`sampled sku ${sku} is unknown`);
    }
    row(
      'recommendation p95 (picks with live signals + complete the look + other sizes)',
      round(percentile(recs, 95), 2),
      'ms',
      `median ${round(median(recs), 2)} ms, ${round(picked / skus.length, 1)} picks and ${round(proposed / skus.length, 1)} look items per visit`,
    );

    const commits = commitSales(db, Number(process.env.BENCH_SALES ?? 1_000), skus);
    row(
      'sale + outbox commit p99 (synchronous=FULL)',
      round(percentile(commits, 99), 2),
      'ms',
      `median ${round(median(commits), 2)} ms`,
    );

    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    row('database size', round(statSync(file).size / 1e6, 1), 'MB');
    return rows;
  } finally {
    db.close();
    dir.remove();
  }
}
