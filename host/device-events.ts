/**
 * Turns device manager events into what screens and staff see: scans and RFID tags decoded and
 * looked up, device status with its warning, receipts printed once per job id.
 */
import type { RfidEvent } from '../bridge/areas/device';
import type { EventSink } from '../bridge/server';
import type { Catalog } from '../core/catalog/lookup';
import { decode } from '../device/decode';
import type { DeviceManager } from '../device/manager';
import type { Logger } from './log';
import { toDeviceStatus } from './handlers/device';
import { interpretScan, toProductView } from './scan';

export interface RfidSink {
  rfidEnter(epc: string, gtin: string | null): void;
  rfidLeave(epc: string): void;
}

export function rfidEventFor(
  tag: { deviceId: string; epc: string; antenna: number; rssi: number; at: Date },
  catalog: Catalog,
): RfidEvent {
  const decoded = decode(tag.epc);
  const sgtin =
    decoded.ok && decoded.kind === 'epc'
      ? { gtin: decoded.gtin, serial: decoded.serial, uri: decoded.uri, filter: decoded.filter }
      : null;
  const item = sgtin ? catalog.lookup(sgtin.gtin) : null;
  return {
    deviceId: tag.deviceId,
    at: tag.at.toISOString(),
    epc: tag.epc,
    antenna: tag.antenna,
    rssi: tag.rssi,
    sgtin,
    product: item ? toProductView(item) : null,
  };
}

export function wireDeviceEvents(options: {
  devices: DeviceManager;
  catalog: Catalog;
  emit: EventSink;
  rfid: RfidSink;
  log: Logger;
}): void {
  const { devices, catalog, emit, rfid, log } = options;
  devices.on('data', (data) => {
    const event = interpretScan(data.deviceId, data.bytes, data.at, catalog);
    log.info(
      { deviceId: data.deviceId, outcome: event.outcome, kind: event.kind, code: event.code },
      'scan',
    );
    emit('device.scan', event);
  });
  devices.on('rfid', (tag) => {
    const event = rfidEventFor(tag, catalog);
    if (tag.type === 'enter') {
      rfid.rfidEnter(tag.epc, event.sgtin?.gtin ?? null);
      emit('rfid.enter', event);
    } else {
      rfid.rfidLeave(tag.epc);
      emit('rfid.leave', event);
    }
  });
  devices.on('error', (fault) => log.warn({ fault }, 'device fault'));
  devices.on('status', (snapshot) => emit('device.status', toDeviceStatus(snapshot)));
}

/** Prints on the first configured printer; false (an e-receipt instead) when there is none or it fails. */
export function receiptPrinter(devices: DeviceManager, printerId: string | null, log: Logger) {
  return async (jobId: string, bytes: Uint8Array): Promise<boolean> => {
    if (!printerId) return false;
    try {
      const outcome = await devices.print(printerId, jobId, bytes);
      if (outcome.status !== 'printed')
        log.warn({ jobId, error: outcome.error }, 'receipt not printed');
      return outcome.status === 'printed';
    } catch (error) {
      log.warn({ jobId, err: error }, 'receipt printer unavailable');
      return false;
    }
  };
}
