/** `kiosk sim card|rfid|printer` put real device bytes on a pty; `kiosk devices` lists devices. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRealTimeInventoryCommand } from '../../device/rfid/r2000-codec';
import { R2000Framer } from '../../device/rfid/r2000-framer';
import { decodeRealTimeInventory } from '../../device/rfid/r2000-codec';
import { EscPos } from '../../device/printer/escpos-encoder';
import { StatusPoll } from '../../device/printer/status';
import { createPtyPair, type PtyPair } from '../../device/sim/pty-pair';
import { startKiosk } from '../support/kiosk-process';
import { ensureRendererBuilt } from '../support/renderer-build';
import { repoRoot, tempDir } from '../support/temp';
import { until } from '../support/until';
import { writeKioskConfig } from '../support/kiosk-config';

let dir: ReturnType<typeof tempDir>;
let pair: PtyPair;
let port: SerialPort | null = null;
beforeEach(async () => {
  dir = tempDir();
  pair = await createPtyPair(dir.path, 'dev');
});
afterEach(async () => {
  if (port?.isOpen) await new Promise((resolve) => port?.close(resolve));
  port = null;
  await pair.close();
  dir.remove();
});

function kiosk(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'kiosk.mjs'), ...args], {
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exit, out: () => out, err: () => err };
}

/** `kiosk sim <device> --path <the pty's sim end>` with each option as `--name value`. */
function sim(device: 'card' | 'rfid' | 'printer', options: Record<string, string>) {
  const flags = Object.entries(options).flatMap(([name, value]) => [`--${name}`, value]);
  return kiosk(['sim', device, '--path', pair.simPath, ...flags]);
}

async function openKioskEnd(): Promise<{ received: () => Buffer }> {
  const opened = new SerialPort({ path: pair.devicePath, baudRate: 115200, autoOpen: false });
  let data = Buffer.alloc(0);
  opened.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  await new Promise<void>((resolve, reject) => opened.open((e) => (e ? reject(e) : resolve())));
  port = opened;
  return { received: () => data };
}

describe('kiosk sim card', () => {
  it('sends a member card swipe and a badge UID', async () => {
    const reader = await openKioskEnd();
    const run = sim('card', { member: '42', uid: '04a2245a', delay: '0' });
    expect(await run.exit).toBe(0);
    await until(() => reader.received().toString('latin1').endsWith('04A2245A\r\n'));
    expect(reader.received().toString('latin1')).toBe(
      '%B6280000000000420^MEMBER/KIOSK^2912101?;6280000000000420=2912101?\r04A2245A\r\n',
    );
  });
});

describe('kiosk sim rfid', () => {
  it('sends ASCII reads with EPC, antenna and RSSI', async () => {
    const reader = await openKioskEnd();
    const run = sim('rfid', {
      epc: '3074257bf7194e4000001a85',
      reads: '2',
      rssi: '-50',
      antenna: '2',
      delay: '0',
    });
    expect(await run.exit).toBe(0);
    await until(() => reader.received().toString().split('\r\n').length === 3);
    expect(reader.received().toString()).toBe(
      'EPC=3074257BF7194E4000001A85;ANT=2;RSSI=-50.0\r\n'.repeat(2),
    );
  });

  it('answers R2000 inventory commands with tag frames', async () => {
    const reader = await openKioskEnd();
    const run = sim('rfid', { protocol: 'r2000', epc: '3074257BF7194E4000001A85', reads: '1' });
    await until(() => run.out().includes('answering'));
    port?.write(Buffer.from(encodeRealTimeInventoryCommand()));
    expect(await run.exit).toBe(0);
    await until(() => reader.received().length > 0);
    const frames = new R2000Framer().push(reader.received());
    const first = frames[0] ? decodeRealTimeInventory(frames[0]) : null;
    expect(first).toMatchObject({
      ok: true,
      value: { kind: 'tag', read: { epc: '3074257BF7194E4000001A85', rssi: -50 } },
    });
  });

  it('refuses a bad EPC with a usage error', async () => {
    const run = sim('rfid', { epc: 'XYZ' });
    expect(await run.exit).toBe(2);
    expect(run.err()).toMatch(/--epc/);
  });
});

describe('kiosk sim printer', () => {
  it('prints a received document as text and answers DLE EOT with paper out', async () => {
    const kioskEnd = await openKioskEnd();
    const run = sim('printer', { paper: 'out', documents: '1' });
    await until(() => run.out().includes('printer ready'));
    const poll = new StatusPoll();
    port?.write(Buffer.from(poll.request()));
    await until(() => kioskEnd.received().length >= 4);
    expect(poll.accept(kioskEnd.received())).toMatchObject({ paperOut: true, coverOpen: false });
    port?.write(Buffer.from(new EscPos().init().text('HELLO KIOSK\n').cut().encode()));
    expect(await run.exit).toBe(0);
    expect(run.out()).toContain('HELLO KIOSK');
  });
});

describe('kiosk devices', () => {
  it('lists configured devices as closed with path presence, one JSON object per line', async () => {
    const config = writeKioskConfig(dir.path, {
      storeId: 'S001',
      role: 'checkout',
      devices: [
        { id: 'scanner-1', kind: 'scanner', transport: 'serial', path: pair.devicePath },
        {
          id: 'printer-1',
          kind: 'printer',
          transport: 'serial',
          path: join(dir.path, 'no-such-tty'),
        },
      ],
    });
    const run = kiosk(['devices', '--json'], { KIOSK_CONFIG: config, KIOSK_PORT: '1' });
    expect(await run.exit).toBe(0);
    const rows = run
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.filter((r) => r.type === 'configured')).toEqual([
      expect.objectContaining({
        id: 'scanner-1',
        state: 'closed',
        present: true,
        source: 'offline',
      }),
      expect.objectContaining({ id: 'printer-1', state: 'closed', present: false }),
    ]);
  });

  it('shows the live states a kiosk running on the data directory publishes', async () => {
    await ensureRendererBuilt();
    const config = {
      storeId: 'S001',
      role: 'mirror',
      devices: [{ id: 'scanner-1', kind: 'scanner', transport: 'serial', path: pair.devicePath }],
    };
    const configFile = writeKioskConfig(dir.path, config);
    const running = await startKiosk(config, { demo: false });
    const env = { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: running.dataDir };
    try {
      const run = kiosk(['devices'], env);
      expect(await run.exit).toBe(0);
      expect(run.out()).toMatch(/from the kiosk running on/);
      expect(run.out()).toMatch(/scanner-1 +scanner +serial +ready /);
    } finally {
      await running.stop();
    }
    const after = kiosk(['devices', '--json'], env);
    expect(await after.exit).toBe(0);
    expect(JSON.parse(after.out().split('\n')[0] ?? '{}')).toMatchObject({
      id: 'scanner-1',
      source: 'offline',
    });
  }, 120_000);

  it('exits 2 without KIOSK_CONFIG', async () => {
    const run = kiosk(['devices'], { KIOSK_CONFIG: '' });
    expect(await run.exit).toBe(2);
  });
});
