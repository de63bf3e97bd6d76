/**
 * One kiosk of the soak: the real `kiosk start` process of a role, enrolled to the bench's cloud,
 * with a scanner and a UHF RFID reader on socat pty pairs (and at the checkout a receipt printer
 * on a third pair, answered by the ESC/POS printer simulator), a bridge client connected as the
 * page connects, and its metrics file (KIOSK_METRICS_FILE).
 */
import { join } from 'node:path';
import type { SessionView } from '../../bridge/views';
import { TtyWriter } from '../../device/sim/line-writer';
import { PrinterSimulator } from '../../device/sim/printer-sim';
import { createPtyPair, type PtyPair } from '../../device/sim/pty-pair';
import { rfidDeviceConfig, rfidField, type RfidField } from '../../test/e2e/support/rfid';
import { bridgeClient } from '../../test/support/bridge-client';
import { serialScanner, startKiosk, type KioskProcess } from '../../test/support/kiosk-process';
import { tempDir } from '../../test/support/temp';

export interface SoakKiosk {
  role: 'mirror' | 'checkout';
  process: KioskProcess;
  pid: number;
  metricsFile: string;
  bridge: ReturnType<typeof bridgeClient>;
  scan(text: string): void;
  rfid: RfidField;
  /** Receipts the printer simulator received so far. */
  receipts(): number;
  /** Resolves with the first session view (pushed or current) that satisfies `ready`. */
  until(ready: (view: SessionView) => boolean, timeoutMs?: number): Promise<SessionView>;
  stop(): Promise<void>;
}

export async function startSoakKiosk(
  role: 'mirror' | 'checkout',
  enroll: { url: string; code: string },
  metricsMs: number,
  /** KIOSK_RETENTION_SCALE: months of retention compressed into the soak's minutes. */
  retentionScale: number,
): Promise<SoakKiosk> {
  const dir = tempDir(`soak-${role}-`);
  const pairs: PtyPair[] = [];
  const pair = async (name: string) => {
    const created = await createPtyPair(dir.path, name);
    pairs.push(created);
    return created;
  };
  const scannerPair = await pair('scanner');
  const rfidPair = await pair('rfid');
  const printerPair = role === 'checkout' ? await pair('printer') : null;
  let receipts = 0;
  const printer = printerPair
    ? await PrinterSimulator.open(printerPair.simPath, {
        onDocument: () => {
          receipts += 1;
        },
      })
    : null;
  const metricsFile = join(dir.path, 'metrics.jsonl');
  const kiosk = await startKiosk(
    {
      storeId: 'S001',
      role,
      language: 'zh-CN',
      idleSeconds: 600,
      devices: [
        serialScanner(scannerPair.devicePath),
        rfidDeviceConfig(rfidPair.devicePath),
        ...(printerPair
          ? [
              {
                id: 'printer-1',
                kind: 'printer',
                transport: 'serial',
                path: printerPair.devicePath,
                baudRate: 115200,
              },
            ]
          : []),
      ],
    },
    {
      enroll,
      env: {
        KIOSK_METRICS_FILE: metricsFile,
        KIOSK_METRICS_MS: String(metricsMs),
        KIOSK_LOG_LEVEL: 'warn',
        KIOSK_RETENTION_SCALE: String(retentionScale),
      },
    },
  );
  const scanner = new TtyWriter(scannerPair.simPath);
  const rfid = rfidField(rfidPair.simPath);
  const bridge = bridgeClient(kiosk.url);
  return {
    role,
    process: kiosk,
    pid: kiosk.child.pid ?? 0,
    metricsFile,
    bridge,
    scan: (text) => scanner.write(`${text}\r`),
    rfid,
    receipts: () => {
      // The simulator keeps every document; the soak only counts them.
      printer?.documents.splice(0);
      return receipts;
    },
    until(ready, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const done = (view: SessionView) => {
          clearTimeout(timer);
          off();
          resolve(view);
        };
        const off = bridge.on('session.changed', (view) => {
          if (ready(view)) done(view);
        });
        const timer = setTimeout(() => {
          off();
          void bridge['session.current']({}).then((current) =>
            current.ok && ready(current.value)
              ? resolve(current.value)
              : reject(new Error(`${role}: the screen did not reach the expected state`)),
          );
        }, timeoutMs);
      });
    },
    async stop() {
      bridge.close();
      scanner.close();
      rfid.close();
      await kiosk.stop();
      await printer?.close();
      for (const p of pairs) await p.close();
      dir.remove();
    },
  };
}
