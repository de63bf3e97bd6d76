/** The ESC/POS printer driver against the printer simulator on a pty: jobs, DLE EOT status, unplug. */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp';
import { EscPos } from '../printer/escpos-encoder';
import { memoryJobStorage } from '../printer/jobs';
import { SerialLineDevice } from '../serial/serial-line-device';
import { documentText, PrinterSimulator } from '../sim/printer-sim';
import { createPtyPair, type PtyPair } from '../sim/pty-pair';
import { passThroughFramer } from './framers';
import { ReceiptPrinter } from './receipt-printer';
import { until } from '../../test/support/until';

let dir: ReturnType<typeof tempDir>;
let pair: PtyPair;
let printer: ReceiptPrinter;
let sim: PrinterSimulator | null = null;

function receipt(line: string): Uint8Array {
  return new EscPos().init().text(`${line}\n`).cut().encode();
}

async function open() {
  dir = tempDir();
  pair = await createPtyPair(dir.path, 'printer');
  sim = await PrinterSimulator.open(pair.simPath);
  const serial = new SerialLineDevice({
    id: 'printer-1',
    role: 'printer',
    path: pair.devicePath,
    baudRate: 115200,
    createFramer: passThroughFramer,
    watchMs: 50,
    backoffMs: { min: 50, max: 200 },
  });
  printer = new ReceiptPrinter(serial, {
    id: 'printer-1',
    statusPollMs: 200,
    statusTimeoutMs: 500,
    storage: memoryJobStorage(),
  });
  await printer.open();
  await until(() => printer.status !== null, 'first status');
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = null;
  await printer.close();
  await pair.close();
  dir.remove();
});

describe('ReceiptPrinter', () => {
  it('prints a job once: a retry with the same id returns the first outcome and prints nothing', async () => {
    const sim = await open();
    const first = await printer.print('sale-1', receipt('TOTAL 199.00'));
    expect(first).toMatchObject({ status: 'printed', firstSubmit: true });
    const again = await printer.print('sale-1', receipt('TOTAL 199.00'));
    expect(again).toMatchObject({ status: 'printed', firstSubmit: false });
    await until(() => sim.documents.length === 1, 'the document');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.documents).toHaveLength(1);
    expect(documentText(sim.documents[0]!)).toContain('TOTAL 199.00');
  });

  it('surfaces paper out as state error, refuses the job without recording it, then prints it once fixed', async () => {
    const sim = await open();
    expect(printer.snapshot()).toMatchObject({ state: 'ready', warning: null });
    sim.status = { ...sim.status, paperOut: true };
    await printer.refreshStatus();
    expect(printer.snapshot()).toMatchObject({ state: 'error', warning: 'paper out' });
    const refused = await printer.print('sale-2', receipt('A'));
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'printer-error' } });
    sim.status = { ...sim.status, paperOut: false, paperNearEnd: true };
    await printer.refreshStatus();
    expect(printer.snapshot()).toMatchObject({ state: 'ready', warning: 'paper near end' });
    expect(await printer.print('sale-2', receipt('A'))).toMatchObject({ status: 'printed' });
    await until(() => sim.documents.length === 1, 'the document');
  });

  it('reports cover open, ignores garbage bytes between status replies', async () => {
    const sim = await open();
    sim.status = { ...sim.status, coverOpen: true };
    await sim.send(Uint8Array.of(0xff, 0x00, 0x41));
    await until(
      () => printer.snapshot().warning === 'cover open',
      'cover open from the periodic poll',
    );
    expect(printer.snapshot().state).toBe('error');
  });

  it('goes to reconnecting when unplugged and prints again after replug', async () => {
    await open();
    await sim?.close();
    sim = null;
    await pair.unplug();
    await until(() => printer.snapshot().state === 'reconnecting', 'reconnecting');
    expect(await printer.print('sale-3', receipt('B'))).toMatchObject({ status: 'failed' });
    await pair.replug();
    sim = await PrinterSimulator.open(pair.simPath);
    await until(() => printer.snapshot().state === 'ready', 'ready again');
    expect(await printer.print('sale-3', receipt('B'))).toMatchObject({
      status: 'printed',
      firstSubmit: true,
    });
    await until(() => (sim?.documents.length ?? 0) === 1, 'the document after replug');
  });
});
