/**
 * The device manager's events, wired once: every framed scan and every garment tag goes to the
 * screen service (which decodes it once and routes it to what the screen shows), device status
 * goes to the screens as `device.status`, faults to the log; receipts print once per job id.
 * `wireDeviceEvents` returns the release of every subscription it made.
 */
import type { EventSink } from '../bridge/server';
import { DisposableStore } from '../common/lifecycle';
import type { DeviceManager } from '../device/manager';
import type { Logger } from './log';
import { toDeviceStatus } from './handlers/device';

/** What the screens take from the devices (host/services/screens/screen-service.ts). */
export interface ScreenInput {
  handleScan(bytes: Uint8Array, deviceId?: string): unknown;
  rfidEnter(epc: string): void;
  rfidLeave(epc: string): void;
}

export function wireDeviceEvents(options: {
  devices: Pick<DeviceManager, 'on'>;
  screens: ScreenInput;
  emit: EventSink;
  log: Logger;
}): () => void {
  const { devices, screens, emit, log } = options;
  const subscriptions = new DisposableStore();
  subscriptions.add(
    devices.on('data', (data) => {
      try {
        screens.handleScan(data.bytes, data.deviceId);
      } catch (error) {
        log.error({ err: error, deviceId: data.deviceId }, 'scan handling failed');
      }
    }),
  );
  subscriptions.add(
    devices.on('rfid', (tag) => {
      if (tag.type === 'enter') screens.rfidEnter(tag.epc);
      else screens.rfidLeave(tag.epc);
    }),
  );
  subscriptions.add(devices.on('error', (fault) => log.warn({ fault }, 'device fault')));
  subscriptions.add(
    devices.on('status', (snapshot) => emit('device.status', toDeviceStatus(snapshot))),
  );
  return () => subscriptions.dispose();
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
