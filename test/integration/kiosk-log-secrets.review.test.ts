/**
 * Review of issue 11 item 5 on the kiosk side, at log level trace: a real kiosk host behind the real
 * web shell, driven over the bridge as its page and as a hostile local process would — upgrades
 * with wrong and right tokens, a staff sign-in with wrong and right PINs, a typed member look-up by
 * card and by QR token, a member joining with a phone number, a payment by code, bad frames
 * carrying the values. Then every line of the kiosk's log file is searched for each value.
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientProtocols } from '../../bridge/wire';
import { startKioskHost, type KioskHost } from '../../host/app';
import { parseConfig } from '../../host/config';
import { createLogger } from '../../host/log';
import { startWebShell, type WebShell } from '../../host/web/server';
import { bridgeClient, rawBridgeSocket, tokenOf } from '../support/bridge-client';
import { demoStore, tempDir } from '../support/temp';

const CARD = '6280000000000016'; // M000001
const QR = 'MBR1.B5Q9K45ZVTGZFD7K7T48'; // M000001
const PHONE = '13987651234';
const BADGE = 'BADGE-2001';
const PIN = '8642';
const WRONG_PIN = '97531';
const PAY_CODE = '134567890123456789';

const dir = tempDir('kiosk-log-secrets-');
let host: KioskHost;
let shell: WebShell;

beforeAll(async () => {
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Seed Kiosk</title>');
  host = await startKioskHost({
    config: parseConfig({ storeId: 'S001', role: 'staff', payment: 'sim' }),
    dataDir: join(dir.path, 'data'),
    shell: 'web',
    seedDir: demoStore,
    log: createLogger(join(dir.path, 'data'), 'trace'),
  });
  const webLog = host.log.child({ mod: 'host/web' });
  shell = await startWebShell({
    bridge: host.bridge,
    rendererDir,
    port: 0,
    onUpgradeRefused: (reason) => webLog.warn({ reason }, 'bridge connection refused'),
    onSocketError: (error) => webLog.warn({ err: error }, 'bridge connection closed on error'),
  });
}, 60_000);

afterAll(async () => {
  await shell?.close();
  await host?.close();
  dir.remove();
});

describe('the kiosk log at level trace', () => {
  it('holds no token, PIN, card number, QR token, phone or payment code', async () => {
    const token = tokenOf(shell.url);
    const origin = new URL(shell.url).origin;
    // a hostile process: a wrong token, the right token from a foreign origin
    await rawBridgeSocket(shell.url, { protocols: clientProtocols(`${token.slice(1)}A`), origin });
    await rawBridgeSocket(shell.url, { protocols: clientProtocols(token), origin: 'null' });
    // the page: staff signs in (a wrong PIN first), looks members up, a member joins
    const api = bridgeClient(shell.url);
    await api['staff.login']({ badge: BADGE, pin: WRONG_PIN });
    await api['staff.login']({ badge: BADGE, pin: PIN });
    await api['staff.member']({ kind: 'card', value: CARD });
    await api['staff.member']({ kind: 'qr', value: QR });
    await api['staff.member']({ kind: 'card', value: `${CARD.slice(0, -1)}9` });
    await api['staff.closeMember']({});
    await api['member.join']({
      phone: PHONE,
      acceptTerms: true,
      consentProfile: true,
      consentMarketing: false,
    });
    await api['staff.logout']({});
    // frames a broken page could send with the values in them
    const raw = await rawBridgeSocket(shell.url, { protocols: clientProtocols(token), origin });
    for (const frame of [
      `{"t":"call","id":1,"m":"member.join","p":{"phone":"${PHONE}x"}}`,
      `{"t":"call","id":2,"m":"staff.login","p":{"pin":"${PIN}","badge":${JSON.stringify(BADGE)},"x":1}}`,
      `{"t":"call","id":3,"m":"member.identify","p":{"value":"${CARD}"}}`,
      `{"t":"call","id":4,"m":"checkout.coupon","p":{"code":"${PAY_CODE}"}`,
    ])
      raw.socket?.send(frame);
    await new Promise((resolve) => setTimeout(resolve, 300));
    raw.socket?.send(Buffer.from([0xff, 0xfe, ...Buffer.from(QR)]), { binary: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    raw.socket?.terminate();
    api.close();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the log file is written async

    const logDir = join(dir.path, 'data', 'logs');
    const lines = readdirSync(logDir)
      .flatMap((f) => readFileSync(join(logDir, f), 'utf8').split('\n'))
      .filter((l) => l.length > 0);
    expect(lines.some((l) => l.includes('bridge connection refused'))).toBe(true);
    expect(lines.some((l) => l.includes('staff sign-in refused'))).toBe(true);
    const pinField = new RegExp(`\\b(pin|PIN)\\b[^,}]*\\b(${PIN}|${WRONG_PIN})\\b`);
    for (const secret of [token, token.slice(0, 16), CARD, CARD.slice(0, -1), QR, PHONE, PAY_CODE])
      expect(
        lines.filter((l) => l.includes(secret)).map((l) => l.slice(0, 300)),
        secret.slice(0, 8),
      ).toEqual([]);
    expect(lines.filter((l) => pinField.test(l) || l.includes(WRONG_PIN))).toEqual([]);
  }, 60_000);
});
