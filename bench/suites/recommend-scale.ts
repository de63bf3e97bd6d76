/**
 * Brand-wide training at scale: 10,000,000 synthetic events with the demo's shape
 * (bench/support/synthetic-events: 50,000 styles — the 1 M variant catalog — about 84,000
 * members in 200 stores), trained with the cloud's very code (weights chosen on the last seven
 * weeks, then the final fit). Reports the training time split by phase, the heap it needed, and
 * what one store's kiosk receives: rows and bytes of the `model` stream (every style's row plus
 * the picks of the store's members), median and largest store. Scale with BENCH_TRAIN_EVENTS,
 * BENCH_TRAIN_STYLES, BENCH_TRAIN_STORES.
 */
import { trainModel } from '../../core/recommend';
import { syntheticBrand } from '../support/synthetic-events';
import { median, round, type BenchRow } from '../support/stats';

export const name = 'recommend-scale';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export async function run(): Promise<BenchRow[]> {
  const events = Number(process.env.BENCH_TRAIN_EVENTS ?? 10_000_000);
  const styles = Number(process.env.BENCH_TRAIN_STYLES ?? 50_000);
  const storeCount = Number(process.env.BENCH_TRAIN_STORES ?? 200);
  let t = performance.now();
  const brand = syntheticBrand({ events, styles, stores: storeCount });
  const generated = (performance.now() - t) / 1000;
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 200);
  t = performance.now();
  const cpu = process.cpuUsage();
  const model = trainModel(brand.table, brand.catalog, brand.members, {
    now: new Date('2026-10-01T03:00:00Z'),
  });
  const trained = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  const itemBytes = model.items.reduce((sum, i) => sum + bytes({ kind: 'item', ...i }), 0);
  const home = new Map(brand.members.map((m) => [m.memberId, m.homeStore]));
  const perStore = new Map<string, { rows: number; bytes: number }>();
  for (const m of model.members) {
    const store = home.get(m.memberId);
    if (!store) continue;
    const s = perStore.get(store) ?? { rows: 0, bytes: 0 };
    s.rows++;
    s.bytes += bytes({ kind: 'member', ...m });
    perStore.set(store, s);
  }
  const storeBytes = [...perStore.values()].map((s) => itemBytes + s.bytes);
  const storeMembers = [...perStore.values()].map((s) => s.rows);
  const mb = (b: number) => round(b / 1e6, 1);
  const v = model.meta.validation;
  const note = `${brand.table.length.toLocaleString('en-US')} events, ${styles.toLocaleString('en-US')} styles, ${brand.members.length.toLocaleString('en-US')} members, ${storeCount} stores`;
  return [
    {
      suite: name,
      metric: 'synthetic events generated',
      value: round(generated, 1),
      unit: 's',
      note,
    },
    {
      suite: name,
      metric: 'training time (weights on 7 weeks + final fit)',
      value: round(trained, 1),
      unit: 's',
      note: `${model.members.length.toLocaleString('en-US')} members with picks`,
    },
    {
      suite: name,
      metric: 'training CPU time',
      value: round(cpuSeconds, 1),
      unit: 's',
      note: 'one thread; the wall time above grows with the load of a shared machine',
    },
    {
      suite: name,
      metric: 'training heap growth (peak)',
      value: mb(peak - heapBefore),
      unit: 'MB',
    },
    {
      suite: name,
      metric: 'validation precision@5 blend / popularity',
      value: v ? round(v.precisionAt5.blend / Math.max(1e-9, v.precisionAt5.popularity), 2) : 0,
      unit: '×',
      note: v ? `${v.members} members, weights ${JSON.stringify(model.meta.weights)}` : 'defaults',
    },
    {
      suite: name,
      metric: 'model size per store (median)',
      value: mb(median(storeBytes)),
      unit: 'MB',
      note: `items ${mb(itemBytes)} MB for ${model.items.length.toLocaleString('en-US')} styles + ${round(median(storeMembers), 0)} members`,
    },
    {
      suite: name,
      metric: 'model size per store (largest)',
      value: mb(Math.max(0, ...storeBytes)),
      unit: 'MB',
      note: `${Math.max(0, ...storeMembers)} members`,
    },
  ];
}
