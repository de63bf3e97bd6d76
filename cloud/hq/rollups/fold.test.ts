/**
 * The fold after COMMIT (cloud migration 380, fold.ts): a push leaves notes, the background folder
 * applies them without anyone asking, an HQ API request folds before it reads (a cloud whose
 * background folder is off still answers with the push just made), and a folder whose step fails
 * reports it and goes on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hqSession } from '../../campaigns/test-support';
import type { Db } from '../../db/db';
import {
  DB_KINDS,
  enrollDevice,
  env,
  push,
  startCloud,
  tryOnArgs,
  type Cloud,
} from '../../test/harness';
import { foldAll, hasNotes, startHqFolder } from './fold';

const garmentsOf = async (db: Db, session: string) =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM hq_garments WHERE session_id = $1',
      [session],
    )
  ).rows[0]?.n;

async function pushTryOns(cloud: Cloud, session: string, n: number): Promise<void> {
  const dev = await enrollDevice(cloud, 'S001');
  const mutations = Array.from({ length: n }, (_, i) =>
    env(i + 1, 'logTryOn', {
      ...tryOnArgs(`${session}-T${i}`),
      sessionId: session,
      sku: i % 2 ? 'DRE001-WHT-XS' : 'DRE001-WHT-S',
    }),
  );
  const res = await push(cloud, dev, 'e1', mutations);
  expect(res.statusCode).toBe(200);
}

describe.each(DB_KINDS)('HQ fold after COMMIT (%s)', (kind) => {
  let cloud: Cloud | null = null;
  afterEach(async () => {
    await cloud?.close();
    cloud = null;
  });
  // one cloud without a background folder for the tests that fold by hand (their own sessions)
  let quiet: Cloud;
  beforeAll(async () => {
    quiet = await startCloud(kind, { app: { hqFolder: false } });
  });
  afterAll(() => quiet.close());

  it('leaves notes in the push, and the background folder applies them unasked', async () => {
    cloud = await startCloud(kind, { app: { hqFolder: { idleMs: 20 } } });
    await pushTryOns(cloud, 'FOLD-BG', 2);
    const deadline = Date.now() + 10_000;
    while ((await garmentsOf(cloud.db, 'FOLD-BG')) !== 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(await garmentsOf(cloud.db, 'FOLD-BG')).toBe(2);
    expect(await hasNotes(cloud.db)).toBe(false);
  });

  it('folds before an HQ API read, with no background folder', async () => {
    const analyst = await hqSession(quiet.app, quiet.db, 'fold-analyst', 'analyst');
    await pushTryOns(quiet, 'FOLD-READ', 3);
    expect(await hasNotes(quiet.db)).toBe(true);
    expect(await garmentsOf(quiet.db, 'FOLD-READ')).toBe(0);
    const res = await analyst.call(
      'GET',
      '/rows/visits?from=2026-11-01&to=2026-11-30&day=2026-11-20&storeId=S001&limit=200',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('FOLD-READ');
    expect(await garmentsOf(quiet.db, 'FOLD-READ')).toBe(2);
    expect(await hasNotes(quiet.db)).toBe(false);
  });

  it('reports a failed step and folds on the next one', async () => {
    await pushTryOns(quiet, 'FOLD-ERR', 2);
    const real = quiet.db;
    let failures = 1;
    // the first step's transaction fails as a database gone away would
    const flaky: Db = {
      ...real,
      query: real.query.bind(real),
      exec: real.exec.bind(real),
      close: real.close.bind(real),
      transaction: (fn, opts) => {
        if (failures-- > 0) return Promise.reject(new Error('connection terminated'));
        return real.transaction(fn, opts);
      },
    };
    const errors: unknown[] = [];
    const folder = startHqFolder(flaky, {
      idleMs: 10,
      retryMs: 10,
      onError: (e) => errors.push(e),
    });
    const deadline = Date.now() + 10_000;
    while ((await garmentsOf(real, 'FOLD-ERR')) !== 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await folder.stop();
    expect(errors.map(String)).toEqual(['Error: connection terminated']);
    expect(await garmentsOf(real, 'FOLD-ERR')).toBe(2);
  });

  it('folds everything noted so far in one call', async () => {
    await pushTryOns(quiet, 'FOLD-ALL', 6);
    await foldAll(quiet.db);
    expect(await garmentsOf(quiet.db, 'FOLD-ALL')).toBe(2);
    expect(await hasNotes(quiet.db)).toBe(false);
  });
});
