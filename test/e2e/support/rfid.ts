/**
 * A UHF RFID reader for the screen suites: the kiosk opens one end of its own pty pair as an
 * ASCII-protocol reader; the test writes `EPC=..;ANT=..;RSSI=..` lines (formatAsciiRead) into the
 * other end, exactly the bytes a reader's firmware sends. Tags carry demo garments as SGTIN-96.
 */
import { formatAsciiRead } from '../../../device/rfid/ascii-protocol';
import { TtyWriter } from '../../../device/sim/line-writer';
import { encodeSgtin96 } from '../../../device/sim/sgtin-encoder';

/**
 * Debouncer settings for tests: 3 reads within 2 s at -65 dBm or stronger enter; 1.5 s without a
 * read leaves (short, so a test sees a garment leave without waiting the production 3 s).
 */
export const testDebounce = { enterReads: 3, windowMs: 2000, rssiFloor: -65, leaveAfterMs: 1500 };

/** The kiosk config entry of the reader on `devicePath`. */
export function rfidDeviceConfig(devicePath: string): object {
  return {
    id: 'rfid-1',
    kind: 'rfid',
    transport: 'serial',
    path: devicePath,
    baudRate: 115200,
    protocol: 'ascii',
    debounce: testDebounce,
  };
}

/** The EPC of one physical piece (`serial`) of a demo garment (`gtin`). */
export function demoEpc(gtin: string, serial: number): string {
  return encodeSgtin96({ gtin, serial });
}

export interface ReadOptions {
  count?: number;
  /** dBm; the default -50 is a garment right by the antenna. */
  rssi?: number;
  antenna?: number;
}

export interface RfidField {
  /** Writes `count` reads of a tag at once (default 5: enough to enter). */
  read(epc: string, options?: ReadOptions): void;
  /** Reads the tag every `everyMs` until the returned function is called: a garment left in the field. */
  hold(epc: string, everyMs?: number): () => void;
  close(): void;
}

export function rfidField(simPath: string): RfidField {
  const writer = new TtyWriter(simPath);
  const holds = new Set<NodeJS.Timeout>();
  const read = (epc: string, { count = 5, rssi = -50, antenna = 1 }: ReadOptions = {}) => {
    const line = formatAsciiRead({ epc, antenna, rssi });
    writer.write(line.repeat(count));
  };
  return {
    read,
    hold(epc, everyMs = 300) {
      read(epc, { count: 3 });
      const timer = setInterval(() => read(epc, { count: 1 }), everyMs);
      holds.add(timer);
      return () => {
        clearInterval(timer);
        holds.delete(timer);
      };
    },
    close() {
      for (const timer of holds) clearInterval(timer);
      holds.clear();
      writer.close();
    },
  };
}
