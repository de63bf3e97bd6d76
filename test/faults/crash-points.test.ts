/**
 * The kiosk is killed with SIGKILL at each point of a push's life; a later run must leave every
 * committed mutation applied exactly once and the outbox drained.
 */
import { describe, expect, it } from 'vitest';

import { openKiosk, outboxRows } from './support/kiosk';

import { runDriver, startDriver } from './support/spawn';
import { useFaultEnvironment } from './support/environment';

const env = useFaultEnvironment({ proxy: true });
const { enrolledDriverKiosk: enrolledKiosk, syncedAndChecked: finalCheck } = env;

describe('SIGKILL at each point of a push', () => {
  it('before the local commit: the write never happened, so nothing is sent', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '5']);
    const killed = await runDriver(dir, ['write', '3', 'earn', '3'], {
      KIOSK_FAULT_POINT: 'before-commit',
    });
    expect(killed.signal).toBe('SIGKILL');
    const k = openKiosk(dir);
    expect(outboxRows(k.db)).toHaveLength(5);
    expect(k.db.prepare('SELECT count(*) AS n FROM points_ledger').get()).toEqual({ n: 2 });
    k.close();
    await finalCheck(dir);
  }, 60_000);

  it('after the commit, before the send: the batch goes out on the next run', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '12']);
    const killed = await runDriver(dir, ['sync'], { KIOSK_FAULT_POINT: 'before-send' });
    expect(killed.signal).toBe('SIGKILL');
    const k = openKiosk(dir);
    expect(outboxRows(k.db).every((r) => r.state === 'sent')).toBe(true);
    const [{ n } = { n: -1 }] = await env.cloud.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mutations WHERE key = ANY($1::text[])',
      [outboxRows(k.db).map((r) => r.key)],
    );
    expect(n).toBe(0);
    k.close();
    await finalCheck(dir);
  }, 60_000);

  it('after the server committed, before its answer arrived: the resend is a duplicate', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '12']);
    const run = startDriver(dir, ['sync']);
    env.proxy.plan = { onPushAnswered: () => run.child.kill('SIGKILL') };
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const k = openKiosk(dir);
    const keys = outboxRows(k.db).map((r) => r.key);
    const [{ n } = { n: -1 }] = await env.cloud.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mutations WHERE key = ANY($1::text[])',
      [keys],
    );
    expect(n).toBe(12); // the server has them all; the kiosk does not know yet
    expect(outboxRows(k.db).every((r) => r.state === 'sent')).toBe(true);
    k.close();
    await finalCheck(dir);
  }, 60_000);

  it('after the answer, before the local acknowledgement: acknowledged on the next run', async () => {
    const dir = await enrolledKiosk();
    await runDriver(dir, ['write', '12']);
    const killed = await runDriver(dir, ['sync'], { KIOSK_FAULT_POINT: 'before-ack' });
    expect(killed.signal).toBe('SIGKILL');
    await finalCheck(dir);
  }, 60_000);
});
