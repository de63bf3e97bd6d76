/** The serial driver on real pseudo-terminals: reads, garbage, a pulled cable and its return. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import type { DeviceData, DeviceState } from '../device';
import { TtyWriter } from '../sim/line-writer';
import { createPtyPair, type PtyPair } from '../sim/pty-pair';
import { SerialLineDevice } from './serial-line-device';
import { DelimiterFramer } from '../framing/delimiter-framer';
import { until } from '../../test/support/until';

let dir: ReturnType<typeof tempDir>;
let pair: PtyPair;
let device: SerialLineDevice;
const reads: string[] = [];
const states: DeviceState[] = [];

beforeEach(async () => {
  dir = tempDir();
  pair = await createPtyPair(dir.path, 'scanner');
  reads.length = 0;
  states.length = 0;
  device = new SerialLineDevice({
    id: 'scanner-1',
    role: 'scanner',
    path: pair.devicePath,
    baudRate: 9600,
    createFramer: () => new DelimiterFramer({ suffix: '\r' }),
    watchMs: 100,
    backoffMs: { min: 50, max: 400 },
  });
  device.on('data', (data: DeviceData) => reads.push(Buffer.from(data.bytes).toString('latin1')));
  device.on('status', (snapshot) => states.push(snapshot.state));
  await device.open();
});

afterEach(async () => {
  await device.close();
  await pair.close();
  dir.remove();
});

describe('SerialLineDevice on a pty', () => {
  it('frames reads by suffix, however the bytes are split, and counts them', async () => {
    expect(device.state).toBe('ready');
    const writer = new TtyWriter(pair.simPath);
    writer.write('69700010');
    writer.write('00016\r6970001000023\r');
    await until(() => reads.length === 2, 'two reads');
    expect(reads).toEqual(['6970001000016', '6970001000023']);
    expect(device.snapshot()).toMatchObject({ reads: 2, errors: 0, state: 'ready' });
    writer.close();
  });

  it('keeps reading after garbage bytes', async () => {
    const writer = new TtyWriter(pair.simPath);
    writer.write(Buffer.from([0x00, 0xff, 0x1b, 0x0d]));
    writer.write('6970001000016\r');
    await until(() => reads.length === 2, 'garbage then a good read');
    expect(reads[1]).toBe('6970001000016');
    writer.close();
  });

  it('notices a pulled cable, reconnects when it is back, and reads again', async () => {
    await pair.unplug();
    await until(() => device.state === 'reconnecting', 'reconnecting');
    expect(device.snapshot().errors).toBeGreaterThan(0);
    await pair.replug();
    await until(() => device.state === 'ready', 'ready again');
    const writer = new TtyWriter(pair.simPath);
    writer.write('6970001000030\r');
    await until(() => reads.includes('6970001000030'), 'a read after replug');
    expect(states).toEqual(expect.arrayContaining(['reconnecting', 'ready']));
    writer.close();
  });

  it('goes to reconnecting, not a crash, when the path never existed, and closes cleanly', async () => {
    const missing = new SerialLineDevice({
      id: 'ghost',
      role: 'scanner',
      path: `${dir.path}/no-such-tty`,
      baudRate: 9600,
      createFramer: () => new DelimiterFramer({ suffix: '\r' }),
      backoffMs: { min: 20, max: 40 },
    });
    await missing.open();
    expect(missing.state).toBe('reconnecting');
    expect(missing.snapshot().lastError).toMatch(/not present/);
    await missing.close();
    expect(missing.state).toBe('closed');
  });
});
