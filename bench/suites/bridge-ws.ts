/**
 * The web shell's bridge as the screen uses it, on the demo store: opening an authenticated
 * WebSocket (token and Origin checked), a small call's round trip, the largest call the contract
 * allows (a 1 MiB try-on photo: the frame limit), and refusing an upgrade with a wrong token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxPhotoBase64Chars } from '../../bridge/areas/mirror';
import { maxFrameBytes } from '../../bridge/frame-limit';
import { clientProtocols } from '../../bridge/wire';
import { startKioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { startWebShell } from '../../host/web/server';
import { bridgeClient, rawBridgeSocket, tokenOf } from '../../test/support/bridge-client';
import { demoStore, tempDir } from '../../test/support/temp';
import { median, percentile, round, type BenchRow } from '../support/stats';

export const name = 'bridge-ws';

async function timed(times: number, action: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await action();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function run(): Promise<BenchRow[]> {
  const dir = tempDir('kiosk-bench-bridge-');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const host = await startKioskHost({
    config: parseConfig({ storeId: 'S001', role: 'mirror' }),
    dataDir: join(dir.path, 'data'),
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(null, 'silent'),
  });
  const shell = await startWebShell({ bridge: host.bridge, rendererDir, port: 0 });
  const origin = new URL(shell.url).origin;
  try {
    const connects = await timed(200, async () => {
      const { socket } = await rawBridgeSocket(shell.url, {
        protocols: clientProtocols(tokenOf(shell.url)),
        origin,
      });
      socket?.terminate();
    });
    const refusals = await timed(200, () =>
      rawBridgeSocket(shell.url, { protocols: clientProtocols('A'.repeat(43)), origin }),
    );
    const api = bridgeClient(shell.url);
    await api['app.info']({});
    const small = await timed(2000, () => api['app.info']({}));
    const photo = { imageBase64: 'A'.repeat(maxPhotoBase64Chars) };
    const largest = await timed(30, () => api['mirror.photo'](photo));
    api.close();
    return [
      { suite: name, metric: 'frame limit (largest call)', value: maxFrameBytes, unit: 'bytes' },
      {
        suite: name,
        metric: 'authenticated connect median',
        value: round(median(connects), 2),
        unit: 'ms',
      },
      {
        suite: name,
        metric: 'refused upgrade (wrong token) median',
        value: round(median(refusals), 2),
        unit: 'ms',
      },
      {
        suite: name,
        metric: 'small call round trip median',
        value: round(median(small), 3),
        unit: 'ms',
      },
      {
        suite: name,
        metric: 'small call round trip p99',
        value: round(percentile(small, 99), 3),
        unit: 'ms',
      },
      {
        suite: name,
        metric: 'largest call (1 MiB photo) median',
        value: round(median(largest), 2),
        unit: 'ms',
      },
    ];
  } finally {
    await shell.close();
    await host.close();
    dir.remove();
  }
}
