/** A serial scanner on a fresh pty pair, as the scan benches drive the kiosk: its config and writer. */
import { TtyWriter } from '../../device/sim/line-writer';
import { createPtyPair, type PtyPair } from '../../device/sim/pty-pair';

export interface PtyScanner {
  pair: PtyPair;
  /** The kiosk config's device entry for this scanner (CR-terminated scans). */
  device: {
    id: 'scanner-1';
    kind: 'scanner';
    transport: 'serial';
    path: string;
    suffix: '\r';
  };
  /** Writes scans into the simulator's end of the pair. */
  writer(): TtyWriter;
}

export async function ptyScanner(dir: string): Promise<PtyScanner> {
  const pair = await createPtyPair(dir, 'scanner');
  return {
    pair,
    device: {
      id: 'scanner-1',
      kind: 'scanner',
      transport: 'serial',
      path: pair.devicePath,
      suffix: '\r',
    },
    writer: () => new TtyWriter(pair.simPath),
  };
}
