/**
 * Issue 11 item 4, the kiosk's side, against a real cloud: a member of another store signs in
 * online (the look-up brings a presence ticket, kept sealed with the cached member); later that day,
 * offline, a sale with points for that member still carries the ticket and the cloud applies it.
 * A member of another store without a ticket is not signed in offline; a mutation written for one
 * anyway is rejected `member-not-present`, with its compensation and a staff task on the kiosk.
 */
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../core/outbox/outbox';
import { check } from './support/checker';
import { checkoutScreen, demoKioskWithCloudForFile } from './support/in-process';

const VISITOR = { id: 'M000003', qr: 'MBR1.4N433GGMT6TCPAR4CTQP' }; // home S003, in the demo cache
const NO_TICKET = { id: 'M000005', qr: 'MBR1.YSSGL2LSKPEYW65HPRRX' }; // home S003
const bytes = (text: string) => new TextEncoder().encode(text);
const env = demoKioskWithCloudForFile('kiosk-presence-', { syncFirst: true });
const checkout = (connectivity: 'online' | 'offline') =>
  checkoutScreen(env.k, { connectivity, lookupThrough: env.k });

const ledger = (memberId: string) =>
  env.cloud.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM points_ledger WHERE member_id = $1',
    [memberId],
  );

describe('presence of a member of another store', () => {
  it('online sign-in brings a ticket; the offline sale later carries it and is applied', async () => {
    const online = checkout('online');
    online.handleScan(bytes(VISITOR.qr));
    await online.memberLookupSettled();
    expect(online.current().member).not.toBeNull();
    online.close();

    // later that day, the network is gone: the cached member and their ticket serve the sale
    const offline = checkout('offline');
    offline.handleScan(bytes('6970001000016'));
    expect(offline.handleScan(bytes(VISITOR.qr)).member).not.toBeNull();
    offline.checkout.redeemPoints(500);
    offline.handleScan(bytes('134567890123456789'));
    await expect.poll(() => offline.current().cart?.payment.state).toBe('paid');
    offline.end();
    // a member of another store without a ticket: not signed in while offline
    expect(offline.handleScan(bytes(NO_TICKET.qr))).toMatchObject({
      member: null,
      notice: { key: 'member-lookup-offline' },
    });
    offline.close();
    const sealed = env.k.db
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND presence_enc IS NOT NULL
         AND json_extract(args, '$.memberId') = ?`,
      )
      .get(VISITOR.id);
    expect(sealed?.n).toBeGreaterThanOrEqual(2); // the earn and the redemption

    const before = (await ledger(VISITOR.id))[0]?.n ?? 0;
    expect((await env.k.sync()).ok).toBe(true);
    expect((await ledger(VISITOR.id))[0]?.n).toBe(before + 2);
    expect(await check(env.cloud, [env.k.db])).toEqual([]);
  }, 60_000);

  it('a mutation written without a ticket is rejected member-not-present, with a staff task', async () => {
    const before = (await ledger(NO_TICKET.id))[0]?.n;
    env.k.db.transaction(() =>
      enqueue(env.k.db, {
        name: 'earnPoints',
        version: 1,
        idempotencyKey: 'earn:no-ticket',
        args: { earnId: 'no-ticket', memberId: NO_TICKET.id, points: 50, saleId: null },
        hlc: `${String(Date.now()).padStart(18, '0')}-0001-kiosk`,
      }),
    );
    expect((await env.k.sync()).ok).toBe(true);
    expect(
      env.k.db
        .prepare("SELECT state, last_error FROM outbox WHERE idempotency_key = 'earn:no-ticket'")
        .get(),
    ).toEqual({ state: 'acked', last_error: expect.stringMatching(/^member-not-present/) });
    expect(
      env.k.db
        .prepare(
          "SELECT kind, error_code FROM sync_staff_tasks WHERE mutation_key = 'earn:no-ticket'",
        )
        .get(),
    ).toEqual({ kind: 'member-not-present', error_code: 'member-not-present' });
    expect((await ledger(NO_TICKET.id))[0]?.n).toBe(before);
  }, 60_000);
});
