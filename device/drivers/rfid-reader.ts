/**
 * A serial UHF RFID reader: frames from the serial driver (ASCII lines or R2000 frames) → tag
 * reads → the debouncer → `rfid` enter / leave events. For R2000 readers the real-time inventory
 * command is sent every `inventoryMs` while the reader is ready (the reader only reads when asked).
 *
 * Guarantees: a line or frame that does not parse is counted as an error and reading goes on; tags
 * still present when the reader is lost leave after the debouncer's absence timeout, like any tag;
 * raw tag reads are not emitted as `data` (hundreds a second): only enter / leave are.
 */
import type { DeviceData } from '../device';
import { Emitter } from '../emitter';
import { parseAsciiRead } from '../rfid/ascii-protocol';
import { TagDebouncer, type DebouncerOptions, type TagEvent } from '../rfid/debouncer';
import { decodeRealTimeInventory, encodeRealTimeInventoryCommand } from '../rfid/r2000-codec';
import type { TagRead } from '../rfid/types';
import type { SerialLineDevice } from '../serial/serial-line-device';
import type { Driver, DriverEvents, ManagedSnapshot } from './driver';

export interface RfidReaderOptions {
  id: string;
  protocol: 'ascii' | 'r2000';
  debounce?: Partial<DebouncerOptions>;
  inventoryMs?: number;
  /** How often absent tags are checked for leaving (ms). */
  tickMs?: number;
  now?: () => number;
}

type Parsed = { read: TagRead } | { skip: true } | { error: string };

function parseFrame(protocol: 'ascii' | 'r2000', bytes: Uint8Array): Parsed {
  if (protocol === 'ascii') {
    const result = parseAsciiRead(bytes);
    return result.ok ? { read: result.value } : { error: result.error.message };
  }
  const frame = {
    bytes,
    address: bytes[2] ?? 0,
    command: bytes[3] ?? 0,
    data: bytes.subarray(4, bytes.length - 1),
  };
  const result = decodeRealTimeInventory(frame);
  if (!result.ok) return { error: result.error.message };
  if (result.value.kind === 'tag') return { read: result.value.read };
  // End of round, or "no tag" (0x36 / 0x10): normal, not an error.
  if (result.value.kind === 'end' || [0x10, 0x36].includes(result.value.code))
    return { skip: true };
  return { error: `reader error: ${result.value.message}` };
}

export class RfidReader extends Emitter<DriverEvents> implements Driver {
  readonly debouncer: TagDebouncer;
  private parseErrors = 0;
  private tagReads = 0;
  private lastError: string | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private inventoryTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly serial: SerialLineDevice,
    private readonly options: RfidReaderOptions,
  ) {
    super();
    this.debouncer = new TagDebouncer(options.debounce);
    this.now = options.now ?? Date.now;
    serial.on('data', (data) => this.onFrame(data));
    serial.on('error', (fault) => this.emit('error', fault));
    serial.on('status', () => {
      if (serial.state === 'ready') this.inventory();
      this.emit('status', this.snapshot());
    });
  }

  snapshot(): ManagedSnapshot {
    const inner = this.serial.snapshot();
    return {
      ...inner,
      reads: this.tagReads,
      errors: inner.errors + this.parseErrors,
      lastError: this.lastError ?? inner.lastError,
      warning: null,
    };
  }

  async open(): Promise<void> {
    this.tickTimer = setInterval(
      () => this.publish(this.debouncer.tick(this.now())),
      this.options.tickMs ?? 200,
    );
    if (this.options.protocol === 'r2000')
      this.inventoryTimer = setInterval(() => this.inventory(), this.options.inventoryMs ?? 500);
    await this.serial.open();
  }

  async close(): Promise<void> {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.inventoryTimer) clearInterval(this.inventoryTimer);
    this.tickTimer = this.inventoryTimer = null;
    await this.serial.close();
  }

  /** Asks an R2000 reader for one real-time inventory round (no-op for ASCII readers). */
  inventory(): void {
    if (this.options.protocol !== 'r2000' || this.serial.state !== 'ready') return;
    this.serial.write(encodeRealTimeInventoryCommand()).catch(() => {
      // Lost between the state check and the write: the serial driver reports the loss.
    });
  }

  private onFrame(data: DeviceData): void {
    const parsed = parseFrame(this.options.protocol, data.bytes);
    if ('skip' in parsed) return;
    if ('error' in parsed) {
      this.parseErrors++;
      this.lastError = parsed.error;
      this.emit('error', {
        deviceId: this.options.id,
        code: 'protocol',
        message: parsed.error,
        at: data.at,
      });
      return;
    }
    this.tagReads++;
    this.publish(this.debouncer.read(parsed.read, this.now()));
  }

  private publish(events: TagEvent[]): void {
    for (const event of events) {
      this.emit('rfid', {
        type: event.type,
        deviceId: this.options.id,
        epc: event.epc,
        antenna: event.antenna,
        rssi: event.rssi,
        at: new Date(event.at),
      });
    }
  }
}
