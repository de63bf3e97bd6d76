/**
 * Issue 11 item 9: personal data never rests in clear. A shopper joins at a self-checkout (phone on
 * the keypad) and buys; a member signs in by card and buys; the joined member is erased with
 * `kiosk member erase`. Then the database file, its WAL and the log are searched, byte by byte,
 * for the phone number, the names and the card number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../bridge/views';
import { startKioskHost, type KioskHost } from '../../host/app';
import { memberCommand } from '../../host/cli/member';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { demoStore, tempDir } from '../support/temp';
import { until } from '../support/until';

const PHONE = '13987654321';
const JOINED_NAME = '会员4321';
const CARD = '6280000000000016'; // M000001 in the demo store
const CARD_MEMBER_NAME = '赵萍';
const STAFF_NAME = '周婷'; // E1001, imported from staff.csv
const DRESS = '6970001000016';
const PAY_CODE = '134567890123456789';

const dir = tempDir('kiosk-at-rest-');
let host: KioskHost;

async function call(method: string, params: object = {}): Promise<SessionView> {
  const result = await host.bridge.dispatch(method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as SessionView;
}

let latest: SessionView | null = null;

beforeAll(async () => {
  host = await startKioskHost({
    config: parseConfig({
      storeId: 'S001',
      role: 'checkout',
      payment: 'sim',
      devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'sim', suffix: '\r' }],
    }),
    dataDir: dir.path,
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(dir.path, 'debug'),
  });
  host.bridge.subscribe((event, payload) => {
    if (event === 'session.changed') latest = payload as SessionView;
  });
}, 60_000);

afterAll(async () => {
  await host?.close();
  dir.remove();
});

const waitFor = (check: (view: SessionView) => boolean, what: string) =>
  until(() => latest !== null && check(latest), what, 15_000);
const send = (text: string) => host.devices.simulator('scanner-1')?.send(Buffer.from(`${text}\r`));

/** Every file the search covers, read as raw bytes. */
function files(): Array<{ name: string; bytes: Buffer }> {
  const names = ['kiosk.db', 'kiosk.db-wal', join('logs', 'kiosk.log')];
  return names
    .filter((name) => existsSync(join(dir.path, name)))
    .map((name) => ({ name, bytes: readFileSync(join(dir.path, name)) }));
}

function found(): string[] {
  const secrets = [PHONE, JOINED_NAME, CARD, CARD_MEMBER_NAME, STAFF_NAME];
  return files().flatMap(({ name, bytes }) =>
    secrets
      .filter((secret) => bytes.includes(Buffer.from(secret, 'utf8')))
      .map((s) => `${s} in ${name}`),
  );
}

describe('personal data at rest', () => {
  it('join, sell, sign in by card, sell, erase: no phone, name or card number in the database, WAL or log', async () => {
    // a shopper joins at the checkout and buys a dress
    await call('member.join', {
      phone: PHONE,
      acceptTerms: true,
      consentProfile: true,
      consentMarketing: false,
    });
    send(DRESS);
    await waitFor(
      (v) => (v.cart?.lines.length ?? 0) === 1 && v.member !== null,
      'the dress in the cart',
    );
    send(PAY_CODE);
    await waitFor((v) => v.cart?.payment.state === 'paid', 'the joined member paid');
    await call('session.end');
    // a member swipes the member card (its track through the scanner path) and buys
    send(`;${CARD}=29121010000?`);
    await waitFor((v) => v.member !== null, 'the card member signed in');
    send(DRESS);
    await waitFor((v) => (v.cart?.lines.length ?? 0) === 1, 'the dress in the card member’s cart');
    send(PAY_CODE);
    await waitFor((v) => v.cart?.payment.state === 'paid', 'the card member paid');
    await call('session.end');

    const joined = host.db
      .prepare<[], { member_id: string }>(
        "SELECT member_id FROM members WHERE member_id LIKE 'PRV-%'",
      )
      .get();
    expect(joined).toBeDefined();
    const outbox = host.db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM outbox WHERE mutation = 'registerMember'",
      )
      .get();
    expect(outbox?.n).toBe(1);
    // before the erasure: sealed, not absent (this is what the search must not find)
    expect(found()).toEqual([]);

    const out: string[] = [];
    const code = await memberCommand(['erase', joined?.member_id ?? ''], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      env: { KIOSK_DATA_DIR: dir.path },
      stdin: process.stdin,
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/personal outbox arguments deleted: 1/);
    const sealed = host.db
      .prepare<[], { sealed_args: Buffer | null; personal_erased_at: string | null }>(
        "SELECT sealed_args, personal_erased_at FROM outbox WHERE mutation = 'registerMember'",
      )
      .get();
    expect(sealed).toMatchObject({ sealed_args: null, personal_erased_at: expect.any(String) });

    expect(found()).toEqual([]);
    await host.close();
    expect(found()).toEqual([]);
  });
});
