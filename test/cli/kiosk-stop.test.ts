/**
 * `kiosk start` stops on SIGTERM (systemd, docker) and SIGINT (Ctrl+C) while its standard input is
 * open — the demo reads typed scans from it — within 3 s, with exit code 0 and the database closed:
 * it opens cleanly afterwards, its WAL folded back into the file, and a write made just before the
 * signal is there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeClient } from '../support/bridge-client';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { ensureRendererBuilt } from '../support/renderer-build';
import { until } from '../support/until';

const demoMirror = {
  storeId: 'S001',
  role: 'mirror',
  devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' }],
};
const running: KioskProcess[] = [];

beforeAll(() => ensureRendererBuilt(), 240_000);
afterAll(async () => {
  for (const kiosk of running) await kiosk.stop();
});

/** Resolves with the exit, or with 'still running' once `ms` have passed. */
function exitWithin(kiosk: KioskProcess, ms: number) {
  return Promise.race([
    kiosk.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms)),
  ]);
}

describe.each(['SIGTERM', 'SIGINT'] as const)('kiosk start on %s', (signal) => {
  it('exits 0 within 3 s with stdin open, and the database keeps the last write', async () => {
    const kiosk = await startKiosk(demoMirror);
    running.push(kiosk);
    const api = bridgeClient(kiosk.url);
    // A barcode typed on the terminal (stdin stays open), then a reaction: a try-on row.
    kiosk.child.stdin?.write('6970001000016\n');
    let cards = 0;
    await until(
      () => {
        void api['session.current']({}).then((r) => (cards = r.ok ? r.value.cards.length : 0));
        return cards === 1;
      },
      'the typed scan on the mirror',
      15_000,
    );
    const reacted = await api['mirror.react']({ sku: 'DRE001-WHT-XS', reaction: 'liked' });
    expect(reacted).toMatchObject({ ok: true, value: { cards: [{ reaction: 'liked' }] } });
    const sessionId = reacted.ok ? reacted.value.sessionId : null;
    api.close();
    expect(kiosk.child.stdin?.writable).toBe(true);

    kiosk.child.kill(signal);
    expect(await exitWithin(kiosk, 3000), kiosk.output()).toEqual({ code: 0, signal: null });

    const file = join(kiosk.dataDir, 'kiosk.db');
    expect(existsSync(`${file}-wal`), 'the WAL is checkpointed and removed on close').toBe(false);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const tryons = db.prepare('SELECT sku, outcome FROM tryons WHERE session_id = ?');
      expect(tryons.all(sessionId)).toEqual([{ sku: 'DRE001-WHT-XS', outcome: 'liked' }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
