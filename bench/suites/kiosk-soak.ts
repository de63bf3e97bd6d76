/**
 * Soak: a day's worth of visits and more against running kiosks, watching for leaks. The real
 * cloud (a child process on PGlite) and two real kiosk processes enrolled to it, a mirror and a
 * checkout, each with a scanner and an RFID reader on socat pty pairs (the checkout also a
 * receipt printer on a pty, answered by the ESC/POS simulator), driven through the bridge
 * WebSocket as the renderer drives it (bench/support/soak-visits.ts).
 *
 * Sampled every few seconds per kiosk: resident memory and open fds (/proc), JS heap, active
 * resources and listeners (the host's KIOSK_METRICS_FILE), database size and outbox depth (its
 * SQLite file, read-only). Verdict after warm-up (the first fifth): RSS, live JS heap and database
 * size within ±5 %, no fd or listener growth, outbox drained at the end. Writes docs/soak.svg.
 *
 * The JS heap's verdict is the live heap: heap used right after each full (mark-compact)
 * collection, which the host reports from V8's GC records. Heap used at a sample is a sawtooth of
 * garbage waiting for the next full collection, whose threshold V8 moves with its own heuristics
 * (it grows the old space faster when collections look costly, as on a loaded machine), so its
 * median over a window measured V8's pacing as much as the kiosk's memory: heap snapshots of the
 * checkout after 1,600 and after 4,600 visits hold the same objects (docs/scaling.md). The median
 * and the floor of the sawtooth are still reported beside it.
 * Scale with SOAK_VISITS (default 10,000, half per kiosk) and SOAK_MINUTES (default 60).
 *
 * Retention runs compressed (KIOSK_RETENTION_SCALE): the longest window the visits fill, 400 days
 * of synced sales, becomes a tenth of the soak, so the database reaches the size it keeps for good
 * before warm-up ends, as a kiosk does after its first 400 days.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RETENTION } from '../../core/retention';
import { startCloudProcess } from '../../test/e2e/support/cloud';
import { repoRoot } from '../../test/support/temp';
import { lineChartSvg, type PlotSeries } from '../support/soak-plot';
import { startSoakKiosk, type SoakKiosk } from '../support/soak-kiosk';
import {
  driftAfterWarmUp,
  liveHeapDrift,
  soakProbe,
  windowFloor,
  type SoakSample,
} from '../support/soak-sample';
import { checkoutVisit, demoGarments, mirrorVisit, type Garment } from '../support/soak-visits';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'kiosk-soak';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Lane {
  kiosk: SoakKiosk;
  done: number;
  failures: string[];
  durations: number[];
  samples: SoakSample[];
}

/** `count` visits on one kiosk, started on an even schedule over `spanMs` (never two at once). */
async function runLane(lane: Lane, count: number, spanMs: number, garments: Garment[]) {
  const start = performance.now();
  const visit = lane.kiosk.role === 'mirror' ? mirrorVisit : checkoutVisit;
  for (let n = 0; n < count; n++) {
    await sleep(Math.max(0, start + (n * spanMs) / count - performance.now()));
    const a = garments[(n * 2) % garments.length];
    const b = garments[(n * 2 + 1) % garments.length];
    if (!a || !b) continue;
    const t0 = performance.now();
    try {
      await visit(lane.kiosk, a, b, n + 1);
      lane.durations.push(performance.now() - t0);
    } catch (error) {
      lane.failures.push(error instanceof Error ? error.message : String(error));
      await lane.kiosk.bridge['session.end']({}); // the next shopper starts afresh
    }
    lane.done += 1;
  }
}

function verdictRows(lane: Lane, minutes: number): BenchRow[] {
  const role = lane.kiosk.role;
  const s = lane.samples;
  const first = s[0];
  const last = s.at(-1);
  if (!first || !last) return [];
  const rss = driftAfterWarmUp(s, (x) => x.rssBytes);
  const heap = driftAfterWarmUp(s, (x) => x.heapUsedBytes);
  // Heap used is a sawtooth (a collection every few minutes here): the median of a window depends
  // on where in the tooth it ends; the floor of a window is the live heap after a collection.
  const heapFloor = driftAfterWarmUp(s, (x) => x.heapUsedBytes, 0.2, windowFloor);
  const live = liveHeapDrift(s);
  const steady = s[Math.floor(s.length * 0.2)] ?? first;
  const pct = (c: number) => `${c >= 0 ? '+' : ''}${round(c * 100, 1)} %`;
  const flat = (c: number) => (Math.abs(c) <= 0.05 ? 'flat' : 'NOT flat');
  const db = driftAfterWarmUp(s, (x) => x.dbBytes);
  const dbPerVisit = (last.dbBytes - steady.dbBytes) / Math.max(1, last.visits - steady.visits);
  return [
    {
      suite: name,
      metric: `${role}: visits done over ${minutes} min (failed)`,
      value: lane.done,
      unit: 'visits',
      note: `${lane.failures.length} failed${lane.failures[0] ? ` (first: ${lane.failures[0]})` : ''}; visit median ${round(median(lane.durations), 0)} ms, p95 ${round(percentile(lane.durations, 95), 0)} ms`,
    },
    {
      suite: name,
      metric: `${role}: RSS after warm-up, change`,
      value: round(rss.change * 100, 1),
      unit: '%',
      note: `${flat(rss.change)}: ${mb(rss.from)} → ${mb(rss.to)} MB (start ${mb(first.rssBytes)} MB, ${pct(rss.change)})`,
    },
    {
      suite: name,
      metric: `${role}: JS heap live (after a full collection) after warm-up, change`,
      value: round(live.change * 100, 1),
      unit: '%',
      note: Number.isNaN(live.change)
        ? `too few full collections after warm-up (${live.collections}) to tell`
        : `${flat(live.change)}: ${mb(live.from)} → ${mb(live.to)} MB (median of the first and the last tenth of the ${live.collections} full collections after warm-up, at least 3 each)`,
    },
    {
      suite: name,
      metric: `${role}: JS heap used after warm-up, change`,
      value: round(heap.change * 100, 1),
      unit: '%',
      note: `sawtooth, not the verdict: median of the window ${mb(heap.from)} → ${mb(heap.to)} MB (start ${mb(first.heapUsedBytes)} MB)`,
    },
    {
      suite: name,
      metric: `${role}: JS heap floor after warm-up, change`,
      value: round(heapFloor.change * 100, 1),
      unit: '%',
      note: `sawtooth, not the verdict: lowest sample of the window ${mb(heapFloor.from)} → ${mb(heapFloor.to)} MB`,
    },
    {
      suite: name,
      metric: `${role}: open fds, end minus after warm-up`,
      value: last.fds - steady.fds,
      unit: 'fds',
      note: `${steady.fds} → ${last.fds}; active resources ${steady.activeResources} → ${last.activeResources}`,
    },
    {
      suite: name,
      metric: `${role}: listeners, end minus after warm-up`,
      value: last.listeners - steady.listeners,
      unit: 'listeners',
      note: `${steady.listeners} → ${last.listeners}`,
    },
    {
      suite: name,
      metric: `${role}: database size after warm-up, change`,
      value: round(db.change * 100, 1),
      unit: '%',
      note: `${Math.abs(db.change) <= 0.05 ? 'bounded' : 'NOT bounded'}: ${mb(db.from)} → ${mb(db.to)} MB (file + WAL; start ${mb(first.dbBytes)} MB, max ${mb(Math.max(...s.map((x) => x.dbBytes)))} MB)`,
    },
    {
      suite: name,
      metric: `${role}: database growth per visit after warm-up`,
      value: round(dbPerVisit / 1024, 2),
      unit: 'KiB',
      note: `${mb(first.dbBytes)} → ${mb(last.dbBytes)} MB (file + WAL)`,
    },
    {
      suite: name,
      metric: `${role}: outbox depth at the end (not acked)`,
      value: last.outboxDepth,
      unit: 'rows',
      note: `max during the run ${Math.max(...s.map((x) => x.outboxDepth))}`,
    },
  ];
}

function plot(lanes: Lane[], visits: number, minutes: number): void {
  const colors = { mirror: ['#1f77b4', '#6baed6'], checkout: ['#d62728', '#fc9272'] };
  const series: PlotSeries[] = lanes.flatMap((lane) => {
    const [rssColor = '#000', heapColor = '#888'] = colors[lane.kiosk.role];
    const at = (x: SoakSample): number => x.t / 60;
    return [
      {
        label: `${lane.kiosk.role} RSS`,
        color: rssColor,
        points: lane.samples.map((x): [number, number] => [at(x), x.rssBytes / 1048576]),
      },
      {
        label: `${lane.kiosk.role} JS heap used`,
        color: heapColor,
        dashed: true,
        points: lane.samples.map((x): [number, number] => [at(x), x.heapUsedBytes / 1048576]),
      },
      {
        label: `${lane.kiosk.role} heap after full GC`,
        color: rssColor,
        dashed: true,
        points: lane.samples.flatMap((x): Array<[number, number]> =>
          x.heapAfterGcBytes === null ? [] : [[at(x), x.heapAfterGcBytes / 1048576]],
        ),
      },
    ];
  });
  const title = `Kiosk soak: ${visits} visits over ${minutes} min (mirror + checkout processes)`;
  writeFileSync(join(repoRoot, 'docs', 'soak.svg'), lineChartSvg(title, 'minutes', 'MB', series));
}

export async function run(): Promise<BenchRow[]> {
  const visits = Number(process.env.SOAK_VISITS ?? 10_000);
  const minutes = Number(process.env.SOAK_MINUTES ?? 60);
  const sampleMs = Math.max(1000, Math.round((minutes * 60_000) / 240));
  const retentionScale = minutes / 10 / (DEFAULT_RETENTION.syncedHistoryDays * 24 * 60);
  const loadAtStart = load();
  // Every sample as it is taken, so a run that dies late still leaves its numbers.
  const samplesFile = join(tmpdir(), `kiosk-soak-${process.pid}.jsonl`);
  console.error(`soak samples: ${samplesFile}`);
  const cloud = await startCloudProcess({ env: { CLOUD_TRAIN_AT: 'off' } });
  const lanes: Lane[] = [];
  const probes: Array<ReturnType<typeof soakProbe>> = [];
  let sampler: NodeJS.Timeout | null = null;
  try {
    for (const role of ['mirror', 'checkout'] as const) {
      const enroll = { url: cloud.url, code: await cloud.enrollmentCode() };
      const kiosk = await startSoakKiosk(role, enroll, sampleMs, retentionScale);
      lanes.push({ kiosk, done: 0, failures: [], durations: [], samples: [] });
    }
    for (const lane of lanes)
      probes.push(soakProbe(lane.kiosk.pid, lane.kiosk.process.dataDir, lane.kiosk.metricsFile));
    const t0 = performance.now();
    const sampleAll = () =>
      lanes.forEach((lane, i) => {
        const t = (performance.now() - t0) / 1000;
        const sample = probes[i]?.sample(t, lane.done);
        if (!sample) return;
        lane.samples.push(sample);
        appendFileSync(samplesFile, `${JSON.stringify({ role: lane.kiosk.role, ...sample })}\n`);
      });
    await sleep(sampleMs); // a first metrics line from each kiosk
    sampleAll();
    sampler = setInterval(sampleAll, sampleMs);
    const garments = demoGarments();
    const perLane = Math.ceil(visits / lanes.length);
    await Promise.all(lanes.map((lane) => runLane(lane, perLane, minutes * 60_000, garments)));
    // What the last visits queued reaches the cloud within a few pushes.
    const drainBy = performance.now() + 180_000;
    while (performance.now() < drainBy) {
      const depth = probes.map((p) => p.outboxDepth());
      if (depth.every((d) => d === 0)) break;
      await sleep(2000);
    }
    await sleep(sampleMs);
    clearInterval(sampler);
    sampler = null;
    sampleAll();
    const wallMin = round((performance.now() - t0) / 60_000, 1);
    plot(lanes, visits, minutes);
    const receipts = lanes.find((l) => l.kiosk.role === 'checkout')?.kiosk.receipts() ?? 0;
    return [
      ...lanes.flatMap((lane) => verdictRows(lane, minutes)),
      {
        suite: name,
        metric: 'receipts printed on the pty printer',
        value: receipts,
        unit: 'receipts',
        note: `${wallMin} min wall; load average at start ${loadAtStart}, at end ${load()} (2 shared cores)`,
      },
    ];
  } finally {
    if (sampler) clearInterval(sampler);
    for (const probe of probes) probe.close();
    for (const lane of lanes) await lane.kiosk.stop();
    await cloud.remove();
  }
}
