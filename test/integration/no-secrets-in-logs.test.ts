/**
 * Issue 11 item 5: no credential and no personal value in any log line of the cloud or the kiosk.
 * A real cloud process (cloud/main.ts, debug logging) and a real kiosk process (`kiosk start`, debug
 * logging, a scanner on a pty) run a full sync with online look-ups by QR token and by card, a
 * member joining with a phone number, a sale with points and `kiosk sync now`; an old-style look-up
 * with the credentials in the query string is sent too. Then every line either process (and the
 * CLI) wrote is searched for every card number, QR token, phone, name and token used.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKeyStore } from '../../core/crypto';
import { openPresence } from '../../core/members/presence';
import { openDatabase } from '../../core/store/db';
import { TtyWriter } from '../../device/sim/line-writer';
import { createPtyPair, type PtyPair } from '../../device/sim/pty-pair';
import { loadCredentials } from '../../sync/credentials';
import { startCloudProcess, type CloudProcess } from '../e2e/support/cloud';
import { bridgeClient } from '../support/bridge-client';
import { serialScanner, startKiosk, type KioskProcess } from '../support/kiosk-process';
import { repoRoot, tempDir } from '../support/temp';
import { until } from '../support/until';

const VISITOR_QR = { qr: 'MBR1.4N433GGMT6TCPAR4CTQP', id: 'M000003', name: '朱娟丽' }; // S003
const VISITOR_CARD = { card: '6280000000000024', id: 'M000002', name: '赵涛超' }; // S002
const PHONE = '13987650123';
const DEBUG = { KIOSK_LOG_LEVEL: 'debug' };

let cloud: CloudProcess;
let kiosk: KioskProcess;
let pair: PtyPair;
let scanner: TtyWriter;
const ptyDir = tempDir('logs-pty-');
let code = '';
let cliOutput = '';

function kioskCli(args: string[]): string {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...DEBUG, KIOSK_DATA_DIR: kiosk.dataDir },
    encoding: 'utf8',
  });
  cliOutput += r.stdout + r.stderr;
  return r.stdout;
}

/** Reads the kiosk database beside the running kiosk (WAL: readers do not disturb it). */
function kioskQuery<T>(sql: string, ...params: string[]): T[] {
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return db.prepare<string[], T>(sql).all(...params);
  } finally {
    db.close();
  }
}

const signedIn = (memberId: string) =>
  kioskQuery<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE member_id = ?', memberId)[0]
    ?.n ?? 0;

beforeAll(async () => {
  cloud = await startCloudProcess({ logLevel: 'debug' });
  code = await cloud.enrollmentCode();
  pair = await createPtyPair(ptyDir.path, 'scanner');
  kiosk = await startKiosk(
    {
      storeId: 'S001',
      role: 'checkout',
      language: 'zh-CN',
      payment: 'sim',
      devices: [serialScanner(pair.devicePath)],
    },
    { enroll: { url: cloud.url, code }, env: DEBUG },
  );
  scanner = new TtyWriter(pair.simPath);
}, 120_000);

afterAll(async () => {
  scanner?.close();
  await kiosk?.stop();
  await pair?.close();
  await cloud?.remove();
  ptyDir.remove();
});

describe('logs of a full sync with look-ups', () => {
  it('hold no card number, QR token, phone, name or token', async () => {
    const bridge = bridgeClient(kiosk.url);
    // sync now is a staff action (audited): a supervisor signs in for it, then out
    await bridge['staff.login']({ badge: 'BADGE-2001', pin: '8642' });
    for (let i = 0; i < 60; i++) {
      const r = await bridge['staff.syncNow']({});
      if (r.ok && r.value?.status.connectivity === 'online') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await bridge['staff.logout']({});
    // a member of another store by QR, another by card (their look-ups bring presence tickets)
    scanner.write(`${VISITOR_QR.qr}\r`);
    await until(() => signedIn(VISITOR_QR.id) > 0, 'the QR visitor signed in', 20_000);
    await bridge['session.end']({});
    scanner.write(`;${VISITOR_CARD.card}=29121010000?\r`);
    await until(() => signedIn(VISITOR_CARD.id) > 0, 'the card visitor signed in', 20_000);
    // a sale (points earned) for the card visitor, then a member joins with a phone number
    scanner.write('6970001000016\r');
    scanner.write('134567890123456789\r');
    const sold = () =>
      kioskQuery<{ n: number }>(
        'SELECT count(*) AS n FROM sales WHERE member_id = ?',
        VISITOR_CARD.id,
      )[0]?.n ?? 0;
    await until(() => sold() > 0, 'the sale paid', 20_000);
    await bridge['session.end']({});
    const joinedHere = await bridge['member.join']({
      phone: PHONE,
      acceptTerms: true,
      consentProfile: true,
      consentMarketing: false,
    });
    expect(joinedHere.ok).toBe(true);
    bridge.close();
    kioskCli(['sync', 'now']);
    await until(
      () => JSON.parse(kioskCli(['sync', 'status', '--json']) || '{}').queueDepth === 0,
      'the outbox drained',
      30_000,
    );
    // an old kiosk asking with the credentials in the URL: the cloud must not log them either
    await fetch(
      `${cloud.url}/v1/members/lookup?qrToken=${VISITOR_QR.qr}&cardNo=${VISITOR_CARD.card}`,
    );

    // every secret this run used
    const db = openDatabase(join(kiosk.dataDir, 'kiosk.db'));
    const key = fileKeyStore(kiosk.dataDir).loadOrCreate();
    const credentials = loadCredentials(db, key);
    const tickets = db
      .prepare<[], { member_id: string; presence_enc: Buffer }>(
        'SELECT member_id, presence_enc FROM members WHERE presence_enc IS NOT NULL',
      )
      .all()
      .map((r) => openPresence(key, r.member_id, r.presence_enc));
    db.close();
    const deviceToken = credentials.ok ? (credentials.value?.token ?? '') : '';
    expect(deviceToken).toMatch(/^dt_/);
    expect(tickets).toHaveLength(2);

    await new Promise((resolve) => setTimeout(resolve, 500)); // the kiosk's log is written async
    const logDir = join(kiosk.dataDir, 'logs');
    const files = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8'));
    await kiosk.stop();
    await cloud.stop();
    const joined = await cloud.query<{ qr_token: string; name: string }>(
      "SELECT qr_token, name FROM members WHERE phone_masked LIKE '%0123'",
    );
    expect(joined).toHaveLength(1);
    const secrets = [
      VISITOR_QR.qr,
      VISITOR_QR.name,
      VISITOR_CARD.card,
      VISITOR_CARD.name,
      PHONE,
      PHONE.slice(-8),
      joined[0]?.qr_token ?? '',
      joined[0]?.name ?? '',
      deviceToken,
      deviceToken.slice(3, 20),
      code,
      code.replace(/-/g, ''),
      'e2e-admin-token',
      ...tickets,
    ];
    const logs = {
      cloud: cloud.output(),
      kiosk: kiosk.output(),
      cli: cliOutput,
      files: files.join(''),
    };
    // the logs were on: the cloud logged the look-ups, the kiosk its sync
    expect(logs.cloud).toContain('/v1/members/lookup');
    expect(logs.cloud).toContain('"statusCode":200');
    expect(logs.files).toContain('sync engine started');
    for (const [source, text] of Object.entries(logs))
      for (const secret of secrets)
        expect(text.includes(secret), `${source} log holds ${secret.slice(0, 12)}…`).toBe(false);
  }, 180_000);
});
