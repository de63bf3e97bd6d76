/** UHF readers on real pseudo-terminals: both protocols into enter / leave, garbage, unplug and replug. */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { SerialLineDevice } from '../serial/serial-line-device';
import { createPtyPair, type PtyPair } from '../sim/pty-pair';
import { RfidSimulator } from '../sim/rfid-sim';
import type { RfidTagEvent } from './driver';
import { rfidFramer } from './framers';
import { RfidReader } from './rfid-reader';
import { until } from '../../test/support/until';

const COAT = '3074257BF7194E4000001A85';
const SCARF = '3074257BF7194E4000001A86';
let dir: ReturnType<typeof tempDir>;
let pair: PtyPair;
let reader: RfidReader;
let sim: RfidSimulator | null = null;

async function open(protocol: 'ascii' | 'r2000') {
  dir = tempDir();
  pair = await createPtyPair(dir.path, 'rfid');
  const serial = new SerialLineDevice({
    id: 'rfid-1',
    role: 'rfid',
    path: pair.devicePath,
    baudRate: 115200,
    createFramer: () => rfidFramer(protocol),
    watchMs: 50,
    backoffMs: { min: 50, max: 200 },
  });
  reader = new RfidReader(serial, {
    id: 'rfid-1',
    protocol,
    debounce: { enterReads: 3, windowMs: 1000, rssiFloor: -70, leaveAfterMs: 300 },
    inventoryMs: 100,
    tickMs: 50,
  });
  const events: RfidTagEvent[] = [];
  reader.on('rfid', (event) => events.push(event));
  await reader.open();
  sim = await RfidSimulator.open(pair.simPath, { protocol });
  return { events, sim };
}

afterEach(async () => {
  await sim?.close();
  sim = null;
  await reader.close();
  await pair.close();
  dir.remove();
});

describe('ASCII reader', () => {
  it('a tag enters after N good reads (garbage lines in between) and leaves after the timeout', async () => {
    const { events, sim } = await open('ascii');
    const coat = { epc: COAT, antenna: 2, rssi: -48 };
    await sim.sendReads(coat, 1);
    await sim.send(Buffer.from('\x00\xffEPC=XYZ;ANT=1\r\nnonsense\r\n', 'latin1'));
    await sim.sendReads({ epc: SCARF, antenna: 1, rssi: -85 }, 5); // a neighbour's weak tag
    await sim.sendReads(coat, 2);
    await until(() => events.some((e) => e.type === 'enter'), 'enter');
    expect(events[0]).toMatchObject({
      type: 'enter',
      deviceId: 'rfid-1',
      epc: COAT,
      antenna: 2,
      rssi: -48,
    });
    await until(() => events.some((e) => e.type === 'leave'), 'leave');
    expect(events.map((e) => `${e.type}:${e.epc}`)).toEqual([`enter:${COAT}`, `leave:${COAT}`]);
    expect(reader.snapshot().errors).toBeGreaterThanOrEqual(2);
    expect(reader.snapshot().reads).toBe(8);
  });

  it('survives a pulled cable: reconnecting, then enter again after replug', async () => {
    const { events } = await open('ascii');
    await sim?.close();
    sim = null;
    await pair.unplug();
    await until(() => reader.snapshot().state === 'reconnecting', 'reconnecting');
    await pair.replug();
    await until(() => reader.snapshot().state === 'ready', 'ready again');
    sim = await RfidSimulator.open(pair.simPath, { protocol: 'ascii' });
    await sim.sendReads({ epc: COAT, antenna: 1, rssi: -40 }, 3);
    await until(() => events.some((e) => e.type === 'enter'), 'enter after replug');
  });
});

describe('R2000 reader', () => {
  it('polls with real-time inventory commands; tags in view enter, garbage is skipped', async () => {
    const { events, sim } = await open('r2000');
    await sim.send(Uint8Array.of(0xa0, 0x02, 0x55, 0x13, 0x37, 0xa0)); // false starts and noise
    sim.inView = [{ epc: COAT, antenna: 3, rssi: -52 }];
    await until(() => events.some((e) => e.type === 'enter'), 'enter');
    expect(sim.commands).toBeGreaterThanOrEqual(3);
    expect(events[0]).toMatchObject({ type: 'enter', epc: COAT, antenna: 3, rssi: -52 });
    sim.inView = [];
    await until(() => events.some((e) => e.type === 'leave'), 'leave once out of view');
  });
});
