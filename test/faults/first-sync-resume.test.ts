/**
 * A first sync of a large catalog, killed with SIGKILL half way, resumes at the next big page
 * without fetching or applying again what it had; `kiosk sync now` shows its progress.
 * Real processes: the kiosk CLI as a child, the cloud on a real port behind a recording proxy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCloudCatalog } from '../../bench/support/generate-cloud-catalog';
import { openDatabase } from '../../core/store/db';
import { DEFAULT_BULK_PULL_LIMIT } from '../../sync/protocol';
import { repoRoot, tempDir } from '../support/temp';
import { startRealCloud, type RunningCloud } from './support/cloud';
import { startFaultProxy, type FaultProxy } from './support/proxy';

const GENERATED = 100_000;
let cloud: RunningCloud;
let proxy: FaultProxy;
const dir = tempDir('kiosk-first-sync-');
const kioskBin = join(repoRoot, 'bin', 'kiosk.mjs');
const env = { ...process.env, KIOSK_DATA_DIR: dir.path, LOG_LEVEL: 'silent' };

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  await cloud.cloud.db.transaction((tx) => generateCloudCatalog(tx, GENERATED));
  proxy = await startFaultProxy(cloud.url);
}, 180_000);
afterAll(async () => {
  await proxy.close();
  await cloud.close();
  dir.remove();
});

/** Rows of the catalog stream this kiosk holds, and its bulk progress row, read from its file. */
function localState() {
  const db = openDatabase(join(dir.path, 'kiosk.db'), { readonly: true });
  try {
    const rows = db
      .prepareRead<[], { n: number }>(
        'SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM variants) AS n',
      )
      .get()?.n;
    const codes = db
      .prepareRead<[], { n: number }>('SELECT count(*) AS n FROM catalog_codes')
      .get();
    const variants = db.prepareRead<[], { n: number }>('SELECT count(*) AS n FROM variants').get();
    const progress = db
      .prepareRead<[], { total: number | null; done: number }>(
        "SELECT total, done FROM sync_bulk_progress WHERE stream = 'catalog'",
      )
      .get();
    return { rows: rows ?? 0, codes: codes?.n, variants: variants?.n, progress: progress ?? null };
  } catch {
    return null; // not created yet
  } finally {
    db.close();
  }
}

/** `kiosk <args>` as a child process (never spawnSync: the cloud answers in this process). */
function runKiosk(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [kioskBin, ...args], { env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const catalogPulls = (requests: string[]) =>
  requests.filter((r) => r.startsWith('GET /v1/pull/catalog/bulk'));

describe('first sync of a large catalog', () => {
  it('killed half way, resumes at the next page and shows rows, rate and time left', async () => {
    const code = await cloud.code();
    const enrolled = await runKiosk(['enroll', proxy.url, code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);

    const first = spawn(process.execPath, [kioskBin, 'sync', 'now'], { env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => first.once('exit', (_c, s) => r(s)));
    let seen = localState();
    while (!seen?.progress || seen.progress.done === 0) {
      await new Promise((r) => setTimeout(r, 20));
      seen = localState();
    }
    first.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const killed = localState();
    const total = killed?.progress?.total ?? 0;
    const done = killed?.progress?.done ?? 0;
    const [inStream] = await cloud.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM stream_rows WHERE stream = 'catalog'",
    );
    expect(total).toBe(inStream?.n); // the generated rows and the demo store's
    expect(total).toBeGreaterThan(GENERATED);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total);
    // what the progress row says is there, is there: pages commit with their rows
    expect(killed?.rows).toBe(done);
    expect(killed?.codes).toBe(killed?.variants);
    const before = proxy.requests.length;

    const again = await runKiosk(['sync', 'now']);
    expect(again.code, again.stderr).toBe(0);
    const resumed = catalogPulls(proxy.requests.slice(before));
    // no new snapshot: it asks for the page after the last one it applied, then the rest
    expect(resumed[0]).toContain('cursor=');
    expect(resumed).toHaveLength(Math.ceil((total - done) / DEFAULT_BULK_PULL_LIMIT));
    const after = localState();
    expect(after?.rows).toBe(total);
    expect(after?.codes).toBe(after?.variants);
    expect(after?.progress).toBeNull();

    // plain progress lines (stderr is not a terminal), starting from the rows already there
    const lines = again.stderr.split('\n').filter((l) => / first sync: catalog /.test(l));
    const firstDone = Number(
      / ([\d,]+)\/[\d,]+ rows/.exec(lines[0] ?? '')?.[1]?.replaceAll(',', ''),
    );
    expect(firstDone).toBeGreaterThan(done);
    expect(lines.at(-1)).toMatch(/100% [\d,]+\/[\d,]+ rows {2}[\d,]+ rows\/s {2}done in \d/);
  }, 240_000);
});
