/**
 * The kiosk as a child process for the fault suite (run with `node bin/run-ts.mjs`):
 *   driver.ts <dataDir> enroll <url> <code>
 *   driver.ts <dataDir> write <count> [kinds,comma] [perTransaction] [clockOffsetMs]
 *   driver.ts <dataDir> sync            push everything, then pull every stream (one engine run)
 *   driver.ts <dataDir> drain           push only, retrying with backoff until the queue is empty
 * Prints one JSON line with the outcome. KIOSK_FAULT_POINT makes it SIGKILL itself at that point.
 */
import { createCloudClient } from '../../../sync/cloud-client';
import { enroll } from '../../../sync/credentials';
import { faultPoint } from '../../../sync/fault';
import { createHttpClient } from '../../../sync/http-client';
import { openSyncEngine } from '../../../sync/open';
import { openKiosk, writeMutations, type WriteKind } from './kiosk';

const [dir, command, ...args] = process.argv.slice(2);
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function main(): Promise<number> {
  if (!dir || !command) return 2;
  const k = openKiosk(dir);
  try {
    if (command === 'enroll') {
      const [url = '', code = ''] = args;
      const http = createHttpClient({ baseUrl: url });
      if (!http.ok) return (print(http), 1);
      const r = await enroll({
        db: k.db,
        key: k.key,
        client: createCloudClient(http.value),
        url,
        caFile: null,
        code,
        deviceName: 'fault kiosk',
      });
      http.value.close();
      print(r.ok ? { ok: true, deviceId: r.value.deviceId } : r);
      return r.ok ? 0 : 1;
    }
    if (command === 'write') {
      const [count = '1', kinds = 'earn,tryon,pref,sale', per = '1', offset = '0'] = args;
      const keys = writeMutations(k, Number(count), {
        kinds: kinds.split(',') as WriteKind[],
        perTransaction: Number(per),
        nowMs: () => Date.now() + Number(offset),
        beforeCommit: () => faultPoint('before-commit'),
      });
      print({ ok: true, written: keys.length });
      return 0;
    }
    if (command === 'sync' || command === 'drain') {
      const opened = openSyncEngine(k.db, k.key, {
        pushOnly: command === 'drain',
        timeoutMs: Number(process.env.SYNC_TIMEOUT_MS ?? 10_000),
      });
      if (!opened.ok) return (print(opened), 1);
      const { engine, client } = opened.value;
      let report = await engine.syncNow();
      // drain: keep going through transient faults the way the timer would (short waits for tests).
      const tries = Number(process.env.DRAIN_TRIES ?? 60);
      for (let i = 0; command === 'drain' && !report.ok && i < tries; i++) {
        await new Promise((r) => setTimeout(r, Math.min(2000, report.error?.retryAfterMs ?? 200)));
        report = await engine.syncNow();
      }
      engine.stop();
      client.close();
      print({ ...report, status: engine.status() });
      return report.ok ? 0 : 1;
    }
    return 2;
  } finally {
    k.close();
  }
}

process.exitCode = await main();
