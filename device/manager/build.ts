/**
 * Builds the driver for one configured device at a known path, by role and transport:
 * serial scanner / card reader → SerialLineDevice with the role's framer; serial RFID → RfidReader;
 * serial printer → ReceiptPrinter; HID scanner / card reader → HidDevice with the report decoder
 * for its mode. A combination we cannot drive gives an `UnsupportedDriver` in state `error`.
 */
import type { DeviceConfig } from '../config';
import type { DeviceSnapshot } from '../device';
import { framerFor } from '../drivers/framers';
import { ReaderDriver } from '../drivers/reader-driver';
import { ReceiptPrinter } from '../drivers/receipt-printer';
import { RfidReader } from '../drivers/rfid-reader';
import type { Driver, DriverEvents, ManagedSnapshot } from '../drivers/driver';
import { Emitter } from '../emitter';
import { HidDevice } from '../hid-driver/hid-device';
import {
  hidPosDecoder,
  wedgeCardDecoder,
  wedgeScannerDecoder,
  type ReportDecoder,
} from '../hid-driver/report-decoders';
import type { HidTransport } from '../hid-driver/transport';
import type { PrintJobStorage } from '../printer/jobs';
import { SerialLineDevice } from '../serial/serial-line-device';

export interface BuildContext {
  hidTransport: HidTransport;
  printJobs: PrintJobStorage;
  watchMs: number;
  backoffMs: { min: number; max: number };
}

/** A device the manager cannot drive: visible in `kiosk devices` with the reason, never a crash. */
export class UnsupportedDriver extends Emitter<DriverEvents> implements Driver {
  constructor(
    private readonly config: DeviceConfig,
    private readonly reason: string,
    private readonly path: string | null = config.path ?? null,
  ) {
    super();
  }
  snapshot(): ManagedSnapshot {
    const base: DeviceSnapshot = {
      id: this.config.id,
      role: this.config.kind,
      transport: this.config.transport,
      path: this.path,
      state: 'error',
      reads: 0,
      errors: 1,
      lastEventAt: null,
      lastError: this.reason,
    };
    return { ...base, warning: null };
  }
  async open(): Promise<void> {
    this.emit('status', this.snapshot());
  }
  async close(): Promise<void> {}
}

function hidDecoder(config: DeviceConfig): (() => ReportDecoder) | null {
  const reportId = config.hidReportId;
  if (config.kind === 'scanner')
    return config.hidMode === 'pos' ? hidPosDecoder : () => wedgeScannerDecoder({ reportId });
  if (config.kind === 'card-reader') return () => wedgeCardDecoder(config.cardFormat, { reportId });
  return null;
}

export function buildDriver(config: DeviceConfig, path: string, ctx: BuildContext): Driver {
  if (config.transport === 'hid') {
    const createDecoder = hidDecoder(config);
    if (!createDecoder)
      return new UnsupportedDriver(config, `a ${config.kind} over HID is not supported`, path);
    return new ReaderDriver(
      new HidDevice({
        id: config.id,
        role: config.kind,
        path,
        transport: ctx.hidTransport,
        createDecoder,
        watchMs: ctx.watchMs,
        backoffMs: ctx.backoffMs,
      }),
    );
  }
  const serial = new SerialLineDevice({
    id: config.id,
    role: config.kind,
    path,
    baudRate: config.baudRate,
    createFramer: framerFor(config),
    watchMs: ctx.watchMs,
    backoffMs: ctx.backoffMs,
  });
  if (config.kind === 'rfid') {
    return new RfidReader(serial, {
      id: config.id,
      protocol: config.protocol,
      debounce: config.debounce,
      inventoryMs: config.inventoryMs,
    });
  }
  if (config.kind === 'printer') {
    return new ReceiptPrinter(serial, {
      id: config.id,
      statusPollMs: config.statusPollMs,
      storage: ctx.printJobs,
    });
  }
  return new ReaderDriver(serial);
}
