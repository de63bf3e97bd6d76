/**
 * A new kiosk's first sync of a 1,000,000-row catalog stream (50,000 styles + 950,000 variants
 * generated in the cloud database and published to the change log): seconds from the first
 * request to the last page applied, pages checked by count and checksum, 2,000 rows per page.
 */
import { publish } from '../../cloud/streams/projections';
import { createCloudClient } from '../../sync/cloud-client';
import { enroll } from '../../sync/credentials';
import { createHttpClient } from '../../sync/http-client';
import { pullStream } from '../../sync/pull';
import { startRealCloud } from '../../test/faults/support/cloud';
import { openKiosk } from '../../test/faults/support/kiosk';
import { tempDir } from '../../test/support/temp';
import { round, type BenchRow } from '../support/stats';

export const name = 'sync-first-pull';

export async function run(): Promise<BenchRow[]> {
  const rows = Number(process.env.BENCH_SYNC_CATALOG_ROWS ?? 1_000_000);
  const styles = Math.max(1, Math.round(rows / 20));
  const variants = rows - styles;
  const cloud = await startRealCloud('pglite');
  const dir = tempDir('bench-pull-');
  try {
    let t0 = performance.now();
    await cloud.cloud.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO products SELECT 'B' || i, '款' || i, 'Style ' || i, 'dress', 'F', 'casual|summer', '2026SS', 19900, 'top'
        FROM generate_series(1, ${styles}) i`);
      await tx.query(`INSERT INTO variants SELECT 'B' || (i % ${styles} + 1) || '-' || i, 'B' || (i % ${styles} + 1), lpad((8000000000000 + i)::text, 14, '0'),
        'C' || (i % 7), '色', 'Colour', 'M', 19900 FROM generate_series(1, ${variants}) i`);
      await publish(tx, 'product', "style_id LIKE 'B%'");
      await publish(tx, 'variant', "sku LIKE 'B%'");
    });
    const generateS = (performance.now() - t0) / 1000;
    const k = openKiosk(dir.path);
    const http = createHttpClient({ baseUrl: cloud.url, timeoutMs: 120_000 });
    if (!http.ok) throw new Error(http.error.message);
    const plain = createCloudClient(http.value);
    let waitMs = 0; // time spent waiting for the server's pages, to split cloud from kiosk cost
    const client = {
      ...plain,
      pull: async (...args: Parameters<typeof plain.pull>) => {
        const t = performance.now();
        const page = await plain.pull(...args);
        waitMs += performance.now() - t;
        return page;
      },
    };
    const r = await enroll({
      db: k.db,
      key: k.key,
      client,
      url: cloud.url,
      caFile: null,
      code: await cloud.code(),
      deviceName: 'bench',
    });
    if (!r.ok) throw new Error(r.error.message);
    t0 = performance.now();
    const pulled = await pullStream(
      { db: k.db, key: k.key, client, token: r.value.token, now: () => new Date(), limit: 2000 },
      'catalog',
    );
    const pullS = (performance.now() - t0) / 1000;
    client.close();
    const local = (
      k.db
        .prepare('SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM variants) AS n')
        .get() as { n: number }
    ).n;
    k.close();
    if (!pulled.ok) throw new Error(pulled.error.message);
    return [
      {
        suite: name,
        metric: `first sync of ${pulled.value.rows} catalog rows (PGlite cloud)`,
        value: round(pullS, 1),
        unit: 's',
        note: `${pulled.value.pages} pages, ${local} rows local, ${round(pulled.value.rows / pullS, 0)} rows/s; ${round(waitMs / 1000, 1)} s waiting for the cloud's pages, ${round(pullS - waitMs / 1000, 1)} s checking and applying on the kiosk; generating took ${round(generateS, 1)} s`,
      },
    ];
  } finally {
    await cloud.close();
    dir.remove();
  }
}
