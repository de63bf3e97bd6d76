/**
 * A simulated UHF RFID reader on the simulator's end of a pty. ASCII protocol: `sendReads` writes
 * `EPC=...;ANT=..;RSSI=..` lines. R2000 protocol: it answers every real-time inventory command it
 * reads (0x89) with one tag frame per tag in view and an end-of-round frame, like a reader does;
 * `sendReads` pushes tag frames unasked too. Garbage can be injected between good frames.
 */
import type { SerialPort } from 'serialport';
import { formatAsciiRead } from '../rfid/ascii-protocol';
import {
  R2000_BROADCAST,
  R2000_CMD,
  encodeInventoryEnd,
  encodeInventoryTag,
} from '../rfid/r2000-codec';
import { R2000Framer } from '../rfid/r2000-framer';
import type { TagRead } from '../rfid/types';
import { closeSimPort, openSimPort, writeSimPort } from './serial-end';

export interface RfidSimOptions {
  protocol: 'ascii' | 'r2000';
  /** Tags answered to each R2000 inventory round. */
  inView?: TagRead[];
}

export function encodeRead(protocol: 'ascii' | 'r2000', read: TagRead): Uint8Array {
  return protocol === 'ascii'
    ? Buffer.from(formatAsciiRead(read), 'latin1')
    : encodeInventoryTag(R2000_BROADCAST, read);
}

export class RfidSimulator {
  inView: TagRead[];
  /** Inventory commands received (R2000). */
  commands = 0;
  private readonly framer = new R2000Framer();

  private constructor(
    private readonly port: SerialPort,
    readonly protocol: 'ascii' | 'r2000',
    inView: TagRead[],
  ) {
    this.inView = inView;
    port.on('data', (chunk: Buffer) => this.onCommand(chunk));
    port.on('error', () => undefined);
  }

  static async open(simPath: string, options: RfidSimOptions): Promise<RfidSimulator> {
    return new RfidSimulator(await openSimPort(simPath), options.protocol, options.inView ?? []);
  }

  /** Writes `count` reads of one tag, `intervalMs` apart. */
  async sendReads(read: TagRead, count: number, intervalMs = 0): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.send(encodeRead(this.protocol, read));
      if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  send(bytes: Uint8Array): Promise<void> {
    return writeSimPort(this.port, bytes);
  }

  close(): Promise<void> {
    return closeSimPort(this.port);
  }

  private onCommand(chunk: Buffer): void {
    if (this.protocol !== 'r2000') return;
    for (const frame of this.framer.push(chunk)) {
      if (frame.command !== R2000_CMD.realTimeInventory) continue;
      this.commands++;
      const parts = this.inView.map((read) => encodeInventoryTag(R2000_BROADCAST, read));
      parts.push(encodeInventoryEnd(R2000_BROADCAST, 1, 100, this.inView.length));
      void this.send(Buffer.concat(parts)).catch(() => undefined);
    }
  }
}
