/** Both reader protocols over a real pseudo-terminal pair, into the debouncer. */
import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import { formatAsciiRead, parseAsciiRead } from './ascii-protocol';
import { TagDebouncer, type TagEvent } from './debouncer';
import { AsciiLineFramer } from './line-framer';
import { decodeRealTimeInventory, encodeInventoryEnd, encodeInventoryTag } from './r2000-codec';
import { R2000Framer } from './r2000-framer';
import type { TagRead } from './types';
import { ptyPortsForEachTest } from '../../test/support/pty-ports';
import { until } from '../../test/support/until';

let kiosk: SerialPort;
let reader: SerialPort;

const COAT = '3074257BF7194E4000001A85';
const NEIGHBOUR = '3074257BF7194E4000009999';
const script: TagRead[] = [
  { epc: COAT, antenna: 1, rssi: -50 },
  { epc: NEIGHBOUR, antenna: 1, rssi: -82 },
  { epc: COAT, antenna: 2, rssi: -47 },
  { epc: NEIGHBOUR, antenna: 1, rssi: -80 },
  { epc: COAT, antenna: 1, rssi: -52 },
];

ptyPortsForEachTest('rfid', (ports) => ({ kiosk, device: reader } = ports));

describe('UHF readers on a pty', () => {
  it('ASCII lines → reads → one enter for the coat, none for the weak neighbour', async () => {
    const framer = new AsciiLineFramer();
    const debouncer = new TagDebouncer({ enterReads: 3 });
    const reads: TagRead[] = [];
    const events: TagEvent[] = [];
    kiosk.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) {
        const r = parseAsciiRead(frame.bytes);
        if (r.ok) {
          reads.push(r.value);
          events.push(...debouncer.read(r.value, reads.length * 10));
        }
      }
    });
    reader.write('garbage\r\n' + script.map(formatAsciiRead).join(''));
    await until(() => reads.length === script.length, 'all reads');
    expect(reads).toEqual(script);
    expect(events.map((e) => [e.type, e.epc, e.rssi])).toEqual([['enter', COAT, -47]]);
  });

  it('R2000 binary frames with line noise → the same reads and a round summary', async () => {
    const framer = new R2000Framer();
    const reads: TagRead[] = [];
    let ended = false;
    kiosk.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) {
        const r = decodeRealTimeInventory(frame);
        if (r.ok && r.value.kind === 'tag') reads.push(r.value.read);
        if (r.ok && r.value.kind === 'end') ended = true;
      }
    });
    const noise = Buffer.from([0x00, 0xff, 0x13]);
    reader.write(
      Buffer.concat([
        noise,
        ...script.map((r) => Buffer.from(encodeInventoryTag(1, r))),
        noise,
        Buffer.from(encodeInventoryEnd(1, 1, 40, script.length)),
      ]),
    );
    await until(() => ended, 'the end-of-round frame');
    expect(reads).toEqual(script);
  });
});
