/**
 * A kiosk restored from a backup: its database reuses seqs the device already spent, or names an
 * epoch the cloud has retired. The cloud answers `epoch-retired`; the kiosk moves its unacknowledged
 * rows to a fresh epoch (same keys) and drains. Nothing is applied twice, nothing is lost.
 */
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { check } from './support/checker';

import { openKiosk, outboxRows } from './support/kiosk';
import { runDriver } from './support/spawn';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment();

const epochs = (dir: string) => {
  const k = openKiosk(dir);
  try {
    return k.db
      .prepare<[], { epoch: number; n: number }>(
        "SELECT epoch, count(*) AS n FROM outbox WHERE state = 'acked' GROUP BY epoch ORDER BY epoch",
      )
      .all();
  } finally {
    k.close();
  }
};

describe('a kiosk restored from a backup', () => {
  it('gets epoch-retired, renumbers its pending rows into a new epoch, and every mutation lands once', async () => {
    const live = env.newDir();
    expect((await runDriver(live, ['enroll', env.cloud.url, await env.cloud.code()])).code).toBe(0);
    await runDriver(live, ['write', '10']);
    expect((await runDriver(live, ['drain'])).out).toMatchObject({ ok: true, pushed: 10 });
    await runDriver(live, ['write', '8']);
    // The backup: 10 acknowledged, 8 pending (seq 11–18), taken before they were pushed.
    const backup = env.newDir();
    cpSync(live, backup, { recursive: true });
    expect((await runDriver(live, ['drain'])).out).toMatchObject({ ok: true, pushed: 8 });
    await runDriver(live, ['write', '5']);
    expect((await runDriver(live, ['drain'])).out).toMatchObject({ ok: true, pushed: 5 });

    // The machine dies; a copy of the backup takes over and writes 4 new mutations as seq 19–22,
    // numbers the cloud already holds for other keys.
    const restored = env.newDir();
    cpSync(backup, restored, { recursive: true });
    await runDriver(restored, ['write', '4']);
    const first = await runDriver(restored, ['drain']);
    expect(first.out).toMatchObject({ ok: true });
    expect(epochs(restored)).toEqual([
      { epoch: 1, n: 10 },
      { epoch: 2, n: 12 },
    ]);

    // The same backup restored once more: its epoch 1 is retired now; it moves above epoch 2.
    const again = env.newDir();
    cpSync(backup, again, { recursive: true });
    await runDriver(again, ['write', '2']);
    expect((await runDriver(again, ['drain'])).out).toMatchObject({ ok: true });
    expect(epochs(again)).toEqual([
      { epoch: 1, n: 10 },
      { epoch: 3, n: 10 },
    ]);

    const kiosks = [live, restored, again].map(openKiosk);
    try {
      for (const k of kiosks) expect(outboxRows(k.db).every((r) => r.state === 'acked')).toBe(true);
      expect(
        await check(
          env.cloud,
          kiosks.map((k) => k.db),
        ),
      ).toEqual([]);
      const [device] = await env.cloud.query<{ epoch: string; last_seq: number }>(
        `SELECT epoch, last_seq::int AS last_seq FROM devices d
         WHERE EXISTS (SELECT 1 FROM mutations m WHERE m.device_id = d.device_id AND m.epoch = '3')`,
      );
      expect(device).toEqual({ epoch: '3', last_seq: 10 });
      const total = await env.cloud.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mutations WHERE device_id = (
           SELECT device_id FROM devices WHERE epoch = '3')`,
      );
      // 10 + 8 + 5 by the live kiosk, 4 by the first restore, 2 by the second: each once.
      expect(total[0]?.n).toBe(29);
    } finally {
      for (const k of kiosks) k.close();
    }
  }, 120_000);
});
