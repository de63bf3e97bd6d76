/** Serial card readers on real pseudo-terminals: swipes, badge UIDs, garbage, a pulled cable. */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { deviceConfigSchema } from '../config';
import type { DeviceFault } from '../device';
import { SerialLineDevice } from '../serial/serial-line-device';
import { memberCardSwipe, memberCardNumber, uidLineBytes } from '../sim/card-sim';
import { TtyWriter } from '../sim/line-writer';
import { createPtyPair, type PtyPair } from '../sim/pty-pair';
import { framerFor } from './framers';
import { until } from '../../test/support/until';

let dir: ReturnType<typeof tempDir>;
let pair: PtyPair;
let device: SerialLineDevice;

async function open(cardFormat: 'magstripe' | 'uid') {
  dir = tempDir();
  pair = await createPtyPair(dir.path, 'card');
  const config = deviceConfigSchema.parse({
    id: 'card-1',
    kind: 'card-reader',
    transport: 'serial',
    path: pair.devicePath,
    cardFormat,
  });
  device = new SerialLineDevice({
    id: config.id,
    role: config.kind,
    path: pair.devicePath,
    baudRate: 9600,
    createFramer: framerFor(config),
    watchMs: 50,
    backoffMs: { min: 50, max: 200 },
  });
  const reads: string[] = [];
  const faults: DeviceFault[] = [];
  device.on('data', (data) => reads.push(Buffer.from(data.bytes).toString('latin1')));
  device.on('error', (fault) => faults.push(fault));
  await device.open();
  return { reads, faults };
}

afterEach(async () => {
  await device.close();
  await pair.close();
  dir.remove();
});

describe('magstripe reader on a pty', () => {
  it('delivers one frame per swipe, with garbage between swipes skipped', async () => {
    const { reads } = await open('magstripe');
    const writer = new TtyWriter(pair.simPath);
    writer.write(memberCardSwipe('628000', 42));
    writer.write(Buffer.from([0x00, 0xff, 0x41, 0x42]));
    writer.write(memberCardSwipe('628000', 43));
    await until(() => reads.length === 2, 'two swipes');
    const pan = memberCardNumber('628000', 42);
    expect(reads[0]).toBe(`%B${pan}^MEMBER/KIOSK^2912101?;${pan}=2912101?`);
    expect(reads[1]).toContain(memberCardNumber('628000', 43));
    writer.close();
  });

  it('ends a swipe sent with no line ending once the line goes quiet', async () => {
    const { reads, faults } = await open('magstripe');
    const writer = new TtyWriter(pair.simPath);
    const swipe = memberCardSwipe('628000', 44);
    const bare = swipe.subarray(0, swipe.lastIndexOf(0x3f) + 1); // up to the last end sentinel
    writer.write(bare.subarray(0, 10));
    writer.write(bare.subarray(10));
    await until(() => reads.length === 1, 'the swipe after the idle gap');
    expect(reads[0]).toContain(`;${memberCardNumber('628000', 44)}=`);
    expect(reads[0]?.endsWith('?')).toBe(true);
    expect(faults).toEqual([]);
    writer.close();
  });

  it('reconnects after the cable is pulled and reads the next swipe', async () => {
    const { reads } = await open('magstripe');
    await pair.unplug();
    await until(() => device.state === 'reconnecting', 'reconnecting');
    await pair.replug();
    await until(() => device.state === 'ready', 'ready again');
    const writer = new TtyWriter(pair.simPath);
    writer.write(memberCardSwipe('628000', 7));
    await until(() => reads.length === 1, 'a swipe after replug');
    writer.close();
  });
});

describe('badge (NFC UID) reader on a pty', () => {
  it('normalises hex and decimal UIDs and reports a garbage line as an error', async () => {
    const { reads, faults } = await open('uid');
    const writer = new TtyWriter(pair.simPath);
    writer.write(uidLineBytes('04:a2:24:5a'));
    writer.write('\x01\x02zz\r\n');
    writer.write('0012345678\r\n');
    await until(() => reads.length === 2, 'two UIDs');
    expect(reads).toEqual(['04A2245A', '00BC614E']);
    expect(faults.length).toBe(1);
    writer.close();
  });
});
