/**
 * A device on a serial line (scanner, card reader, RFID reader) that survives cables being pulled.
 * serialport can miss a disconnect (ENVIRONMENT.md, bindings-cpp#162), so the device path is also
 * watched; after any loss a NEW SerialPort is created, with backoff, once the path is back
 * (the lifecycle is device/reconnecting-device).
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { DeviceRole, Framer } from '../device';
import { ReconnectingDevice } from '../reconnecting-device';

export interface SerialLineOptions {
  id: string;
  role: DeviceRole;
  path: string;
  baudRate: number;
  createFramer: () => Framer;
  /** How often the path is checked while ready (ms). */
  watchMs?: number;
  /** First and largest reconnect delay (ms). */
  backoffMs?: { min: number; max: number };
  /** Quiet time after which a framer with `idle` completes what it holds (ms); default 150. */
  idleMs?: number;
}

export class SerialLineDevice extends ReconnectingDevice<SerialPort> {
  private framer: Framer;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialLineOptions) {
    super(options, 'serial');
    this.framer = options.createFramer();
  }

  /** Writes to the device (printer jobs, reader commands). */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.handle;
    if (!port || this.state !== 'ready')
      return Promise.reject(new Error(`${this.options.id} is not ready`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) =>
        error ? reject(error) : port.drain(() => resolve()),
      );
    });
  }

  protected present(): boolean {
    return existsSync(this.options.path);
  }

  protected async connect(): Promise<SerialPort> {
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    return port;
  }

  protected attach(port: SerialPort): void {
    this.framer = this.options.createFramer();
    port.on('data', (chunk: Buffer) => this.onChunk(chunk));
    port.on('close', () => this.lost('port closed'));
    port.on('error', (error: Error) => this.lost(error.message));
  }

  protected async release(port: SerialPort): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.on('error', () => undefined);
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port.destroy();
  }

  private onChunk(chunk: Buffer): void {
    let frames;
    try {
      frames = this.framer.push(chunk);
    } catch (error) {
      this.fault('framing', (error as Error).message);
      this.framer = this.options.createFramer();
      return;
    }
    this.emitFrames(frames);
    if (this.framer.idle) this.armIdle(this.framer);
  }

  private armIdle(framer: Framer): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.framer === framer && framer.idle) this.emitFrames(framer.idle());
    }, this.options.idleMs ?? 150);
  }

  private emitFrames(frames: Array<{ bytes: Uint8Array; error?: string }>): void {
    for (const frame of frames) {
      if (frame.error) {
        this.fault(
          frame.error === 'overflow' ? 'overflow' : 'framing',
          `dropped ${frame.bytes.length} byte(s): ${frame.error}`,
        );
        continue;
      }
      this.received(frame.bytes);
    }
  }
}
